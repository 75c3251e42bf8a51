# SPDX-License-Identifier: EUPL-1.2
"""Who reads the household's plan, and who writes, agrees and reviews it."""

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Reason, Relation, allow, refuse
from eenplan.access.rules import (
    NOTHING,
    case_content,
    case_scope,
    directing,
    external_sharing,
)

from .models import Assignment


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


# --- Actions assigned to partners ----------------------------------------------


def _is_assignee(actor: Actor, assignment: Any) -> bool:
    """The named professional; with none named, the organisation's intake for
    the case's team (it picks the action up)."""
    if actor.user_id is None:
        return False
    if assignment.professional_id is not None:
        return bool(assignment.professional_id == actor.user_id)
    return (
        actor.organisation_id is not None
        and assignment.organisation_id == actor.organisation_id
        and assignment.case.team_id in actor.intake_teams
    )


def assignee(actor: Actor, assignment: Any) -> Decision:
    """Whoever the action is assigned to, inside the case's team, or outside it
    while consent or a legal basis lets the request and plan flow to them."""
    if not _is_assignee(actor, assignment):
        return refuse(Reason.NOT_ASSIGNEE)
    if assignment.case.team_id in actor.team_ids():
        return allow(Reason.ASSIGNEE, Relation.ASSIGNEE)
    shared = policy.receiver_sharing(actor, [assignment.case])[assignment.case_id]
    if shared.allows(Category.CASE_FILE):
        return allow(Reason.ASSIGNEE, Relation.ASSIGNEE)
    return refuse(Reason.NOT_SHARED, Relation.ASSIGNEE, Category.CASE_FILE)


def _assignee_scope(actor: Actor) -> Q:
    """The assignments `assignee` allows, as their ids (the sharing facts of
    their cases are looked up once, for all of them)."""
    if actor.user_id is None:
        return NOTHING
    mine = Q(professional_id=actor.user_id)
    if actor.organisation_id is not None and actor.intake_teams:
        mine |= Q(
            professional__isnull=True,
            organisation_id=actor.organisation_id,
            case__team_id__in=actor.intake_teams,
        )
    candidates = list(Assignment.objects.filter(mine).select_related("case"))
    outside = [a.case for a in candidates if a.case.team_id not in actor.team_ids()]
    shares = policy.receiver_sharing(actor, outside)
    return Q(
        pk__in=[
            a.pk
            for a in candidates
            if a.case.team_id in actor.team_ids()
            or shares[a.case_id].allows(Category.CASE_FILE)
        ]
    )


@policy.rule(Action.ASSIGNMENT_CREATE)
def assign_an_action(actor: Actor, case: Any) -> Decision:
    return directing(actor, case)


@policy.rule(Action.ASSIGNMENT_VIEW, scope=_plan_scope)
def read_as_one_on_the_case(actor: Actor, assignment: Any) -> Decision:
    return case_content(actor, assignment.case, Category.CASE_FILE)


@policy.rule(Action.ASSIGNMENT_VIEW, scope=_assignee_scope)
def read_as_assignee(actor: Actor, assignment: Any) -> Decision:
    return assignee(actor, assignment)


for _action in (Action.ASSIGNMENT_ANSWER, Action.ASSIGNMENT_REPORT):
    policy.rule(_action, scope=_assignee_scope)(assignee)
