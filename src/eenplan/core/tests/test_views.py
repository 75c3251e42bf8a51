# SPDX-License-Identifier: EUPL-1.2
"""Every staff page requires a login, answers in Dutch and has a plain title.

Who may use which page is the access matrix (access/tests/test_access_matrix.py);
these tests walk the same route table.
"""

import re

import pytest
from django.urls import reverse

from eenplan.access.tests.test_access_matrix import NOT_HTML as MATRIX_NOT_HTML
from eenplan.access.tests.test_access_matrix import ROUTES, request, url_of
from eenplan.access.tests.world import World
from eenplan.intake.tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_staff_page_requires_login(client, name):
    world = World("director")
    response = request(client, world, name)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_refusal_is_a_clear_page_in_dutch(client):
    world = World("colleague")
    client.force_login(world.user)
    response = client.get(reverse("people:household_new"))
    assert response.status_code == 403
    assert response["Content-Language"] == "nl"
    assert "<h1" in response.content.decode()


# A CSV download; redirects (a notification to its page, one team to its overview).
# Files, and pages that only redirect: no title of their own.
NOT_HTML = MATRIX_NOT_HTML | {"inbox:open", "workspace:teams", "insights:index"}


@pytest.mark.parametrize(
    "name",
    sorted(
        n for n, route in ROUTES.items() if route.method == "get" if n not in NOT_HTML
    ),
)
def test_page_title_is_short_plain_text(client, name):
    allowed = ROUTES[name].allowed
    actor = next(
        a
        for a in ("director", "leader", "desk", "privacy_officer", "management")
        if a in allowed
    )
    world = World(actor)
    client.force_login(world.user)
    title = title_of(client.get(url_of(world, name))).strip()
    assert title.endswith("— Eenplan")
    assert "<" not in title and len(title) < 80


def test_request_page_title_is_plain_while_waiting_for_triage(client):
    world = World("desk")
    waiting = RequestFactory(household=world.case.household)
    client.force_login(world.user)
    response = client.get(reverse("intake:request", kwargs={"uuid": waiting.uuid}))
    title = title_of(response)
    assert "<" not in title and len(title) < 80
