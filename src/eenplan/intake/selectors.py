# SPDX-License-Identifier: EUPL-1.2
"""Reads of requests and triage rules, through the access policy."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision
from eenplan.people.models import Person

from .models import Outcome, Request, RoutingAnswer, TriageRule


@dataclass(frozen=True)
class RequestRead:
    """A request as one actor may see it: which of its parts (basic data, the
    question, the screening) flow to them, and about whom."""

    request: Request
    access: Decision
    shares: policy.Sharing
    persons: list[Person]
    withheld: int


def request_get(
    *, actor: Actor, uuid: UUID, then: tuple[Action, str] | None = None
) -> Request:
    """One request the actor may see; audited (see `request_read`)."""
    return request_read(actor=actor, uuid=uuid, then=then).request


def request_read(
    *, actor: Actor, uuid: UUID, then: tuple[Action, str] | None = None
) -> RequestRead:
    """One request the actor may see, with which of its parts (basic data, the
    question, the screening) may be shown. Audited with the persons whose data
    is shown.

    Those on a case of the household read its requests as they read the case's
    file, so the household's cases take part in the decision. `then` is the
    action the page is for and the attribute it is about ("household"): refused
    before anything is read or audited."""
    qs = Request.objects.select_related(
        "household", "team", "registered_by", "triage__target_team", "screening"
    ).prefetch_related("persons")
    request = policy.get(actor, Action.REQUEST_VIEW, qs, uuid=uuid)
    decision = policy.require(actor, Action.REQUEST_VIEW, request)
    if then is not None:
        action, attribute = then
        policy.require(actor, action, getattr(request, attribute))
    cases = request.household.cases.only("pk", "director_id", "team_id", "household_id")
    shares = policy.request_sharing(actor, [request], cases)[request.pk]
    persons = list(request.persons.all())
    shown = [p for p in persons if shares.allows(Category.BASIC, [p.pk])]
    audit.record(
        actor=actor,
        action=Action.REQUEST_VIEW,
        subject=request,
        persons=[p.pk for p in shown],
        purpose=decision.purpose,
        break_glass=decision.break_glass,
    )
    return RequestRead(request, decision, shares, shown, len(persons) - len(shown))


def routing_answers(*, request: Request) -> list[RoutingAnswer]:
    """What the receivers answered when the request was routed, newest first."""
    return list(
        request.routing_answers.select_related(
            "answered_by__organisation", "routed_to_team", "routed_to_organisation"
        )
    )


def _list(
    actor: Actor, statuses: tuple[str, ...], roles: tuple[str, ...]
) -> QuerySet[Request]:
    return (
        Request.objects.filter(status__in=statuses, team_id__in=actor.team_ids(*roles))
        .select_related("household", "team", "triage")
        .order_by("received_on", "created_at", "pk")
    )


def requests_awaiting_triage(*, actor: Actor) -> QuerySet[Request]:
    """New requests, and those their receiver sent back, of the actor's teams."""
    return _list(
        actor,
        (Request.Status.AWAITING_TRIAGE, Request.Status.RETURNED),
        (Role.FRONT_DESK, Role.TEAM_LEADER),
    )


def requests_awaiting_director(*, actor: Actor) -> QuerySet[Request]:
    """Integral and urgent requests of the team leader's teams; urgent ones first."""
    return _list(
        actor, (Request.Status.AWAITING_DIRECTOR,), (Role.TEAM_LEADER,)
    ).order_by(
        When_(
            When(triage__outcome=Outcome.URGENT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "received_on",
        "created_at",
        "pk",  # the same hundred on every load ("my work" shows the first 100)
    )


def requests_routed_to_me(*, actor: Actor) -> QuerySet[Request]:
    """One-discipline requests in the queue of the actor's team or of their
    organisation's intake for the request's team (within consent or a basis)."""
    routed = Q(triage__target_team_id__in=actor.team_ids())
    if actor.organisation_id is not None:
        routed |= Q(
            triage__target_organisation_id=actor.organisation_id,
            team_id__in=actor.intake_teams,
        )
    queue = Request.objects.filter(routed, status=Request.Status.ROUTED)
    return (
        policy.restrict(actor, Action.REQUEST_VIEW, queue)
        .select_related("household", "team", "triage__target_team")
        .select_related("triage__target_organisation")
        .order_by("received_on", "created_at")
    )


def triage_rule_list() -> QuerySet[TriageRule]:
    """The published triage rules: not personal data, readable by all staff."""
    return TriageRule.objects.all()


def reopened_households(*, team_ids=None) -> int:
    """How many households came back after a closed case (a request that
    follows a closed case), optionally of some teams: a quality figure."""
    qs = Request.objects.filter(follows_case__isnull=False)
    if team_ids is not None:
        qs = qs.filter(team_id__in=team_ids)
    return qs.values("household_id").distinct().count()
