# SPDX-License-Identifier: EUPL-1.2
"""Who reads the household's plan, and who writes, agrees and reviews it."""

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision
from eenplan.access.rules import case_content, case_scope, directing, external_sharing


def _plan_scope(actor: Actor) -> Q:
    """Plans of cases the actor relates to fully, or is a partner on with the
    request-and-plan category shared for the whole household."""
    shared = [
        case.pk
        for case, sharing in external_sharing(actor)
        if sharing.allows(Category.CASE_FILE)
    ]
    return case_scope(actor, "case__") | Q(case__in=shared)


@policy.rule(Action.PLAN_VIEW, scope=_plan_scope)
def read_the_plan(actor: Actor, plan: Any) -> Decision:
    return case_content(actor, plan.case, Category.CASE_FILE)


@policy.rule(Action.PLAN_PRINT)
def print_for_the_household(actor: Actor, plan: Any) -> Decision:
    return directing(actor, plan.case)


for _action in (Action.PLAN_CHANGE, Action.PLAN_AGREE, Action.REVIEW_CREATE):
    policy.rule(_action)(directing)
