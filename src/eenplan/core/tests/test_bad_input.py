# SPDX-License-Identifier: EUPL-1.2
"""Bad input reaching a service is a typed error with a clear message, never a
database error (which would be a 500) and never a half-written change."""

import datetime

import pytest
from django.utils import timezone, translation

from eenplan.access.tests.actors import act
from eenplan.assessments.models import LifeDomain
from eenplan.assessments.tests.factories import full_scores
from eenplan.cases import services as case_services
from eenplan.cases.models import Case
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import DateOutOfRange, InvalidChoice, PermissionDenied
from eenplan.intake import services as intake_services
from eenplan.intake.errors import ReferrerRequired, ScreeningLevelOutOfRange
from eenplan.intake.models import Screening, TriageDecision
from eenplan.intake.tests.factories import ScreeningFactory
from eenplan.people import selectors as people_selectors
from eenplan.people import services as people_services
from eenplan.people.tests.factories import members_of
from eenplan.plans import services as plan_services
from eenplan.plans.errors import TargetLevelOutOfRange
from eenplan.plans.models import Action, Plan
from eenplan.plans.tests.factories import ActionFactory, GoalFactory

pytestmark = pytest.mark.django_db


def adults(case):
    today = timezone.localdate()
    return [p for p in members_of(case.household) if p.is_adult_on(today)]


@pytest.mark.parametrize("level", [0, 6])
def test_screening_level_outside_1_to_5_is_refused(front_desk, help_request, level):
    domain = LifeDomain.objects.get(code="financien")
    with pytest.raises(ScreeningLevelOutOfRange):
        intake_services.screening_record(
            actor=act(front_desk),
            request=help_request,
            levels={domain: level},
            safety_concerns=False,
        )
    assert not Screening.objects.filter(request=help_request).exists()


def test_unknown_triage_outcome_is_refused_before_anything_is_written(
    front_desk, help_request
):
    ScreeningFactory(request=help_request)
    with pytest.raises(InvalidChoice):
        intake_services.triage_decide(
            actor=act(front_desk), request=help_request, outcome="send_away"
        )
    assert not TriageDecision.objects.exists()


def test_referred_request_needs_the_referrer(front_desk, household):
    with pytest.raises(ReferrerRequired):
        intake_services.request_register(
            actor=act(front_desk),
            household=household,
            channel="referrer",
            question="Huisarts maakt zich zorgen.",
            persons=members_of(household),
        )


def test_unknown_closure_reason_is_refused(director, open_case):
    with pytest.raises(InvalidChoice):
        case_services.case_close(
            actor=act(director),
            case=open_case,
            reason="bored",
            note="",
            closed_on=timezone.localdate(),
            final_scores={p: full_scores(4) for p in adults(open_case)},
            lock_version=open_case.lock_version,
        )
    assert Case.objects.get(pk=open_case.pk).is_open


def test_case_cannot_close_before_it_opened(director, open_case):
    with pytest.raises(DateOutOfRange):
        case_services.case_close(
            actor=act(director),
            case=open_case,
            reason=Case.ClosureReason.GOALS_REACHED,
            note="",
            closed_on=open_case.opened_on - datetime.timedelta(days=1),
            final_scores={p: full_scores(4) for p in adults(open_case)},
            lock_version=open_case.lock_version,
        )


def test_goal_target_level_outside_1_to_5_is_refused(director, draft_plan):
    with pytest.raises(TargetLevelOutOfRange):
        plan_services.goal_add(
            actor=act(director),
            plan=draft_plan,
            domain=LifeDomain.objects.get(code="financien"),
            description="Schuldenvrij",
            target_level=7,
            lock_version=draft_plan.lock_version,
        )


def test_plan_cannot_be_agreed_in_the_future(director, draft_plan):
    GoalFactory(plan=draft_plan)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DateOutOfRange):
        plan_services.plan_agree(
            actor=act(director),
            plan=draft_plan,
            agreed_on=tomorrow,
            agreed_how=Plan.AgreedHow.IN_PERSON,
            agreed_with="Beide ouders",
            next_review_due=tomorrow,
            lock_version=draft_plan.lock_version,
        )


def test_review_before_the_agreement_is_refused(director, agreed_plan):
    goal = agreed_plan.goals.get()
    with pytest.raises(DateOutOfRange):
        plan_services.review_record(
            actor=act(director),
            plan=agreed_plan,
            held_on=agreed_plan.agreed_on - datetime.timedelta(days=1),
            summary="Te vroeg",
            progress={goal: ("on_track", "")},
        )


def test_review_with_unknown_progress_is_refused(director, agreed_plan):
    goal = agreed_plan.goals.get()
    with pytest.raises(InvalidChoice):
        plan_services.review_record(
            actor=act(director),
            plan=agreed_plan,
            held_on=agreed_plan.agreed_on,
            summary="?",
            progress={goal: ("brilliant", "")},
        )


def test_review_carries_actions_without_a_goal_to_the_next_version(
    director, draft_plan
):
    ActionFactory(plan=draft_plan, goal=None, description="Buurtcoach bellen")
    today = timezone.localdate()
    plan_services.plan_agree(
        actor=act(director),
        plan=draft_plan,
        agreed_on=today,
        agreed_how=Plan.AgreedHow.IN_PERSON,
        agreed_with="Beide ouders",
        next_review_due=today,
        lock_version=draft_plan.lock_version,
    )
    draft = plan_services.review_record(
        actor=act(director),
        plan=draft_plan,
        held_on=today,
        summary="Goed gesprek",
        progress={goal: ("reached", "") for goal in draft_plan.goals.all()},
    )
    assert list(
        Action.objects.filter(plan=draft).values_list("description", flat=True)
    ) == ["Buurtcoach bellen"]


def test_front_desk_cannot_register_a_household_for_another_team(
    front_desk, other_team
):
    with pytest.raises(PermissionDenied):
        people_services.household_create(
            actor=act(front_desk),
            team=other_team,
            postcode="2681AA",
            house_number=1,
            members=[],
        )


def test_director_of_another_team_loses_sight_of_the_household_once_closed(
    other_team,
):
    from eenplan.accounts.tests.factories import DirectorFactory

    outsider = DirectorFactory(team=other_team)
    case = CaseFactory(director=outsider)
    assert people_selectors.household_search(
        actor=act(outsider), postcode=case.household.postcode
    )
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.CLOSED,
        closed_on=timezone.localdate(),
        closure_reason=Case.ClosureReason.GOALS_REACHED,
    )
    assert not people_selectors.household_search(
        actor=act(outsider), postcode=case.household.postcode
    )


def test_error_messages_are_dutch_by_default():
    with translation.override("nl"):
        assert str(InvalidChoice().message) != "Choose one of the options offered."
