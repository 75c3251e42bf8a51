# SPDX-License-Identifier: EUPL-1.2
"""My work lists the cases a professional works on, and a declined referral's
reason and advice show on the case."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.world import World
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.intake.tests.factories import RequestFactory
from eenplan.privacy.models import Consent, DataCategory
from eenplan.workspace.selectors import QUEUE_LIMIT

pytestmark = pytest.mark.django_db


def test_a_partner_finds_the_cases_they_work_on_in_my_work(client):
    world = World("ext_consent")
    client.force_login(world.user)
    page = client.get(reverse("workspace:my_work")).content.decode()
    table = page[page.index('id="involved-cases"') :].split("</table>")[0]
    assert reverse("workspace:case", kwargs={"uuid": world.case.uuid}) in table
    assert world.case.household.address in table
    assert str(world.director) in table
    assert world.plan.next_review_due.strftime("%d-%m-%Y") in table


def test_a_partner_without_basic_data_sees_the_case_without_its_address(client):
    world = World("ext_none")
    client.force_login(world.user)
    page = client.get(reverse("workspace:my_work")).content.decode()
    table = page[page.index('id="involved-cases"') :].split("</table>")[0]
    assert reverse("workspace:case", kwargs={"uuid": world.case.uuid}) in table
    assert world.case.household.address not in table


def test_the_director_reads_why_a_referral_was_declined(client):
    world = World("director")
    Referral.objects.filter(pk=world.referral.pk).update(
        status=Referral.Status.DECLINED,
        decline_reason="Wachtlijst van vier maanden",
        advice="Vraag de POH-GGZ bij de huisarts",
        answered_at=timezone.now(),
    )
    client.force_login(world.director)
    page = client.get(reverse("workspace:case", kwargs={"uuid": world.case.uuid}))
    listed = page.content.decode().split('id="referral-list"')[1].split("</ul>")[0]
    assert "Wachtlijst van vier maanden" in listed
    assert "Vraag de POH-GGZ bij de huisarts" in listed


def _routed_list(client):
    page = client.get(reverse("workspace:my_work")).content.decode()
    return page[page.index('id="routed-requests"') :].split("</ul>")[0]


def test_a_routed_request_shows_its_address_when_basic_data_is_shared(client):
    world = World("receiver")
    client.force_login(world.user)
    assert world.routed.household.address in _routed_list(client)


def test_a_routed_request_without_consent_for_basic_data_hides_the_address(client):
    world = World("receiver")
    basic = DataCategory.objects.get(code="basis")
    for consent in Consent.objects.filter(person__in=world.routed.persons.all()):
        consent.categories.remove(basic)
    client.force_login(world.user)
    listed = _routed_list(client)
    assert reverse("intake:request", kwargs={"uuid": world.routed.uuid}) in listed
    assert world.routed.household.address not in listed


def test_a_refused_report_is_shown_again_with_its_error_and_text(client):
    world = World("director")
    client.force_login(world.director)
    url = reverse("workspace:case", kwargs={"uuid": world.case.uuid})
    text = "Huisbezoek. " * 2000
    response = client.post(url, {"text": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_text_error"' in page
    assert text.strip() in page
    assert not JournalEntry.objects.filter(case=world.case, text=text).exists()


def test_a_long_triage_queue_shows_the_oldest_hundred_and_says_more_wait(client):
    """At a million residents a team's queue held 444 requests on one page."""
    world = World("desk")
    today = timezone.localdate()
    oldest = [
        RequestFactory(
            household=world.case.household, received_on=today - timedelta(days=30)
        )
        for _ in range(QUEUE_LIMIT)
    ]
    newest = RequestFactory(household=world.case.household, received_on=today)
    client.force_login(world.user)
    page = client.get(reverse("workspace:my_work")).content.decode()
    queue = page[page.index('id="triage-heading"') :]
    assert all(
        reverse("intake:request", kwargs={"uuid": r.uuid}) in queue for r in oldest
    )
    assert reverse("intake:request", kwargs={"uuid": newest.uuid}) not in queue
    assert 'id="triage-more"' in queue and "er wachten nog meer aanvragen" in queue


def test_a_short_triage_queue_says_nothing_more_waits(client):
    world = World("desk")
    RequestFactory(household=world.case.household)
    client.force_login(world.user)
    page = client.get(reverse("workspace:my_work")).content.decode()
    assert 'id="triage-heading"' in page and 'id="triage-more"' not in page


def test_a_team_leader_sees_reviews_due_soon_or_overdue_not_planned_ones(client):
    world = World("leader")
    client.force_login(world.user)
    today = timezone.localdate()
    for days, shown in ((-3, True), (7, True), (8, False), (30, False)):
        world.plan.agreed_on = today - timedelta(days=10)
        world.plan.next_review_due = today + timedelta(days=days)
        world.plan.save(update_fields=["agreed_on", "next_review_due"])
        page = client.get(reverse("workspace:my_work")).content.decode()
        reviews = page[page.index('id="reviews-heading"') :].split("</section>")[0]
        assert (world.case.household.address in reviews) is shown, days
