# SPDX-License-Identifier: EUPL-1.2
"""Reads of plan versions, through the access policy."""

from __future__ import annotations

from eenplan import audit
from eenplan.people.selectors import current_members_prefetch
from eenplan.privacy import policy

from .models import Plan


def plan_get(*, actor, uuid) -> Plan:
    """One plan version of a visible case, with goals, actions and its review."""
    cases = policy.visible_cases(actor).values("pk")
    qs = (
        Plan.objects.filter(case__in=cases)
        .select_related("case__household", "case__director", "created_by")
        .prefetch_related(
            "goals__domain",
            "actions__organisation",
            "actions__goal",
            current_members_prefetch("case__household__memberships"),
        )
    )
    plan = policy.require_visible(qs, uuid=uuid)
    persons = [m.person for m in plan.case.household.current_members]
    decision = policy.require(actor, "plan.view", plan)
    audit.record(
        actor=actor,
        action="plan.view",
        subject=plan,
        persons=persons,
        break_glass=decision.break_glass,
        purpose=decision.relation,
    )
    return plan


def plan_for_print(*, actor, uuid) -> Plan:
    """A plan version to print for the household; audited as a print."""
    cases = policy.visible_cases(actor).values("pk")
    plan = policy.require_visible(
        Plan.objects.filter(case__in=cases)
        .select_related("case__household", "case__director__organisation")
        .prefetch_related(
            "goals__domain",
            "actions__organisation",
            current_members_prefetch("case__household__memberships"),
        ),
        uuid=uuid,
    )
    policy.require(actor, "plan.print", plan)
    audit.record(
        actor=actor,
        action="plan.print",
        subject=plan,
        persons=[m.person for m in plan.case.household.current_members],
        purpose="print for the household",
    )
    return plan


def plan_review(*, plan):
    """The review of this version with its goal progress, or None."""
    from .models import Review

    return (
        Review.objects.filter(plan=plan)
        .select_related("held_by")
        .prefetch_related("progress__goal")
        .first()
    )
