# SPDX-License-Identifier: EUPL-1.2
"""Who sees and triages requests: their team, and the receivers they are routed to."""

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Reason, Relation, refuse
from eenplan.access.rules import role_in_team

from .models import Request, TriageDecision


def opens_request(shared: policy.Sharing) -> Decision:
    """A request's page opens when at least its basic data may be shown; its
    question, screening and the rest are shown by their own category."""
    if shared.relation == Relation.NONE:
        return refuse(Reason.NOT_YOUR_TEAM)
    if shared.any(Category.BASIC) or shared.allows(Category.CASE_FILE):
        return Decision(True, shared.decide(Category.BASIC).reason, shared.relation)
    return refuse(Reason.NOT_SHARED, shared.relation, Category.BASIC)


def _triage_of(request: Any) -> TriageDecision | None:
    try:
        return request.triage
    except TriageDecision.DoesNotExist:
        return None


def _routed_to_my_organisation(actor: Actor) -> Q:
    """Requests routed to the actor's organisation (its intake for the team, or
    a team of its own the actor is in) that it may still read: routed on
    consent or a legal basis that still holds (asked at every read)."""
    routed = Q(triage__target_team_id__in=actor.partner_team_ids())
    if not actor.partner_team_ids() and not (
        actor.organisation_id is not None and actor.intake_teams
    ):
        return Q(pk__in=[])
    if actor.organisation_id is not None and actor.intake_teams:
        routed |= Q(
            triage__target_organisation_id=actor.organisation_id,
            team_id__in=actor.intake_teams,
        )
    candidates = list(
        Request.objects.filter(routed).select_related("triage__target_team")
    )
    if not candidates:
        return Q(pk__in=[])
    shares = policy.request_sharing(actor, candidates)
    return Q(pk__in=[r.pk for r in candidates if opens_request(shares[r.pk])])


def _scope(actor: Actor) -> Q:
    teams = actor.team_ids()
    return (
        Q(team_id__in=teams)
        | Q(
            triage__target_team_id__in=teams,
            triage__target_team__organisation__isnull=True,
        )
        | _routed_to_my_organisation(actor)
    )


@policy.rule(Action.REQUEST_VIEW, scope=_scope)
def request_of_my_team_or_routed_to_me(actor: Actor, request: Any) -> Decision:
    """The request's team; the team or the partner's intake it was routed to,
    the latter within consent or a legal basis for the request's persons."""
    shares = policy.request_sharing(actor, [request])
    return opens_request(shares[request.pk])


@policy.rule(Action.REQUEST_ANSWER)
def answer_what_was_routed_to_me(actor: Actor, request: Any) -> Decision:
    """The receiver of a routed request (the team, or the organisation's intake
    for the team, within consent) picks it up or sends it back."""
    if not policy.receives(actor, request, _triage_of(request)):
        return refuse(Reason.NOT_RECEIVER)
    shared = policy.request_sharing(actor, [request])[request.pk]
    decision = opens_request(shared)
    return Decision(decision.allowed, decision.reason, Relation.RECEIVER)


@policy.rule(Action.REQUEST_CREATE)
def register_requests(actor: Actor, household: Any) -> Decision:
    return role_in_team(
        actor,
        household.team_id if household is not None else None,
        Role.FRONT_DESK,
        Role.TEAM_LEADER,
    )


@policy.rule(Action.REQUEST_TRIAGE)
def triage_my_teams_requests(actor: Actor, request: Any) -> Decision:
    return role_in_team(actor, request.team_id, Role.FRONT_DESK, Role.TEAM_LEADER)
