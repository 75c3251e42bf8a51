# SPDX-License-Identifier: EUPL-1.2
"""Database constraints and model guards behind the plan invariants.

The six-week check constraint is written with date arithmetic that each
backend renders differently; these tests run on SQLite and PostgreSQL.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction

from eenplan.plans.models import Goal, Plan, PlanLocked
from eenplan.plans.tests.factories import ActionFactory, GoalFactory, PlanFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
AGREED_ON = datetime.date(2025, 3, 3)


@pytest.fixture
def agreed():
    return PlanFactory(agreed=True, agreed_on=AGREED_ON)


def test_the_agreed_trait_plans_the_review_six_weeks_later(agreed):
    agreed.refresh_from_db()
    assert agreed.status == Plan.Status.AGREED
    assert agreed.next_review_due == AGREED_ON + 42 * DAY
    assert agreed.goals.count() == 1


def test_database_accepts_a_review_exactly_six_weeks_after_agreement(agreed):
    Plan.objects.filter(pk=agreed.pk).update(next_review_due=AGREED_ON + 42 * DAY)
    agreed.refresh_from_db()
    assert agreed.next_review_due == datetime.date(2025, 4, 14)


def test_database_refuses_a_review_date_moved_beyond_six_weeks(agreed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=agreed.pk).update(next_review_due=AGREED_ON + 43 * DAY)
    agreed.refresh_from_db()
    assert agreed.next_review_due == AGREED_ON + 42 * DAY


def test_database_refuses_a_review_date_before_the_agreement(agreed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=agreed.pk).update(next_review_due=AGREED_ON - DAY)


def test_database_refuses_moving_the_agreement_date_back(agreed):
    # Same invariant from the other side: agreed_on earlier makes the gap > 42.
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=agreed.pk).update(agreed_on=AGREED_ON - DAY)


def test_database_refuses_an_agreed_plan_without_a_review_date(agreed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=agreed.pk).update(next_review_due=None)


@pytest.mark.parametrize("field", ["agreed_how", "agreed_with"])
def test_database_refuses_an_agreed_plan_without_how_or_with_whom(agreed, field):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=agreed.pk).update(**{field: ""})


def test_database_refuses_marking_a_bare_draft_as_agreed():
    draft = PlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=draft.pk).update(status=Plan.Status.AGREED)


def test_a_superseded_version_keeps_its_agreement_fields(agreed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=agreed.pk).update(
            status=Plan.Status.SUPERSEDED, next_review_due=None
        )


def test_a_draft_needs_no_agreement_fields():
    draft = PlanFactory()
    draft.refresh_from_db()
    assert draft.is_draft
    assert draft.agreed_on is None
    assert draft.next_review_due is None


def test_database_refuses_two_drafts_for_a_case():
    draft = PlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(case=draft.case, version=2)


def test_database_refuses_two_agreed_versions_for_a_case(agreed):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(case=agreed.case, version=2, agreed=True, goals=0)


def test_database_refuses_a_duplicate_version_number(agreed):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(case=agreed.case, version=1)


def test_database_refuses_a_goal_target_level_out_of_range():
    draft = PlanFactory()
    for level in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            GoalFactory(plan=draft, target_level=level)


def test_a_goal_of_an_agreed_plan_cannot_be_saved(agreed):
    goal = Goal.objects.get(plan=agreed)
    goal.description = "Stiekem aangepast"
    with pytest.raises(PlanLocked):
        goal.save()
    goal.refresh_from_db()
    assert goal.description != "Stiekem aangepast"


def test_a_goal_of_an_agreed_plan_cannot_be_deleted(agreed):
    goal = Goal.objects.get(plan=agreed)
    with pytest.raises(PlanLocked):
        goal.delete()
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_no_goal_can_be_added_to_an_agreed_plan(agreed):
    with pytest.raises(PlanLocked):
        GoalFactory(plan=Plan.objects.get(pk=agreed.pk))
    assert agreed.goals.count() == 1


def test_no_action_can_be_added_to_an_agreed_plan(agreed):
    goal = Goal.objects.get(plan=agreed)
    with pytest.raises(PlanLocked):
        ActionFactory(goal=goal)
    assert not agreed.actions.exists()


def test_goals_and_actions_of_a_draft_can_be_changed():
    action = ActionFactory()
    action.goal.description = "Nieuwe woorden"
    action.goal.save()
    action.performer = "Vader"
    action.save()
    action.refresh_from_db()
    assert action.performer == "Vader"
    assert action.goal.description == "Nieuwe woorden"


def test_the_draft_plan_fixture_is_a_draft_with_one_goal(draft_plan, open_case):
    assert draft_plan.is_draft
    assert draft_plan.goals.count() == 1
    assert draft_plan.case == open_case


def test_the_agreed_plan_fixture_is_agreed_with_its_review_planned(agreed_plan):
    agreed_plan.refresh_from_db()
    assert agreed_plan.status == Plan.Status.AGREED
    assert agreed_plan.goals.count() == 1
    assert agreed_plan.next_review_due - agreed_plan.agreed_on == 42 * DAY
