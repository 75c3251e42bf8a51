# SPDX-License-Identifier: EUPL-1.2
"""Factories for plan versions, goals and actions.

PlanFactory()                      a draft without goals
PlanFactory(goals=2)               a draft with two goals
PlanFactory(agreed=True)           agreed today with one goal, review in six weeks
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.assessments.tests.factories import LifeDomainFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.plans.models import Action, Goal, Plan

SIX_WEEKS = datetime.timedelta(weeks=6)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    class Params:
        agreed = factory.Trait(
            status=Plan.Status.AGREED,
            agreed_on=factory.LazyFunction(timezone.localdate),
            agreed_how=Plan.AgreedHow.IN_PERSON,
            agreed_with="Beide ouders",
            next_review_due=factory.LazyAttribute(lambda o: o.agreed_on + SIX_WEEKS),
        )

    case = factory.SubFactory(CaseFactory)
    version = 1
    created_by = factory.SelfAttribute("case.director")

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        """`goals=n` goals; an agreed plan gets one by default (it cannot be empty)."""
        if not create:
            return
        count = extracted if extracted is not None else int(not obj.is_draft)
        # Goals can only be saved on a draft (PlanPart guard); the row is already
        # agreed in the database, so lift the guard in memory while adding them.
        status, obj.status = obj.status, Plan.Status.DRAFT
        try:
            for position in range(count):
                GoalFactory(plan=obj, position=position, **kwargs)
        finally:
            obj.status = status


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    domain = factory.SubFactory(LifeDomainFactory)
    description = "We willen onze schulden op een rij hebben."
    target_level = 4
    position = 0


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SelfAttribute("goal.plan")
    goal = factory.SubFactory(GoalFactory)
    description = "Samen de post openen en sorteren."
    performer_kind = Action.PerformerKind.HOUSEHOLD
    performer = "Moeder"
    due_on = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=14)
    )
