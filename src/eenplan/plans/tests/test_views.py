# SPDX-License-Identifier: EUPL-1.2
"""The plan printed for the household."""

import pytest
from django.urls import reverse

from eenplan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_printed_plan_shows_the_goals_in_the_households_words_and_is_audited(
    client, director, agreed_plan
):
    goal = agreed_plan.goals.get()
    client.force_login(director)
    response = client.get(reverse("plans:print", kwargs={"uuid": agreed_plan.uuid}))
    page = response.content.decode()
    assert response.status_code == 200
    assert goal.description in page
    assert agreed_plan.next_review_due.strftime("%d-%m-%Y") in page
    assert 'id="print-button"' in page and "<script>" not in page
    entry = AuditEntry.objects.filter(action="plan.print").get()
    assert set(entry.person_ids) == {p.pk for p in agreed_plan.case.household.members()}


def test_involved_colleague_reads_the_plan_but_does_not_print_it(
    client, professional, agreed_plan
):
    from eenplan.cases.models import Involvement

    Involvement.objects.create(
        case=agreed_plan.case, professional=professional, role="buurtwerker"
    )
    client.force_login(professional)
    assert (
        client.get(reverse("plans:plan", kwargs={"uuid": agreed_plan.uuid})).status_code
        == 200
    )
    url = reverse("plans:print", kwargs={"uuid": agreed_plan.uuid})
    assert client.get(url).status_code == 403
