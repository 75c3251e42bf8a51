# SPDX-License-Identifier: EUPL-1.2
"""The assign page (director) and the assigned action's page (assignee) in use."""

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.world import World
from eenplan.plans.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World("receiver")


def test_the_director_assigns_to_an_intake_from_the_page(client, world):
    client.force_login(world.director)
    url = reverse("plans:action_assign", args=[world.action.uuid])
    page = client.get(url).content.decode()
    assert f"org:{world.receiving.uuid}" in page
    response = client.post(url, {"to": f"org:{world.receiving.uuid}"})
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.assignment.organisation == world.receiving


def test_a_forged_choice_is_a_form_error_not_a_500(client, world):
    client.force_login(world.director)
    url = reverse("plans:action_assign", args=[world.action.uuid])
    response = client.post(url, {"to": "user:00000000-0000-0000-0000-000000000000"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    world.action.refresh_from_db()
    assert world.action.assignment is None


def test_the_intake_accepts_and_reports_the_result_on_the_page(client, world):
    client.force_login(world.user)
    url = reverse("plans:assignment", args=[world.assignment.uuid])
    page = client.get(url).content.decode()
    assert "Schuldhulptraject starten" in page and 'name="answer"' in page
    assert client.post(url, {"answer": "1", "answer-accept": "yes"}).status_code == 302
    today = timezone.localdate().strftime("%d-%m-%Y")
    response = client.post(
        url,
        {
            "report": "1",
            "report-reported_on": today,
            "report-text": "Regeling getroffen.",
            "report-is_result": "on",
        },
    )
    assert response.status_code == 302
    world.assignment.refresh_from_db()
    assert world.assignment.status == Assignment.Status.DONE
    # The director sees the result in the plan overview.
    client.force_login(world.director)
    overview = client.get(
        reverse("plans:plan", args=[world.plan.uuid])
    ).content.decode()
    assert 'data-status="done"' in overview


def test_a_decline_without_reason_keeps_the_page_with_an_error(client, world):
    client.force_login(world.user)
    url = reverse("plans:assignment", args=[world.assignment.uuid])
    response = client.post(url, {"answer": "1", "answer-accept": "no"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    world.assignment.refresh_from_db()
    assert world.assignment.status == Assignment.Status.ASSIGNED


def test_the_director_cannot_answer_for_the_partner(client, world):
    client.force_login(world.director)
    url = reverse("plans:assignment", args=[world.assignment.uuid])
    assert 'name="answer"' not in client.get(url).content.decode()
    response = client.post(url, {"answer": "1", "answer-accept": "yes"})
    assert response.status_code == 403
