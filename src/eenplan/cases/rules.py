# SPDX-License-Identifier: EUPL-1.2
"""Who relates to a case, and what that lets them see and do.

The case's relations (director, team leader, involved professional, emergency
access) also open the household and its requests to those on the case; those
rules are registered here, where cases are known, on top of the team's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, CaseStub, Role, relation_loader
from eenplan.access.categories import Category
from eenplan.access.decisions import (
    DIRECTING,
    FULL,
    Decision,
    Reason,
    Relation,
    allow,
    refuse,
)
from eenplan.access.rules import (
    CASE_ROLES,
    NOTHING,
    case_content,
    case_scope,
    directing,
    external_cases,
    external_sharing,
    role_in_team,
    shared_external,
)
from eenplan.intake.models import Request

from .models import Case, Involvement


@relation_loader("involved_cases")
def involved_cases(user_id: int) -> Iterable[CaseStub]:
    rows = Involvement.objects.filter(
        professional_id=user_id, until__isnull=True
    ).values_list(
        "case_id",
        "case__team_id",
        "case__household_id",
        "case__director_id",
        "case__status",
    )
    return [
        CaseStub(pk, team, household, director, status == Case.Status.OPEN)
        for pk, team, household, director, status in rows
    ]


def opens_case(shared: policy.Sharing) -> Decision:
    """The case page opens by relation; a partner from outside the team needs at
    least basic data shared, and sees each part by its own category."""
    relation = shared.relation
    if relation in FULL:
        return allow(Reason.RELATION, relation)
    if relation == Relation.BREAK_GLASS:
        return allow(Reason.EMERGENCY, relation)
    if relation == Relation.INVOLVED_EXTERNAL:
        if shared.any(Category.BASIC):
            return Decision(
                True,
                Reason.SHARED,
                relation,
                about=shared.shared_persons(Category.BASIC),
            )
        return refuse(Reason.NOT_SHARED, relation, Category.BASIC)
    return refuse(Reason.NO_RELATION, relation)


# --- The case itself ---------------------------------------------------------


def _case_view_scope(actor: Actor) -> Q:
    return case_scope(actor) | Q(
        pk__in=[c.pk for c in shared_external(actor, Category.BASIC)]
    )


@policy.rule(Action.CASE_VIEW, scope=_case_view_scope)
def case_by_relation(actor: Actor, case: Any) -> Decision:
    return opens_case(policy.sharing_of(actor, case))


@policy.rule(Action.CASE_OPEN)
def open_for_my_team(actor: Actor, household: Any) -> Decision:
    """A team leader opens a case (assigns its director) for the team's household."""
    return role_in_team(actor, household.team_id, Role.TEAM_LEADER)


@policy.rule(Action.CASE_CHANGE_DIRECTOR)
def change_director(actor: Actor, case: Any) -> Decision:
    return role_in_team(actor, case.team_id, Role.TEAM_LEADER)


def _directing(actor: Actor, case: Any) -> Decision:
    relation = actor.relation_to(case)
    if relation in DIRECTING:
        return allow(Reason.RELATION, relation)
    return refuse(Reason.NOT_DIRECTING, relation)


for _action in (
    Action.CASE_INTAKE,
    Action.CASE_INVOLVE,
    Action.CASE_CLOSE,
    Action.CASE_JOIN,
):
    policy.rule(_action)(_directing)


# --- What the case opens beyond itself ----------------------------------------


def _household_scope(actor: Actor) -> Q:
    """Households of open cases the actor directs, is a partner on (basic data
    shared), or any case they broke the glass on. Team members and team leaders
    see their team's households by the people app's rule already."""
    if actor.user is None:
        return NOTHING
    shared = [
        c.household_id for c in shared_external(actor, Category.BASIC, open_only=True)
    ]
    # A subquery on cases, not a join: the scope is ORed with the team rule,
    # and a join would make every household a row to check (docs/performance.md).
    mine = Case.objects.filter(
        Q(status=Case.Status.OPEN, director_id=actor.user.pk)
        | Q(pk__in=actor.relations.broken_glass)
    ).values("household_id")
    return Q(pk__in=mine) | Q(pk__in=shared)


@policy.rule(Action.HOUSEHOLD_VIEW, scope=_household_scope)
def household_of_my_case(actor: Actor, household: Any) -> Decision:
    cases = list(
        Case.objects.filter(
            Q(status=Case.Status.OPEN) | Q(pk__in=actor.relations.broken_glass),
            household_id=household.pk,
        )
    )
    refusal = refuse(Reason.NO_RELATION)
    for case, shared in zip(cases, policy.sharing(actor, cases).values(), strict=True):
        if case.status != Case.Status.OPEN and shared.relation != Relation.BREAK_GLASS:
            continue
        decision = opens_case(shared)
        if decision:
            return decision
        if decision.specificity > refusal.specificity:
            refusal = decision
    return refusal


def _request_scope(actor: Actor) -> Q:
    if actor.user is None:
        return NOTHING
    scope = Q(household__cases__director_id=actor.user.pk) | Q(
        household__cases__in=actor.relations.broken_glass
    )
    external = external_cases(actor)
    if external:
        from_partner = _requests_for_partner(actor, external)
        scope |= Q(pk__in=from_partner)
    return scope


def _requests_for_partner(actor: Actor, cases: list[CaseStub]) -> list[int]:
    requests = list(
        Request.objects.filter(
            household_id__in={c.household_id for c in cases}
        ).select_related("triage__target_team")
    )
    shares = policy.request_sharing(actor, requests, cases)
    return [r.pk for r in requests if shares[r.pk].allows(Category.CASE_FILE)]


@policy.rule(Action.REQUEST_VIEW, scope=_request_scope)
def request_of_my_case(actor: Actor, request: Any) -> Decision:
    """Those on a case of the household read its requests as they read its file."""
    cases = list(Case.objects.filter(household_id=request.household_id))
    shared = policy.request_sharing(actor, [request], cases)[request.pk]
    if shared.relation == Relation.NONE:
        return refuse(Reason.NO_RELATION)
    return shared.decide(Category.CASE_FILE)


@policy.rule(Action.CONSENT_RECORD)
def consent_by_director(actor: Actor, household: Any) -> Decision:
    """Whoever directs the household's open case records its consents."""
    case = Case.objects.open().filter(household_id=household.pk).first()
    if case is None:
        return refuse(Reason.NOT_DIRECTING)
    return _directing(actor, case)


__all__ = ["case_content", "external_sharing", "opens_case", "shared_external"]


@policy.rule(Action.ABSENCE_REGISTER, scope=lambda actor: NOTHING)
def register_an_absence(actor: Actor, team: Any) -> Decision:
    """The team's leader registers absences and hands over (None: in any team)."""
    return role_in_team(actor, getattr(team, "pk", None), Role.TEAM_LEADER)


@policy.rule(Action.TEAM_VIEW, scope=lambda actor: NOTHING)
def read_the_team_overview(actor: Actor, team: Any) -> Decision:
    return role_in_team(actor, getattr(team, "pk", None), Role.TEAM_LEADER)


@policy.rule(Action.HANDOVER_PRINT)
def print_the_new_contact_letter(actor: Actor, handover: Any) -> Decision:
    return directing(actor, handover.case)


def _follow_up_scope(actor: Actor) -> Q:
    if actor.user is None:
        return NOTHING
    return Q(owner_id=actor.user.pk, team_id__in=actor.team_ids()) | Q(
        team_id__in=actor.team_ids(Role.TEAM_LEADER)
    )


@policy.rule(Action.FOLLOW_UP_RECORD, scope=_follow_up_scope)
def record_a_follow_up(actor: Actor, follow_up: Any) -> Decision:
    """The director who closed the case, while still in its team; the team's
    leaders, who take the check over when that director has left."""
    if follow_up.team_id in actor.team_ids(Role.TEAM_LEADER):
        return allow(Reason.TEAM, Relation.TEAM_LEADER)
    if follow_up.owner_id == actor.user_id and follow_up.team_id in actor.team_ids():
        return allow(Reason.RELATION, Relation.DIRECTOR)
    return refuse(Reason.NOT_FOLLOW_UP_OWNER)


@policy.rule(Action.TIME_RECORD, scope=lambda actor: NOTHING)
def record_your_own_hours(actor: Actor, team_id: Any) -> Decision:
    """Everyone with a role in a team writes their own hours there."""
    return role_in_team(actor, team_id, *CASE_ROLES)
