# SPDX-License-Identifier: EUPL-1.2
"""Reads of requests and triage rules, through the access policy."""

from __future__ import annotations

from django.db.models import Case as When_
from django.db.models import IntegerField, QuerySet, Value, When

from eenplan import audit
from eenplan.core.errors import NotFoundOrForbidden
from eenplan.privacy import policy

from .models import Outcome, Request, TriageRule


def request_get(*, actor, uuid) -> Request:
    qs = policy.visible_requests(actor).select_related(
        "household", "team", "registered_by", "triage", "screening"
    )
    request = policy.require_visible(qs.prefetch_related("persons"), uuid=uuid)
    decision = policy.can(actor, "request.view", request)
    if not decision:
        raise NotFoundOrForbidden()
    audit.record(
        actor=actor,
        action="request.view",
        subject=request,
        persons=request.persons.all(),
        purpose=decision.relation,
        break_glass=decision.break_glass,
    )
    return request


def _list(actor, status: str, roles: tuple[str, ...]) -> QuerySet:
    team_ids = policy.team_ids(actor, *roles)
    return (
        Request.objects.filter(status=status, team_id__in=team_ids)
        .select_related("household", "team", "triage")
        .prefetch_related("persons")
        .order_by("received_on", "created_at")
    )


def requests_awaiting_triage(*, actor) -> QuerySet:
    return _list(
        actor, Request.Status.AWAITING_TRIAGE, (policy.FRONT_DESK, policy.TEAM_LEADER)
    )


def requests_awaiting_director(*, actor) -> QuerySet:
    """Integral and urgent requests of the team leader's teams; urgent ones first."""
    return _list(
        actor, Request.Status.AWAITING_DIRECTOR, (policy.TEAM_LEADER,)
    ).order_by(
        When_(
            When(triage__outcome=Outcome.URGENT, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "received_on",
    )


def requests_routed_to_me(*, actor) -> QuerySet:
    """One-discipline requests in the queue of the user's team or organisation."""
    return (
        Request.objects.filter(
            policy.routed_to_filter(actor), status=Request.Status.ROUTED
        )
        .select_related("household", "team", "triage__target_team")
        .select_related("triage__target_organisation")
        .order_by("received_on", "created_at")
    )


def triage_rule_list() -> QuerySet:
    """The published triage rules: not personal data, readable by all staff."""
    return TriageRule.objects.all()
