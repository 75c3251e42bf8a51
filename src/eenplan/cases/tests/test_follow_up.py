# SPDX-License-Identifier: EUPL-1.2
"""Aftercare: the follow-up check after closing (issue 11, part 2)."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eenplan.access.actions import Action
from eenplan.access.errors import Refused
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import DirectorFactory, TeamLeaderFactory
from eenplan.assessments.tests.factories import full_scores
from eenplan.audit.models import AuditEntry
from eenplan.cases import domain, services
from eenplan.cases.errors import (
    FollowUpAlreadyRecorded,
    FollowUpCaseReopened,
    FollowUpMonthsOutOfRange,
    FollowUpNotDue,
    FollowUpQuestionRequired,
)
from eenplan.cases.models import Case, FollowUp, FollowUpDefault
from eenplan.cases.selectors import follow_ups_due
from eenplan.cases.tests.factories import CaseFactory, FollowUpFactory
from eenplan.core.errors import InvalidChoice
from eenplan.intake.models import Request
from eenplan.intake.selectors import reopened_households
from eenplan.organisations.models import Membership
from eenplan.workspace.selectors import my_work

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _close(case, **overrides):
    kwargs = {
        "reason": Case.ClosureReason.GOALS_REACHED,
        "note": "",
        "closed_on": TODAY(),
        "final_scores": {p: full_scores(4) for p in services.adults_of(case, TODAY())},
        "lock_version": case.lock_version,
    }
    kwargs.update(overrides)
    return services.case_close(actor=act(case.director), case=case, **kwargs)


# Pure rules


def test_months_are_added_by_the_calendar():
    assert domain.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(
        2026, 2, 28
    )
    assert domain.add_months(datetime.date(2026, 11, 15), 3) == datetime.date(
        2027, 2, 15
    )
    assert domain.follow_up_due(datetime.date(2026, 3, 1), None) is None
    assert domain.follow_up_due(datetime.date(2026, 3, 1), 0) is None
    with pytest.raises(ValueError):
        domain.follow_up_due(datetime.date(2026, 3, 1), 25)


# Defaults are data


def test_the_default_terms_are_loaded_as_data():
    terms = dict(FollowUpDefault.objects.values_list("closure_reason", "months"))
    assert terms == {
        "goals_reached": 3,
        "referred": 6,
        "household_stopped": 3,
        "moved": None,
        "other": 3,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpDefault.objects.filter(closure_reason="other").update(months=99)


# Closing sets the check


def test_closing_sets_the_check_after_the_default_term_for_the_reason(
    open_case, life_domains
):
    _close(open_case, reason=Case.ClosureReason.REFERRED)
    check = FollowUp.objects.get(case=open_case)
    assert check.due_on == domain.add_months(TODAY(), 6)
    assert check.owner == open_case.director and check.team == open_case.team
    assert not check.is_recorded


def test_an_edited_default_is_used(open_case, life_domains):
    FollowUpDefault.objects.filter(closure_reason="goals_reached").update(months=2)
    _close(open_case)
    assert FollowUp.objects.get(case=open_case).due_on == domain.add_months(TODAY(), 2)


def test_the_director_chooses_another_term_or_none(open_case, life_domains):
    _close(open_case, follow_up_months=12)
    assert FollowUp.objects.get(case=open_case).due_on == domain.add_months(TODAY(), 12)
    other = CaseFactory(team=open_case.team)
    _close(other, follow_up_months=0)
    assert not FollowUp.objects.filter(case=other).exists()


def test_moved_away_has_no_check_by_default(open_case, life_domains):
    _close(open_case, reason=Case.ClosureReason.MOVED)
    assert not FollowUp.objects.filter(case=open_case).exists()


def test_a_term_beyond_two_years_is_refused_and_nothing_closes(open_case, life_domains):
    with pytest.raises(FollowUpMonthsOutOfRange):
        _close(open_case, follow_up_months=30)
    open_case.refresh_from_db()
    assert open_case.is_open


# Recording the outcome


def test_all_well_is_recorded_and_audited():
    check = FollowUpFactory()
    services.follow_up_record(
        actor=act(check.owner), follow_up=check, outcome="all_well", note="Gaat goed"
    )
    check.refresh_from_db()
    assert check.outcome == "all_well" and check.recorded_by == check.owner
    assert check.recorded_at is not None and check.note == "Gaat goed"
    assert AuditEntry.objects.filter(action=Action.FOLLOW_UP_RECORD).count() == 1
    assert reopened_households() == 0


def test_a_new_request_is_registered_and_the_household_counts_as_reopened():
    check = FollowUpFactory()
    services.follow_up_record(
        actor=act(check.owner),
        follow_up=check,
        outcome="new_request",
        question="Weer schulden.",
    )
    request = Request.objects.get(follows_case=check.case)
    assert request.household == check.case.household
    assert request.status == Request.Status.AWAITING_TRIAGE
    assert request.question == "Weer schulden."
    assert set(request.persons.values_list("pk", flat=True)) == set(
        check.case.concerned_person_ids()
    )
    assert reopened_households() == 1
    assert reopened_households(team_ids=[check.team_id]) == 1
    assert reopened_households(team_ids=[]) == 0


def test_a_new_request_needs_the_question():
    check = FollowUpFactory()
    with pytest.raises(FollowUpQuestionRequired):
        services.follow_up_record(
            actor=act(check.owner), follow_up=check, outcome="new_request"
        )
    check.refresh_from_db()
    assert not check.is_recorded


def test_an_unknown_outcome_is_refused():
    check = FollowUpFactory()
    with pytest.raises(InvalidChoice):
        services.follow_up_record(actor=act(check.owner), follow_up=check, outcome="x")


def test_a_check_is_recorded_once():
    check = FollowUpFactory()
    services.follow_up_record(
        actor=act(check.owner), follow_up=check, outcome="all_well"
    )
    with pytest.raises(FollowUpAlreadyRecorded):
        services.follow_up_record(
            actor=act(check.owner), follow_up=check, outcome="all_well"
        )


def test_a_check_is_not_recorded_before_it_is_due():
    check = FollowUpFactory(due_on=TODAY() + datetime.timedelta(days=1))
    with pytest.raises(FollowUpNotDue):
        services.follow_up_record(
            actor=act(check.owner), follow_up=check, outcome="all_well"
        )


def test_a_reopened_household_is_not_followed_up():
    check = FollowUpFactory()
    CaseFactory(household=check.case.household, team=check.team)
    with pytest.raises(FollowUpCaseReopened):
        services.follow_up_record(
            actor=act(check.owner), follow_up=check, outcome="all_well"
        )
    assert follow_ups_due(actor=act(check.owner), today=TODAY()) == []


def test_another_director_may_not_record_it():
    check = FollowUpFactory()
    other = DirectorFactory(team=check.team)
    with pytest.raises(Refused) as info:
        services.follow_up_record(actor=act(other), follow_up=check, outcome="all_well")
    assert info.value.decision.reason == "not_follow_up_owner"


def test_a_director_who_left_the_team_no_longer_records_it_the_leader_does():
    check = FollowUpFactory()
    leader = TeamLeaderFactory(team=check.team)
    assert follow_ups_due(actor=act(check.owner), today=TODAY()) == [check]
    assert follow_ups_due(actor=act(leader), today=TODAY()) == []
    Membership.objects.filter(user=check.owner, team=check.team).delete()
    assert follow_ups_due(actor=act(check.owner), today=TODAY()) == []
    assert follow_ups_due(actor=act(leader), today=TODAY()) == [check]
    with pytest.raises(Refused):
        services.follow_up_record(
            actor=act(check.owner), follow_up=check, outcome="all_well"
        )
    services.follow_up_record(actor=act(leader), follow_up=check, outcome="all_well")


def test_my_work_lists_due_checks_only():
    due = FollowUpFactory()
    FollowUpFactory(
        case__director=due.owner,
        case__team=due.team,
        owner=due.owner,
        due_on=TODAY() + datetime.timedelta(days=3),
    )
    assert my_work(actor=act(due.owner))["follow_ups"] == [due]


# The page


def test_the_director_records_the_check_on_its_page(client):
    check = FollowUpFactory()
    client.force_login(check.owner)
    url = reverse("cases:follow_up", args=[check.uuid])
    assert client.get(url).status_code == 200
    page = client.get(reverse("workspace:my_work")).content.decode()
    assert url in page
    response = client.post(url, {"outcome": "new_request", "question": ""})
    assert response.status_code == 200
    response = client.post(url, {"outcome": "new_request", "question": "Opnieuw"})
    assert response.status_code == 302
    assert Request.objects.filter(follows_case=check.case).count() == 1


def test_the_team_leader_opens_it_another_director_does_not(client):
    check = FollowUpFactory()
    url = reverse("cases:follow_up", args=[check.uuid])
    client.force_login(TeamLeaderFactory(team=check.team))
    assert client.get(url).status_code == 200
    client.force_login(DirectorFactory(team=check.team))
    assert client.get(url).status_code == 404


def test_the_closing_form_offers_the_usual_term_and_none(client, open_case):
    client.force_login(open_case.director)
    page = client.get(reverse("cases:close", args=[open_case.uuid])).content.decode()
    assert 'name="follow_up"' in page and 'value="default"' in page
    assert 'value="0"' in page


def test_the_closed_case_page_says_when_the_check_is_due_and_its_outcome(client):
    check = FollowUpFactory()
    client.force_login(check.owner)
    case_url = reverse("workspace:case", args=[check.case.uuid])
    page = client.get(case_url).content.decode()
    section = page[page.index('id="follow-up"') :][:200]
    assert check.due_on.strftime("%d-%m-%Y") in section
    services.follow_up_record(
        actor=act(check.owner), follow_up=check, outcome="all_well"
    )
    page = client.get(case_url).content.decode()
    assert str(FollowUp.Outcome.ALL_WELL.label) in page[page.index('id="follow-up"') :][
        :200
    ] or ("Het gaat goed" in page[page.index('id="follow-up"') :][:200])
    recorded = client.get(
        reverse("cases:follow_up", args=[check.uuid])
    ).content.decode()
    assert 'id="follow-up-recorded"' in recorded and 'name="outcome"' not in recorded
