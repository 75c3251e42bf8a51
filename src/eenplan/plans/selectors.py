# SPDX-License-Identifier: EUPL-1.2
"""Reads of plan versions, through the access policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.people.selectors import current_members, current_members_prefetch

from .models import Action as PlanAction
from .models import Goal, Plan, Review


def _plans() -> QuerySet[Plan]:
    """A plan version with everything its pages show, in a fixed number of queries:
    goals with their domain and their actions, the actions without a goal."""
    actions = PlanAction.objects.select_related("organisation").order_by("due_on", "id")
    return Plan.objects.select_related(
        "case__household", "case__director__organisation", "created_by"
    ).prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("domain").prefetch_related(
                Prefetch("actions", queryset=actions, to_attr="action_list")
            ),
            to_attr="goal_list",
        ),
        Prefetch(
            "actions",
            queryset=actions.filter(goal__isnull=True),
            to_attr="loose_actions",
        ),
        current_members_prefetch("case__household__memberships"),
    )


def plan_get(*, actor: Actor, uuid, then: Action | None = None) -> Plan:
    """One plan version the actor may read, with goals, actions; audited.
    `then` is the action on its case the page is for (review): refused before
    anything is audited as read."""
    plan = policy.get(actor, Action.PLAN_VIEW, _plans(), uuid=uuid)
    decision = policy.require(actor, Action.PLAN_VIEW, plan)
    if then is not None:
        policy.require(actor, then, plan.case)
    audit.record(
        actor=actor,
        action=Action.PLAN_VIEW,
        subject=plan,
        persons=[m.person_id for m in current_members(plan.case.household)],
        break_glass=decision.break_glass,
        purpose=decision.purpose,
    )
    return plan


# Sections that apps above this one add to the household's print (the
# consultations app: outcomes of consultations), registered when they load.
PrintSection = Callable[[Plan], dict[str, Any] | None]
_PRINT_SECTIONS: list[PrintSection] = []


def print_section(provider: PrintSection) -> PrintSection:
    """Register a provider of one section of the print: a dict with a `title`
    and `items` (each `heading`, `parts` as (label, text) pairs, `list`), or
    None when it has nothing for the plan. Only what the household may read."""
    if provider not in _PRINT_SECTIONS:
        _PRINT_SECTIONS.append(provider)
    return provider


def print_sections(*, plan: Plan) -> list[dict[str, Any]]:
    sections = (provider(plan) for provider in _PRINT_SECTIONS)
    return [section for section in sections if section]


def plan_for_print(*, actor: Actor, uuid) -> Plan:
    """A plan version to print for the household; audited as a print."""
    plan = policy.get(actor, Action.PLAN_VIEW, _plans(), uuid=uuid)
    policy.require(actor, Action.PLAN_PRINT, plan)
    audit.record(
        actor=actor,
        action=Action.PLAN_PRINT,
        subject=plan,
        persons=[m.person_id for m in current_members(plan.case.household)],
        purpose="print for the household",
    )
    return plan


def plan_review(*, plan: Plan) -> Review | None:
    """The review of this version with its goal progress, or None."""
    return (
        Review.objects.filter(plan=plan)
        .select_related("held_by")
        .prefetch_related("progress__goal")
        .first()
    )
