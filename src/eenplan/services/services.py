# SPDX-License-Identifier: EUPL-1.2
"""Writes on grants: request one (granted at once within the requester's
mandate, else waiting for a second person's approval), decide on it, change
or end it; each decision gets its letter. Every write is audited."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.core.errors import CaseClosed, InvalidChoice
from eenplan.inbox.models import Notification
from eenplan.inbox.services import notify
from eenplan.people.selectors import current_members

from . import domain, letters, rules
from .errors import (
    AlreadyDecided,
    AlreadyPending,
    EndOutsideGrant,
    EndsBeforeStart,
    MandateExceeded,
    NotAMember,
    NoTariff,
    NothingInForce,
    RefusalNeedsReason,
    ServiceEnded,
    UnitsNotPositive,
)
from .models import (
    DecisionLetter,
    Grant,
    GrantVersion,
    LetterTemplate,
    MandateRule,
    Period,
    Service,
    Tariff,
)


def tariff_in_force(service: Service, day: datetime.date) -> Decimal:
    """The service's tariff on `day`, or NoTariff."""
    amount = domain.tariff_on(
        Tariff.objects.filter(service=service).values_list("valid_from", "amount"),
        day,
    )
    if amount is None:
        raise NoTariff()
    return amount


def _check_terms(
    *,
    service: Service,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    units: Decimal,
    period: str,
) -> None:
    if period not in Period.values:
        raise InvalidChoice()
    if units is None or units <= 0:
        raise UnitsNotPositive()
    if ends_on is not None and ends_on < starts_on:
        raise EndsBeforeStart()
    if service.ended_on is not None and service.ended_on <= starts_on:
        raise ServiceEnded()


def _terms(version: GrantVersion) -> domain.Segment:
    return domain.Segment(
        version.starts_on,
        None if version.period == domain.ONCE else version.ends_on,
        version.units,
        version.period,
        version.tariff,
    )


def _holds_mandate(
    actor: Actor, *, team_id: int, service: Service, terms: domain.Segment
) -> bool:
    """Whether the actor's mandate covers `terms` of `service` (the policy's
    mandate rule on the cost in the first year and the duration)."""
    return bool(
        rules.mandate(
            actor,
            team_id=team_id,
            service=service,
            cost_per_year=domain.cost_per_year(terms),
            weeks=domain.duration(terms.starts_on, terms.ends_on, terms.period),
        )
    )


def _persons(grant: Grant) -> list[int]:
    return [grant.person_id]


def _grant_url(grant: Grant) -> str:
    return reverse("services:grant", kwargs={"uuid": grant.uuid})


def _approvers(grant: Grant, version: GrantVersion) -> list[int]:
    """Users who could approve: named in a mandate rule, or team leaders and
    professionals of the case's team whose role has one; the policy decides."""
    from eenplan.organisations.models import Membership

    rules_ = MandateRule.objects.all()
    named = {r.user_id for r in rules_ if r.user_id is not None}
    roles = {r.role for r in rules_ if r.role and r.user_id is None}
    members = set(
        Membership.objects.filter(
            team_id=grant.case.team_id, role__in=roles
        ).values_list("user_id", flat=True)
    )
    return sorted((named | members) - {version.requested_by_id})


def _letter(version: GrantVersion) -> DecisionLetter | None:
    """The decision letter, for services that need a decision (beschikking)."""
    if not version.grant.service.needs_decision:
        return None
    template = LetterTemplate.objects.first()
    if template is None:
        return None
    return DecisionLetter.objects.create(
        version=version, pdf=letters.render_pdf(version, template), template=template
    )


def _decide_at_once(actor: Actor, version: GrantVersion, today: datetime.date) -> None:
    version.status = GrantVersion.Status.GRANTED
    version.decided_by = actor.acting_user
    version.decided_on = today
    version.decided_at = timezone.now()


def _new_version(
    *,
    actor: Actor,
    grant: Grant,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    units: Decimal,
    period: str,
    note: str,
    tariff: Decimal,
    within_mandate: bool | None = None,
) -> GrantVersion:
    today = timezone.localdate()
    if period == domain.ONCE:
        ends_on = None
    version = GrantVersion(
        grant=grant,
        number=(grant.versions.count() + 1) if grant.pk else 1,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        period=period,
        tariff=tariff,
        note=note.strip(),
        requested_by=actor.acting_user,
    )
    version.cost_per_year = domain.cost_per_year(_terms(version))
    if within_mandate is None:
        within_mandate = _holds_mandate(
            actor,
            team_id=grant.case.team_id,
            service=grant.service,
            terms=_terms(version),
        )
    version.within_mandate = within_mandate
    if within_mandate:
        _decide_at_once(actor, version, today)
    else:
        version.status = GrantVersion.Status.PENDING
    version.save()
    if within_mandate:
        _letter(version)
        audit.record(
            actor=actor,
            action=Action.GRANT_GRANT,
            subject=grant,
            persons=_persons(grant),
        )
    else:
        audit.record(
            actor=actor,
            action=Action.GRANT_REQUEST,
            subject=grant,
            persons=_persons(grant),
        )
        notify(
            recipients=_approvers(grant, version),
            kind=Notification.Kind.GRANT_TO_APPROVE,
            key=f"grant:{grant.uuid}:{version.number}:approve",
            url=_grant_url(grant),
        )
    return version


def preview(
    *,
    actor: Actor,
    case: Any,
    service: Service,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    units: Decimal,
    period: str,
) -> dict[str, Any]:
    """What a grant would cost and whether the actor's mandate covers it,
    before they submit: nothing is written."""
    policy.require(actor, Action.GRANT_REQUEST, case)
    _check_terms(
        service=service,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        period=period,
    )
    tariff = tariff_in_force(service, timezone.localdate())
    if period == domain.ONCE:
        ends_on = None
    terms = domain.Segment(starts_on, ends_on, units, period, tariff)
    return {
        "tariff": tariff,
        "cost_per_year": domain.cost_per_year(terms),
        "within_mandate": _holds_mandate(
            actor, team_id=case.team_id, service=service, terms=terms
        ),
    }


@transaction.atomic
def grant_request(
    *,
    actor: Actor,
    case: Any,
    person: Any,
    service: Service,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    units: Decimal,
    period: str,
    note: str = "",
) -> GrantVersion:
    """Grant `service` to `person` of the case's household: at once when the
    actor's mandate covers its cost per year and duration, else as a request
    for a colleague who holds the mandate (four eyes)."""
    policy.require(actor, Action.GRANT_REQUEST, case)
    if not case.is_open:
        raise CaseClosed()
    if person.pk not in {m.person_id for m in current_members(case.household)}:
        raise NotAMember()
    _check_terms(
        service=service,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        period=period,
    )
    tariff = tariff_in_force(service, timezone.localdate())
    grant = Grant.objects.create(
        case=case,
        person=person,
        service=service,
        provider=service.provider,
        law=service.law,
    )
    return _new_version(
        actor=actor,
        grant=grant,
        kind=GrantVersion.Kind.NEW,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        period=period,
        note=note,
        tariff=tariff,
    )


def _locked(grant: Grant) -> tuple[Grant, list[GrantVersion]]:
    grant = (
        Grant.objects.select_for_update()
        .select_related("case__household", "service", "provider", "person")
        .get(pk=grant.pk)
    )
    versions = list(grant.versions.order_by("number"))
    return grant, versions


def _changeable(actor: Actor, grant: Grant) -> tuple[Grant, list[GrantVersion]]:
    """The grant, locked, with its granted versions, if a new version may be
    written: the actor asks, the case is open, nothing waits, something was
    granted."""
    policy.require(actor, Action.GRANT_REQUEST, grant.case)
    grant, versions = _locked(grant)
    if not grant.case.is_open:
        raise CaseClosed()
    if any(v.status == GrantVersion.Status.PENDING for v in versions):
        raise AlreadyPending()
    granted = [v for v in versions if v.status == GrantVersion.Status.GRANTED]
    if not granted:
        raise NothingInForce()
    return grant, granted


@transaction.atomic
def grant_change(
    *,
    actor: Actor,
    grant: Grant,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    units: Decimal,
    period: str,
    note: str = "",
) -> GrantVersion:
    """New terms from `starts_on` on, as a new version; the mandate decides
    again, on the new terms at today's tariff."""
    grant, _granted = _changeable(actor, grant)
    _check_terms(
        service=grant.service,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        period=period,
    )
    return _new_version(
        actor=actor,
        grant=grant,
        kind=GrantVersion.Kind.CHANGE,
        starts_on=starts_on,
        ends_on=ends_on,
        units=units,
        period=period,
        note=note,
        tariff=tariff_in_force(grant.service, timezone.localdate()),
    )


@transaction.atomic
def grant_end(
    *, actor: Actor, grant: Grant, ends_on: datetime.date, note: str = ""
) -> GrantVersion:
    """End the grant on `ends_on`: a new version with the terms in force and
    that end date. Ending costs less, so it needs no second person."""
    grant, granted = _changeable(actor, grant)
    current = granted[-1]
    schedule = domain.schedule([v.as_domain for v in granted])
    last_end = schedule[-1].ends_on if schedule else current.ends_on
    if ends_on < current.starts_on or (last_end is not None and ends_on > last_end):
        raise EndOutsideGrant()
    return _new_version(
        actor=actor,
        grant=grant,
        kind=GrantVersion.Kind.END,
        starts_on=current.starts_on,
        ends_on=ends_on,
        units=current.units,
        period=current.period,
        note=note,
        tariff=current.tariff,
        within_mandate=True,
    )


@transaction.atomic
def grant_decide(
    *, actor: Actor, version: GrantVersion, approve: bool, reason: str = ""
) -> GrantVersion:
    """Approve or refuse a version above its requester's mandate (four eyes).

    An approval uses the tariff in force on the decision date; the approver's
    mandate must cover the cost at that tariff. A refusal gives its reason,
    which the household reads in the letter."""
    version = (
        GrantVersion.objects.select_for_update()
        .select_related("grant__case__household", "grant__service", "grant__provider")
        .get(pk=version.pk)
    )
    policy.require(actor, Action.GRANT_DECIDE, version)
    if version.status != GrantVersion.Status.PENDING:
        raise AlreadyDecided()
    grant = version.grant
    if not grant.case.is_open:
        raise CaseClosed()
    today = timezone.localdate()
    if approve:
        version.tariff = tariff_in_force(grant.service, today)
        version.cost_per_year = domain.cost_per_year(_terms(version))
        if not _holds_mandate(
            actor,
            team_id=grant.case.team_id,
            service=grant.service,
            terms=_terms(version),
        ):
            raise MandateExceeded()
        version.status = GrantVersion.Status.GRANTED
    else:
        if not reason.strip():
            raise RefusalNeedsReason()
        version.status = GrantVersion.Status.REFUSED
        version.refusal_reason = reason.strip()
    version.decided_by = actor.acting_user
    version.decided_on = today
    version.decided_at = timezone.now()
    version.save()
    _letter(version)
    audit.record(
        actor=actor,
        action=Action.GRANT_APPROVE if approve else Action.GRANT_REFUSE,
        subject=grant,
        persons=_persons(grant),
    )
    notify(
        recipients=[version.requested_by_id],
        kind=Notification.Kind.GRANT_DECIDED,
        key=f"grant:{grant.uuid}:{version.number}:decided",
        url=_grant_url(grant),
    )
    return version
