# SPDX-License-Identifier: EUPL-1.2
"""Reads of the catalogue, the social map and grants, through the policy."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.errors import Hidden

from . import domain
from .models import (
    Grant,
    GrantVersion,
    Offer,
    Period,
    Service,
    Tariff,
    Topic,
    amount_text,
)

SHOWN = 50  # results of a kind on one page of the catalogue


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w][:5]


def _name_filter(words: list[str], *fields: str) -> Q:
    """Every word in one of `fields` (icontains: the trigram index on PG)."""
    q = Q()
    for word in words:
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        q &= either
    return q


@dataclass
class Catalogue:
    services: list[Service]
    offers: list[Offer]
    more_services: bool = False
    more_offers: bool = False


def offers_in_area(
    *, team_id: int | None, today: datetime.date | None = None
) -> QuerySet[Offer]:
    """Running offers for the area of the team (and the whole municipality)."""
    today = today or timezone.localdate()
    qs = Offer.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
    if team_id is not None:
        qs = qs.filter(
            Q(whole_municipality=True)
            | Exists(
                Offer.teams.through.objects.filter(
                    offer=OuterRef("pk"), team_id=team_id
                )
            )
        )
    return qs


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(str(text))
    except ValueError:
        return None


def offer_get(*, uuid: str) -> Offer | None:
    """A running offer by its public id (None when absent or ended)."""
    key = _uuid(uuid)
    return offers_in_area(team_id=None).filter(uuid=key).first() if key else None


def service_get(*, uuid: str) -> Service | None:
    """An offered service by its public id (None when absent or ended)."""
    key = _uuid(uuid)
    if key is None:
        return None
    return services_offered().select_related("provider").filter(uuid=key).first()


def services_offered(*, today: datetime.date | None = None) -> QuerySet[Service]:
    today = today or timezone.localdate()
    return Service.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))


def catalogue_search(
    *,
    actor: Actor,
    text: str = "",
    domain_id: int | None = None,
    topic: Topic | None = None,
    team_id: int | None = None,
    kind: str = "",
) -> Catalogue:
    """Services and social-map offers by life domain, topic, words of their name
    (or organiser, provider) and area; at most SHOWN of each, by name. Not
    personal data: no audit."""
    policy.require(actor, Action.CATALOGUE_VIEW)
    today = timezone.localdate()
    words = _words(text)
    services: list[Service] = []
    offers: list[Offer] = []
    if kind in ("", "services") and topic is None:
        qs = services_offered(today=today).filter(
            _name_filter(words, "name", "provider__name")
        )
        if domain_id is not None:
            qs = qs.filter(domains__id=domain_id)
        services = list(
            qs.select_related("provider")
            .prefetch_related(
                Prefetch(
                    "tariffs",
                    queryset=Tariff.objects.filter(valid_from__lte=today).order_by(
                        "-valid_from"
                    ),
                    to_attr="tariffs_now",
                )
            )
            .order_by("law", "name")[: SHOWN + 1]
        )
    if kind in ("", "offers"):
        found = offers_in_area(team_id=team_id, today=today).filter(
            _name_filter(words, "name", "organiser")
        )
        if domain_id is not None:
            found = found.filter(topics__domains__id=domain_id)
        if topic is not None:
            found = found.filter(topics=topic)
        offers = list(
            found.distinct().prefetch_related("topics").order_by("name")[: SHOWN + 1]
        )
    for service in services:
        service.tariff_now = current_tariff(service)  # type: ignore[attr-defined]
    return Catalogue(
        services[:SHOWN],
        offers[:SHOWN],
        more_services=len(services) > SHOWN,
        more_offers=len(offers) > SHOWN,
    )


def current_tariff(service: Service) -> Decimal | None:
    """From `tariffs_now` as catalogue_search prefetches it."""
    tariffs = getattr(service, "tariffs_now", None)
    return tariffs[0].amount if tariffs else None


@dataclass
class GrantView:
    """A grant as shown: its versions, the terms in force over time, the latest
    version (its state) and what it cost this calendar year."""

    grant: Grant
    versions: list[GrantVersion]
    schedule: list[domain.Segment]
    latest: GrantVersion
    cost_this_year: Decimal
    pending: GrantVersion | None = None
    letters: set[int] = field(default_factory=set)

    @property
    def in_force_text(self) -> str:
        """The terms in force, as words ("3 uur per week")."""
        segment = self.in_force
        if segment is None:
            return ""
        period = str(Period(segment.period).label)
        return f"{amount_text(segment.units, self.grant.service.unit)} {period}"

    @property
    def in_force(self) -> domain.Segment | None:
        today = timezone.localdate()
        for segment in self.schedule:
            if segment.starts_on <= today and (
                segment.ends_on is None or segment.ends_on >= today
            ):
                return segment
        return self.schedule[-1] if self.schedule else None


def _view(grant: Grant, versions: list[GrantVersion]) -> GrantView:
    granted = [v for v in versions if v.status == GrantVersion.Status.GRANTED]
    schedule = domain.schedule([v.as_domain for v in granted])
    today = timezone.localdate()
    year = (today.replace(month=1, day=1), today.replace(month=12, day=31))
    pending = next(
        (v for v in versions if v.status == GrantVersion.Status.PENDING), None
    )
    return GrantView(
        grant,
        versions,
        schedule,
        versions[-1],
        domain.cost(schedule, *year),
        pending,
    )


def _versions_prefetch() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=GrantVersion.objects.select_related(
            "requested_by", "decided_by"
        ).order_by("number"),
        to_attr="version_list",
    )


def grants_for(*, case: Any, shares: policy.Sharing) -> list[GrantView]:
    """The case's grants whose person's services data flows to the actor
    (`shares`: the case's sharing for them), in two queries."""
    if not shares.any(Category.SERVICES):
        return []
    grants = (
        Grant.objects.filter(case=case)
        .select_related("service", "provider", "person")
        .prefetch_related(_versions_prefetch())
        .order_by("-created_at")
    )
    return [
        _view(g, g.version_list)  # type: ignore[attr-defined]
        for g in grants
        if shares.allows(Category.SERVICES, [g.person_id])
    ]


def _grant(actor: Actor, uuid: UUID, action: Action) -> Grant:
    grant = (
        Grant.objects.filter(uuid=uuid)
        .select_related(
            "case__household", "case__team", "service", "provider", "person"
        )
        .prefetch_related(_versions_prefetch())
        .first()
    )
    if grant is None or not policy.can(actor, action, grant):
        raise Hidden(action, "services.grant")
    return grant


def grant_get(*, actor: Actor, uuid: UUID) -> GrantView:
    """One grant the actor may read (404 otherwise); audited with its person."""
    grant = _grant(actor, uuid, Action.GRANT_VIEW)
    view = _view(grant, grant.version_list)  # type: ignore[attr-defined]
    view.letters = set(
        GrantVersion.objects.filter(grant=grant, letter__isnull=False).values_list(
            "number", flat=True
        )
    )
    audit.record(
        actor=actor, action=Action.GRANT_VIEW, subject=grant, persons=[grant.person_id]
    )
    return view


def letter_get(*, actor: Actor, uuid: UUID, number: int) -> bytes:
    """The PDF letter of version `number`; audited as a read of the person."""
    grant = _grant(actor, uuid, Action.GRANT_LETTER)
    pdf = (
        GrantVersion.objects.filter(grant=grant, number=number, letter__isnull=False)
        .values_list("letter__pdf", flat=True)
        .first()
    )
    if pdf is None:
        raise Hidden(Action.GRANT_LETTER, "services.decisionletter")
    audit.record(
        actor=actor,
        action=Action.GRANT_LETTER,
        subject=grant,
        persons=[grant.person_id],
    )
    return bytes(pdf)


def approvals_waiting(*, actor: Actor) -> list[GrantVersion]:
    """Versions above their requester's mandate that the actor may decide on:
    in the actor's teams, not their own, within their mandate. Two queries."""
    if actor.user_id is None or not actor.team_ids():
        return []
    candidates = (
        GrantVersion.objects.filter(
            status=GrantVersion.Status.PENDING,
            grant__case__team_id__in=actor.team_ids(),
        )
        .exclude(requested_by_id=actor.user_id)
        .select_related("grant__case", "grant__service", "requested_by")
        .order_by("requested_at")[:100]
    )
    return [v for v in candidates if policy.can(actor, Action.GRANT_DECIDE, v)]


def pending_for(*, grant_view: GrantView, actor: Actor) -> bool:
    """Whether the actor may decide on the grant's pending version."""
    pending = grant_view.pending
    return pending is not None and bool(policy.can(actor, Action.GRANT_DECIDE, pending))
