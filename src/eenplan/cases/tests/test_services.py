# SPDX-License-Identifier: EUPL-1.2
"""Opening, handing over and closing a case through the services."""

import datetime

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import (
    DirectorFactory,
    FrontDeskFactory,
    TeamLeaderFactory,
    add_membership,
)
from eenplan.assessments.errors import IncompleteAssessment, NotAnAdultMember
from eenplan.assessments.models import Assessment
from eenplan.assessments.tests.factories import full_scores
from eenplan.audit.models import AuditEntry
from eenplan.cases import services
from eenplan.cases.errors import (
    CaseAlreadyOpen,
    CaseClosed,
    ClosureReasonRequired,
    FinalAssessmentRequired,
    NotADirector,
    RequestNotAwaitingDirector,
)
from eenplan.cases.models import Case, Intake
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import ConcurrentChange, PermissionDenied
from eenplan.intake.models import Request
from eenplan.intake.tests.factories import RequestFactory
from eenplan.people.tests.factories import members_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_request(request_awaiting_director):
    return request_awaiting_director


def adults(household):
    today = timezone.localdate()
    return [p for p in members_of(household) if p.is_adult_on(today)]


def close_kwargs(case, **overrides):
    kwargs = {
        "reason": Case.ClosureReason.GOALS_REACHED,
        "note": "  Doelen bereikt.  ",
        "closed_on": timezone.localdate(),
        "final_scores": {p: full_scores(4) for p in adults(case.household)},
        "lock_version": case.lock_version,
    }
    kwargs.update(overrides)
    return kwargs


# Opening a case


def test_team_leader_opens_the_case_with_a_director(
    team_leader, director, waiting_request
):
    case = services.case_open(
        actor=act(team_leader), request=waiting_request, director=director
    )
    case.refresh_from_db()
    assert case.is_open
    assert case.director == director
    assert case.household == waiting_request.household
    assert case.team == waiting_request.household.team
    assert case.request == waiting_request
    assert case.opened_on == timezone.localdate()
    waiting_request.refresh_from_db()
    assert waiting_request.status == Request.Status.IN_CASE


def test_opening_a_case_is_audited_with_the_household_person_ids(
    team_leader, director, waiting_request, household
):
    case = services.case_open(
        actor=act(team_leader), request=waiting_request, director=director
    )
    entry = AuditEntry.objects.get(action="case.open")
    assert entry.actor == team_leader
    assert entry.object_type == "cases.case"
    assert entry.object_uuid == case.uuid
    assert entry.outcome == "allowed"
    assert entry.person_ids == sorted(p.pk for p in members_of(household))


def test_audit_entries_never_contain_a_bsn_or_a_name(
    team_leader, director, waiting_request, household
):
    services.case_open(
        actor=act(team_leader), request=waiting_request, director=director
    )
    stored = str(model_to_dict(AuditEntry.objects.get(action="case.open")))
    for person in members_of(household):
        assert person.bsn
        assert person.bsn not in stored
        assert person.family_name not in stored


def test_second_open_case_for_household_is_refused(
    team_leader, director, open_case, household
):
    second = RequestFactory(household=household, awaiting_director=True)
    with pytest.raises(CaseAlreadyOpen):
        services.case_open(actor=act(team_leader), request=second, director=director)
    assert Case.objects.filter(household=household).count() == 1
    second.refresh_from_db()
    assert second.status == Request.Status.AWAITING_DIRECTOR


def test_a_household_gets_a_new_case_after_the_old_one_closed(
    team_leader, director, household
):
    old = CaseFactory(household=household, director=director, closed=True)
    request = RequestFactory(household=household, awaiting_director=True)
    case = services.case_open(
        actor=act(team_leader), request=request, director=director
    )
    assert case.pk != old.pk
    assert case.is_open


def test_closing_then_reopening_through_the_services(
    team_leader, director, waiting_request, household
):
    case = services.case_open(
        actor=act(team_leader), request=waiting_request, director=director
    )
    services.case_close(actor=act(director), case=case, **close_kwargs(case))
    request = RequestFactory(household=household, awaiting_director=True)
    again = services.case_open(
        actor=act(team_leader), request=request, director=director
    )
    assert again.is_open
    assert Case.objects.filter(household=household).count() == 2


@pytest.mark.parametrize(
    "status",
    [
        Request.Status.AWAITING_TRIAGE,
        Request.Status.ROUTED,
        Request.Status.CLOSED,
        Request.Status.IN_CASE,
    ],
)
def test_only_a_request_awaiting_a_director_opens_a_case(
    team_leader, director, household, status
):
    request = RequestFactory(household=household, status=status)
    with pytest.raises(RequestNotAwaitingDirector):
        services.case_open(actor=act(team_leader), request=request, director=director)
    assert not Case.objects.exists()


def test_front_desk_cannot_open_a_case(front_desk, director, waiting_request):
    with pytest.raises(PermissionDenied):
        services.case_open(
            actor=act(front_desk), request=waiting_request, director=director
        )
    assert not Case.objects.exists()


def test_a_director_cannot_open_a_case_for_themselves(director, waiting_request):
    with pytest.raises(PermissionDenied):
        services.case_open(
            actor=act(director), request=waiting_request, director=director
        )


def test_team_leader_of_another_team_cannot_open_the_case(
    other_team, director, waiting_request
):
    outsider = TeamLeaderFactory(team=other_team)
    with pytest.raises(PermissionDenied) as info:
        services.case_open(
            actor=act(outsider), request=waiting_request, director=director
        )
    assert info.value.status == 403
    assert not Case.objects.exists()


def test_a_professional_who_may_not_direct_is_not_assigned(
    team_leader, professional, waiting_request
):
    with pytest.raises(NotADirector):
        services.case_open(
            actor=act(team_leader), request=waiting_request, director=professional
        )
    assert not Case.objects.exists()


def test_a_director_of_another_team_is_not_assigned(
    team_leader, other_team, waiting_request
):
    elsewhere = DirectorFactory(team=other_team)
    with pytest.raises(NotADirector):
        services.case_open(
            actor=act(team_leader), request=waiting_request, director=elsewhere
        )


def test_the_front_desk_is_not_assigned_as_director(
    team_leader, front_desk, waiting_request
):
    with pytest.raises(NotADirector):
        services.case_open(
            actor=act(team_leader), request=waiting_request, director=front_desk
        )


def test_directors_for_team_lists_only_those_who_can_direct(
    team, director, professional, front_desk, team_leader, other_team
):
    DirectorFactory(team=other_team)
    assert services.directors_for_team(team) == [director]


def test_directors_for_team_lists_a_director_once_with_two_roles(team, director):
    add_membership(director, team, role="team_leader", can_direct=True)
    assert services.directors_for_team(team) == [director]


# Handing over

HANDOVER = {"note": "Overdracht wegens ziekte.", "household_told": "phone"}


def test_team_leader_hands_the_case_to_another_director(team, team_leader, open_case):
    successor = DirectorFactory(team=team)
    services.case_change_director(
        actor=act(team_leader),
        case=open_case,
        director=successor,
        lock_version=open_case.lock_version,
        **HANDOVER,
    )
    open_case.refresh_from_db()
    assert open_case.director == successor
    assert open_case.lock_version == 1
    assert AuditEntry.objects.filter(action="case.change_director").count() == 1


def test_a_stale_hand_over_is_detected(team, team_leader, open_case):
    stale = Case.objects.get(pk=open_case.pk)
    services.case_change_director(
        actor=act(team_leader),
        case=open_case,
        director=DirectorFactory(team=team),
        lock_version=0,
        **HANDOVER,
    )
    with pytest.raises(ConcurrentChange):
        services.case_change_director(
            actor=act(team_leader),
            case=stale,
            director=DirectorFactory(team=team),
            lock_version=stale.lock_version,
            **HANDOVER,
        )
    stale.refresh_from_db()
    assert stale.director == open_case.director


def test_hand_over_to_someone_who_may_not_direct_is_refused(
    team_leader, professional, open_case
):
    with pytest.raises(NotADirector):
        services.case_change_director(
            actor=act(team_leader),
            case=open_case,
            director=professional,
            lock_version=0,
            **HANDOVER,
        )
    open_case.refresh_from_db()
    assert open_case.lock_version == 0


def test_a_closed_case_is_not_handed_over(team, team_leader, household):
    case = CaseFactory(household=household, closed=True)
    with pytest.raises(CaseClosed):
        services.case_change_director(
            actor=act(team_leader),
            case=case,
            director=DirectorFactory(team=team),
            lock_version=0,
            **HANDOVER,
        )


# Intake


def test_director_records_the_intake(director, open_case):
    services.intake_record(
        actor=act(director),
        case=open_case,
        held_on=timezone.localdate(),
        underlying_need="  Eenzaamheid achter de scootmobiel.  ",
    )
    intake = Intake.objects.get(case=open_case)
    assert intake.underlying_need == "Eenzaamheid achter de scootmobiel."
    assert intake.conducted_by == director


def test_recording_the_intake_again_corrects_it(director, open_case):
    for need in ("eerste versie", "tweede versie"):
        services.intake_record(
            actor=act(director),
            case=open_case,
            held_on=timezone.localdate(),
            underlying_need=need,
        )
    assert Intake.objects.get(case=open_case).underlying_need == "tweede versie"


def test_another_professional_cannot_record_the_intake(professional, open_case):
    with pytest.raises(PermissionDenied):
        services.intake_record(
            actor=act(professional),
            case=open_case,
            held_on=timezone.localdate(),
            underlying_need="x",
        )


# Closing


def test_director_closes_the_case_with_a_final_zrm_for_every_adult(
    director, open_case, household
):
    services.case_close(actor=act(director), case=open_case, **close_kwargs(open_case))
    open_case.refresh_from_db()
    assert open_case.status == Case.Status.CLOSED
    assert open_case.closed_on == timezone.localdate()
    assert open_case.closure_reason == Case.ClosureReason.GOALS_REACHED
    assert open_case.closure_note == "Doelen bereikt."
    closure = Assessment.objects.filter(case=open_case, kind=Assessment.Kind.CLOSURE)
    assert {a.person for a in closure} == set(adults(household))
    assert AuditEntry.objects.filter(action="case.close").count() == 1


def test_closing_without_a_final_zrm_for_an_adult_is_refused(director, open_case):
    first, *_ = adults(open_case.household)
    kwargs = close_kwargs(open_case, final_scores={first: full_scores(4)})
    with pytest.raises(FinalAssessmentRequired):
        services.case_close(actor=act(director), case=open_case, **kwargs)
    open_case.refresh_from_db()
    assert open_case.is_open
    assert not Assessment.objects.exists()


def test_closing_without_a_reason_is_refused(director, open_case):
    with pytest.raises(ClosureReasonRequired):
        services.case_close(
            actor=act(director), case=open_case, **close_kwargs(open_case, reason="")
        )
    open_case.refresh_from_db()
    assert open_case.is_open


def test_a_child_needs_no_final_zrm_and_may_not_get_one(director, open_case):
    child = next(
        p
        for p in members_of(open_case.household)
        if not p.is_adult_on(timezone.localdate())
    )
    kwargs = close_kwargs(open_case)
    kwargs["final_scores"][child] = full_scores(4)
    with pytest.raises(NotAnAdultMember):
        services.case_close(actor=act(director), case=open_case, **kwargs)
    open_case.refresh_from_db()
    assert open_case.is_open
    # The adults' assessments, their audit rows and the lock bump roll back too.
    assert open_case.lock_version == 0
    assert not Assessment.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_incomplete_final_zrm_keeps_the_case_open(director, open_case):
    kwargs = close_kwargs(open_case)
    first = next(iter(kwargs["final_scores"]))
    kwargs["final_scores"][first] = dict(list(full_scores(4).items())[:5])
    with pytest.raises(IncompleteAssessment):
        services.case_close(actor=act(director), case=open_case, **kwargs)
    open_case.refresh_from_db()
    assert open_case.is_open
    assert not Assessment.objects.exists()


def test_closing_a_case_changed_meanwhile_is_refused(director, open_case):
    with pytest.raises(ConcurrentChange):
        services.case_close(
            actor=act(director),
            case=open_case,
            **close_kwargs(open_case, lock_version=open_case.lock_version + 1),
        )
    open_case.refresh_from_db()
    assert open_case.is_open


def test_another_professional_cannot_close_the_case(professional, open_case):
    with pytest.raises(PermissionDenied):
        services.case_close(
            actor=act(professional), case=open_case, **close_kwargs(open_case)
        )


def test_a_closed_case_cannot_be_closed_again(director, household):
    case = CaseFactory(household=household, director=director, closed=True)
    closed_on = case.closed_on
    with pytest.raises(CaseClosed):
        services.case_close(
            actor=act(director),
            case=case,
            **close_kwargs(case, closed_on=closed_on + datetime.timedelta(days=3)),
        )
    case.refresh_from_db()
    assert case.closed_on == closed_on


def test_the_team_leader_may_close_a_case_of_the_team(team_leader, open_case):
    services.case_close(
        actor=act(team_leader), case=open_case, **close_kwargs(open_case)
    )
    open_case.refresh_from_db()
    assert not open_case.is_open


def test_front_desk_of_the_team_cannot_close_a_case(team, open_case):
    with pytest.raises(PermissionDenied):
        services.case_close(
            actor=act(FrontDeskFactory(team=team)),
            case=open_case,
            **close_kwargs(open_case),
        )
