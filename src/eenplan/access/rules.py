# SPDX-License-Identifier: EUPL-1.2
"""Building blocks for the apps' rules, and the rules of staff functions.

An app's `rules.py` combines these; the functions here decide nothing about
state (open, closed, answered): that is the service's business.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from . import policy
from .actions import Action
from .actor import Actor, ActorKind, CaseStub, Function, Role
from .categories import Category
from .decisions import DIRECTING, Decision, Reason, Relation, allow, refuse

CASE_ROLES = (Role.FRONT_DESK, Role.PROFESSIONAL, Role.TEAM_LEADER)
NOTHING = policy.NO_ROWS  # a scope that grants nothing


def function(actor: Actor, *functions: str) -> Decision:
    if actor.has_function(*functions):
        return allow(Reason.FUNCTION, Relation.FUNCTION)
    return refuse(Reason.NO_FUNCTION)


def role(actor: Actor, *roles: str) -> Decision:
    if actor.has_role(*roles):
        return allow(Reason.ROLE)
    return refuse(Reason.NO_ROLE)


def role_in_team(actor: Actor, team_id: int | None, *roles: str) -> Decision:
    """`roles` in team `team_id`; with no team (None): in any team (to offer it)."""
    if team_id is None:
        return role(actor, *roles)
    if team_id in actor.team_ids(*roles):
        return allow(Reason.TEAM, Relation.TEAM_MEMBER)
    return refuse(Reason.NOT_YOUR_TEAM)


def directing(actor: Actor, case: Any) -> Decision:
    """The director or a team leader of the case's team (state is the service's)."""
    relation = actor.relation_to(case)
    if relation in DIRECTING:
        return allow(Reason.RELATION, relation)
    return refuse(Reason.NOT_DIRECTING, relation)


def case_content(
    actor: Actor,
    case: Any,
    category: Category,
    about: Iterable[int] | None = None,
    sharing: policy.Sharing | None = None,
) -> Decision:
    """Whether `category` data of `case` (about `about`, default everyone) may be
    read: by relation, and from outside the team by consent or a legal basis."""
    shared = sharing if sharing is not None else policy.sharing_of(actor, case)
    return shared.decide(category, about)


def writing_on(actor: Actor, case: Any, category: Category) -> Decision:
    """Adding `category` content to a case: reading it, but not as emergency access."""
    decision = case_content(actor, case, category)
    if decision.break_glass:
        return refuse(Reason.READ_ONLY, decision.relation)
    return decision


def case_scope(actor: Actor, prefix: str = "") -> Q:
    """A Q on cases (with `prefix`, on what leads to cases) the actor relates to
    fully: director, team leader, involved inside the team, emergency access.
    Partners from outside the team are added by the rules that know which
    category their consent must cover."""
    if actor.user is None:
        return NOTHING
    return (
        Q(**{f"{prefix}director_id": actor.user.pk})
        | Q(**{f"{prefix}team_id__in": actor.team_ids(Role.TEAM_LEADER)})
        | Q(**{f"{prefix}pk__in": actor.relations.broken_glass})
        | (
            Q(**{f"{prefix}pk__in": actor.relations.involved})
            & Q(**{f"{prefix}team_id__in": actor.team_ids()})
        )
    )


def external_cases(actor: Actor, *, open_only: bool = False) -> list[CaseStub]:
    """Cases the actor is involved in from outside the case's team (no query)."""
    teams = actor.team_ids()
    return [
        case
        for case in actor.relations.involved_cases
        if case.team_id not in teams and (case.is_open or not open_only)
    ]


def external_sharing(
    actor: Actor, *, open_only: bool = False
) -> list[tuple[CaseStub, policy.Sharing]]:
    """The cases the actor is a partner on, each with what flows to the actor."""
    cases = external_cases(actor, open_only=open_only)
    shares = policy.sharing(actor, cases)
    return [(case, shares[case.pk]) for case in cases]


def shared_external(
    actor: Actor, category: Category, *, open_only: bool = False
) -> list[CaseStub]:
    """Partner cases where at least one person's `category` data is shared."""
    return [
        case
        for case, shared in external_sharing(actor, open_only=open_only)
        if shared.any(category)
    ]


# --- Staff functions, not tied to any object ----------------------------------


@policy.rule(Action.STAFF_USE, scope=lambda actor: NOTHING)
def _staff_use(actor: Actor, obj: Any) -> Decision:
    return role(actor, *CASE_ROLES)


@policy.rule(Action.INSIGHTS_VIEW, scope=lambda actor: NOTHING)
def _insights(actor: Actor, obj: Any) -> Decision:
    return function(actor, Function.MANAGEMENT)


@policy.rule(Action.CONFIG_CHANGE, scope=lambda actor: NOTHING)
def _config(actor: Actor, obj: Any) -> Decision:
    return function(actor, Function.FUNCTIONAL_ADMIN)


@policy.rule(Action.RULES_VIEW, scope=lambda actor: NOTHING)
def _rules_view(actor: Actor, obj: Any) -> Decision:
    """The published triage rules are not personal data: every staff member."""
    if actor.kind == ActorKind.STAFF:
        return allow(Reason.ROLE)
    return refuse(Reason.NO_ROLE)
