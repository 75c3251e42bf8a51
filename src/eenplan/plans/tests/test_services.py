# SPDX-License-Identifier: EUPL-1.2
"""Writing, agreeing and reviewing the household's one plan through the services."""

import datetime

import pytest
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.assessments.models import LifeDomain
from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import (
    CaseClosed,
    ConcurrentChange,
    InvalidChoice,
    PermissionDenied,
)
from eenplan.people.tests.factories import members_of
from eenplan.plans import services
from eenplan.plans.errors import (
    AgreementIncomplete,
    NotReviewable,
    PlanExists,
    PlanWithoutGoals,
    ProgressIncomplete,
    ReviewTooLate,
)
from eenplan.plans.models import (
    Action,
    Goal,
    GoalProgress,
    Plan,
    PlanLocked,
    Review,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
# After the case opened (factories: 60 days ago), so that a review six weeks
# later still lies in the past.
AGREED_ON = timezone.localdate() - 45 * DAY
P = GoalProgress.Progress


def domain(code):
    return LifeDomain.objects.get(code=code)


def add_goal(actor, plan, code="financien", text="Rust in de financiën"):
    return services.goal_add(
        actor=act(actor),
        plan=plan,
        domain=domain(code),
        description=text,
        target_level=4,
        lock_version=plan.lock_version,
    )


def add_action(actor, plan, goal, text="Post openen", performer="Moeder"):
    return services.action_add(
        actor=act(actor),
        plan=plan,
        goal=goal,
        description=text,
        performer_kind=Action.PerformerKind.HOUSEHOLD,
        performer=performer,
        due_on=timezone.localdate() + 14 * DAY,
        lock_version=plan.lock_version,
    )


def agree(actor, plan, *, agreed_on=AGREED_ON, review_in=42, **overrides):
    kwargs = {
        "agreed_on": agreed_on,
        "agreed_how": Plan.AgreedHow.IN_PERSON,
        "agreed_with": "Moeder en vader",
        "next_review_due": (agreed_on or AGREED_ON) + review_in * DAY,
        "lock_version": plan.lock_version,
    }
    kwargs.update(overrides)
    return services.plan_agree(actor=act(actor), plan=plan, **kwargs)


@pytest.fixture
def draft(director, open_case):
    """Version 1 as a draft with one goal, written by the director."""
    plan = services.plan_start(actor=act(director), case=open_case)
    add_goal(director, plan)
    return plan


@pytest.fixture
def agreed(director, draft):
    return agree(director, draft)


# Starting and writing


def test_director_starts_version_one_as_a_draft(director, open_case):
    plan = services.plan_start(actor=act(director), case=open_case)
    plan.refresh_from_db()
    assert plan.version == 1
    assert plan.is_draft
    assert plan.created_by == director
    entry = AuditEntry.objects.get(action="plan.start")
    assert entry.person_ids == sorted(p.pk for p in members_of(open_case.household))


def test_a_case_has_one_plan_started_once(director, draft):
    with pytest.raises(PlanExists):
        services.plan_start(actor=act(director), case=draft.case)
    assert Plan.objects.filter(case=draft.case).count() == 1


def test_a_professional_who_is_not_the_director_cannot_start_the_plan(
    professional, open_case
):
    with pytest.raises(PermissionDenied):
        services.plan_start(actor=act(professional), case=open_case)
    assert not Plan.objects.exists()


def test_a_professional_who_is_not_the_director_cannot_add_a_goal(professional, draft):
    with pytest.raises(PermissionDenied):
        add_goal(professional, draft, code="justitie")
    assert draft.goals.count() == 1


def test_the_team_leader_may_write_the_plan(team_leader, draft):
    add_goal(team_leader, draft, code="huisvesting")
    assert draft.goals.count() == 2


def test_no_plan_is_started_on_a_closed_case(director, household):
    case = CaseFactory(household=household, director=director, closed=True)
    with pytest.raises(CaseClosed):
        services.plan_start(actor=act(director), case=case)


def test_adding_a_goal_bumps_the_lock_version(director, draft):
    before = Plan.objects.get(pk=draft.pk).lock_version
    goal = add_goal(director, draft, code="huisvesting", text="  Een eigen plek  ")
    assert goal.description == "Een eigen plek"
    assert goal.position == 1
    assert Plan.objects.get(pk=draft.pk).lock_version == before + 1
    assert draft.lock_version == before + 1


def test_a_change_on_a_stale_copy_of_the_plan_is_refused(director, draft):
    stale = Plan.objects.get(pk=draft.pk)
    add_goal(director, draft, code="huisvesting")
    with pytest.raises(ConcurrentChange):
        add_goal(director, stale, code="justitie")
    assert list(draft.goals.values_list("domain__code", flat=True)) == [
        "financien",
        "huisvesting",
    ]


def test_agreeing_a_stale_copy_is_refused(director, draft):
    stale = Plan.objects.get(pk=draft.pk)
    add_goal(director, draft, code="huisvesting")
    with pytest.raises(ConcurrentChange):
        agree(director, stale)
    assert Plan.objects.get(pk=draft.pk).is_draft


def test_an_action_can_be_removed_from_a_draft(director, draft):
    goal = draft.goals.get()
    action = add_action(director, draft, goal)
    services.action_remove(
        actor=act(director), action=action, lock_version=draft.lock_version
    )
    assert not Action.objects.exists()


def test_an_action_cannot_point_at_a_goal_of_another_plan(director, draft):
    other_goal = Goal.objects.create(
        plan=Plan.objects.create(case=CaseFactory(), version=1, created_by=director),
        domain=domain("justitie"),
        description="x",
        target_level=3,
    )
    with pytest.raises(InvalidChoice):
        add_action(director, draft, other_goal)
    assert not Action.objects.exists()


# Agreeing


def test_plan_agreed_with_a_review_six_weeks_later(director, draft):
    agree(director, draft, review_in=42)
    draft.refresh_from_db()
    assert draft.status == Plan.Status.AGREED
    assert draft.agreed_on == AGREED_ON
    assert draft.next_review_due == AGREED_ON + 42 * DAY
    assert draft.agreed_with == "Moeder en vader"
    assert AuditEntry.objects.filter(action="plan.agree").count() == 1


def test_a_review_on_day_43_is_too_late(director, draft):
    with pytest.raises(ReviewTooLate):
        agree(director, draft, review_in=43)
    draft.refresh_from_db()
    assert draft.is_draft
    assert draft.next_review_due is None


def test_a_review_before_the_agreement_is_refused(director, draft):
    with pytest.raises(ReviewTooLate):
        agree(director, draft, review_in=-1)


def test_a_plan_without_goals_cannot_be_agreed(director, open_case):
    plan = services.plan_start(actor=act(director), case=open_case)
    with pytest.raises(PlanWithoutGoals):
        agree(director, plan)
    assert Plan.objects.get(pk=plan.pk).is_draft


@pytest.mark.parametrize(
    "missing", [{"agreed_how": ""}, {"agreed_with": "  "}, {"agreed_on": None}]
)
def test_agreement_needs_when_how_and_with_whom(director, draft, missing):
    with pytest.raises(AgreementIncomplete):
        agree(director, draft, **missing)
    assert Plan.objects.get(pk=draft.pk).is_draft


def test_a_professional_cannot_agree_the_plan(director, professional, draft):
    with pytest.raises(PermissionDenied):
        agree(professional, draft)


# Immutability once agreed


def test_no_goal_is_added_to_an_agreed_plan(director, agreed):
    with pytest.raises(PlanLocked):
        add_goal(director, agreed, code="justitie")
    assert agreed.goals.count() == 1


def test_no_goal_is_removed_from_an_agreed_plan(director, agreed):
    goal = agreed.goals.get()
    with pytest.raises(PlanLocked):
        services.goal_remove(
            actor=act(director), goal=goal, lock_version=agreed.lock_version
        )
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_no_action_is_added_to_an_agreed_plan(director, agreed):
    with pytest.raises(PlanLocked):
        add_action(director, agreed, agreed.goals.get())
    assert not Action.objects.exists()


def test_an_agreed_plan_is_not_agreed_again(director, agreed):
    with pytest.raises(PlanLocked):
        agree(director, agreed, agreed_on=AGREED_ON + DAY)
    assert Plan.objects.get(pk=agreed.pk).agreed_on == AGREED_ON


def test_a_goal_removed_while_the_plan_was_agreed_meanwhile_is_refused(director, draft):
    goal = draft.goals.get()  # loaded while the plan was a draft
    stale_version = draft.lock_version
    agree(director, draft)
    with pytest.raises((PlanLocked, ConcurrentChange)):
        services.goal_remove(actor=act(director), goal=goal, lock_version=stale_version)
    assert Goal.objects.filter(pk=goal.pk).exists()


# Reviews and versions


@pytest.fixture
def reviewable(director, draft):
    """v1 with three goals, each with an action, agreed."""
    debt = draft.goals.get()
    add_action(director, draft, debt, text="Post openen")
    home = add_goal(director, draft, code="huisvesting", text="Een eigen plek")
    add_action(director, draft, home, text="Inschrijven woningnet", performer="Vader")
    friends = add_goal(director, draft, code="sociaal-netwerk", text="Vrienden maken")
    add_action(director, draft, friends, text="Koffieochtend", performer="Buurman")
    return agree(director, draft)


def progress_for(plan, **by_code):
    return {
        goal: (by_code[goal.domain.code.replace("-", "_")], "")
        for goal in plan.goals.select_related("domain")
    }


def test_review_opens_the_next_version_with_the_unfinished_goals(director, reviewable):
    progress = progress_for(
        reviewable,
        financien=P.ON_TRACK,
        huisvesting=P.NO_PROGRESS,
        sociaal_netwerk=P.REACHED,
    )
    draft = services.review_record(
        actor=act(director),
        plan=reviewable,
        held_on=AGREED_ON + 40 * DAY,
        summary="Goed gesprek",
        progress=progress,
    )
    assert draft.version == 2
    assert draft.is_draft
    carried = {g.domain.code: g for g in draft.goals.select_related("domain")}
    assert set(carried) == {"financien", "huisvesting"}
    assert [a.description for a in carried["financien"].actions.all()] == [
        "Post openen"
    ]
    assert [a.performer for a in carried["huisvesting"].actions.all()] == ["Vader"]
    assert Action.objects.filter(plan=draft).count() == 2


def test_dropped_goals_are_not_carried_over(director, reviewable):
    progress = progress_for(
        reviewable,
        financien=P.DROPPED,
        huisvesting=P.REACHED,
        sociaal_netwerk=P.ON_TRACK,
    )
    draft = services.review_record(
        actor=act(director),
        plan=reviewable,
        held_on=AGREED_ON + 40 * DAY,
        summary="",
        progress=progress,
    )
    assert list(draft.goals.values_list("domain__code", flat=True)) == [
        "sociaal-netwerk"
    ]


def test_the_reviewed_version_stays_as_it_was(director, reviewable):
    def snapshot(plan):
        plan = Plan.objects.get(pk=plan.pk)
        return (
            plan.status,
            plan.agreed_on,
            plan.next_review_due,
            sorted(plan.goals.values_list("pk", "description", "target_level")),
            sorted(plan.actions.values_list("pk", "description", "goal_id")),
        )

    before = snapshot(reviewable)
    services.review_record(
        actor=act(director),
        plan=reviewable,
        held_on=AGREED_ON + 40 * DAY,
        summary="Goed gesprek",
        progress=progress_for(
            reviewable,
            financien=P.ON_TRACK,
            huisvesting=P.ON_TRACK,
            sociaal_netwerk=P.REACHED,
        ),
    )
    assert snapshot(reviewable) == before
    review = Review.objects.get(plan=reviewable)
    assert review.held_by == director
    assert {(p.goal.domain.code, p.progress) for p in review.progress.all()} == {
        ("financien", P.ON_TRACK),
        ("huisvesting", P.ON_TRACK),
        ("sociaal-netwerk", P.REACHED),
    }


def test_agreeing_the_next_version_supersedes_the_previous_one(director, reviewable):
    v2 = services.review_record(
        actor=act(director),
        plan=reviewable,
        held_on=AGREED_ON + 40 * DAY,
        summary="",
        progress=progress_for(
            reviewable,
            financien=P.ON_TRACK,
            huisvesting=P.REACHED,
            sociaal_netwerk=P.REACHED,
        ),
    )
    agree(director, v2, agreed_on=AGREED_ON + 40 * DAY)
    versions = {p.version: p for p in Plan.objects.filter(case=reviewable.case)}
    assert versions[1].status == Plan.Status.SUPERSEDED
    assert versions[2].status == Plan.Status.AGREED
    # The superseded version stays readable, goals and all.
    assert versions[1].goals.count() == 3
    assert versions[1].agreed_on == AGREED_ON
    assert versions[2].next_review_due == AGREED_ON + 82 * DAY


def test_a_plan_version_is_reviewed_once(director, reviewable):
    progress = progress_for(
        reviewable,
        financien=P.REACHED,
        huisvesting=P.REACHED,
        sociaal_netwerk=P.REACHED,
    )
    kwargs = {"held_on": AGREED_ON + 40 * DAY, "summary": "", "progress": progress}
    services.review_record(actor=act(director), plan=reviewable, **kwargs)
    with pytest.raises(NotReviewable):
        services.review_record(actor=act(director), plan=reviewable, **kwargs)
    assert Plan.objects.filter(case=reviewable.case).count() == 2


def test_a_draft_cannot_be_reviewed(director, draft):
    with pytest.raises(NotReviewable):
        services.review_record(
            actor=act(director),
            plan=draft,
            held_on=AGREED_ON,
            summary="",
            progress={draft.goals.get(): (P.REACHED, "")},
        )


def test_a_review_needs_progress_on_every_goal(director, reviewable):
    progress = progress_for(
        reviewable,
        financien=P.REACHED,
        huisvesting=P.REACHED,
        sociaal_netwerk=P.REACHED,
    )
    progress.popitem()
    with pytest.raises(ProgressIncomplete):
        services.review_record(
            actor=act(director),
            plan=reviewable,
            held_on=AGREED_ON + 40 * DAY,
            summary="",
            progress=progress,
        )
    assert not Review.objects.exists()
    assert Plan.objects.filter(case=reviewable.case).count() == 1


def test_a_review_is_audited(director, reviewable):
    services.review_record(
        actor=act(director),
        plan=reviewable,
        held_on=AGREED_ON + 40 * DAY,
        summary="",
        progress=progress_for(
            reviewable,
            financien=P.REACHED,
            huisvesting=P.REACHED,
            sociaal_netwerk=P.REACHED,
        ),
    )
    entry = AuditEntry.objects.get(action="review.create")
    assert entry.object_type == "plans.review"
    household = reviewable.case.household
    assert entry.person_ids == sorted(p.pk for p in members_of(household))


def test_another_professional_cannot_review(professional, reviewable):
    with pytest.raises(PermissionDenied):
        services.review_record(
            actor=act(professional),
            plan=reviewable,
            held_on=AGREED_ON + 40 * DAY,
            summary="",
            progress={},
        )
