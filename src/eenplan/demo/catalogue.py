# SPDX-License-Identifier: EUPL-1.2
"""The services catalogue, the social map and the mandates of the demo and of
the synthetic municipality, from stories/catalogue.toml."""

from __future__ import annotations

import datetime
import math
import tomllib
import uuid
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from eenplan.assessments.models import LifeDomain
from eenplan.organisations.models import Organisation, Team
from eenplan.services.models import MandateRule, Offer, Service, Tariff, Topic

SOURCE = Path(__file__).resolve().parent / "stories" / "catalogue.toml"
# The social map's size: offers per 100,000 residents (the issue asks 50+).
OFFERS_PER_100K = 60
# Last year's tariffs: this year's less the yearly indexation.
INDEXATION = Decimal("1.035")


def load() -> dict:
    return tomllib.loads(SOURCE.read_text(encoding="utf-8"))


def _mandates(data: dict) -> None:
    for row in data["mandates"]:
        MandateRule.objects.get_or_create(
            role=row["role"],
            user=None,
            law=row["law"],
            service=None,
            defaults={
                "max_cost_per_year": Decimal(row["max_cost"])
                if row["max_cost"]
                else None,
                "max_weeks": row["max_weeks"] or None,
            },
        )


def build(
    *,
    today: datetime.date,
    teams: Sequence[Team],
    residents: int | None = None,
    new_uuid: Callable[[], uuid.UUID] = uuid.uuid4,
    suffix: str = "",
) -> dict[str, int]:
    """Providers, services with last year's and this year's tariff, mandates,
    and offers: every kind in every team's area (`residents` None, the demo),
    or OFFERS_PER_100K per 100,000 `residents` spread over the teams."""
    data = load()
    domains = {d.code: d for d in LifeDomain.objects.all()}
    topics = {t.code: t for t in Topic.objects.all()}
    providers = {
        key: Organisation.objects.get_or_create(
            name=f"{name}{suffix}", defaults={"kind": kind, "uuid": new_uuid()}
        )[0]
        for key, (name, kind) in data["providers"].items()
    }
    this_year = today.replace(month=1, day=1)
    last_year = this_year.replace(year=this_year.year - 1)
    services = []
    for row in data["services"]:
        service, created = Service.objects.get_or_create(
            name=row["name"],
            provider=providers[row["provider"]],
            defaults={
                "uuid": new_uuid(),
                "law": row["law"],
                "unit": row["unit"],
                "needs_decision": row.get("decision", True),
            },
        )
        services.append(service)
        if not created:
            continue
        service.domains.set([domains[c] for c in row["domains"] if c in domains])
        amount = Decimal(row["tariff"])
        earlier = (amount / INDEXATION).quantize(Decimal("0.01"), ROUND_HALF_UP)
        Tariff.objects.bulk_create(
            [
                Tariff(service=service, valid_from=last_year, amount=earlier),
                Tariff(service=service, valid_from=this_year, amount=amount),
            ]
        )
    _mandates(data)
    offers = _offers(data["offers"], teams, topics, residents, new_uuid)
    return {"services": len(services), "offers": offers}


def _offers(kinds, teams, topics, residents, new_uuid) -> int:
    if Offer.objects.exists():
        return 0
    municipal = [k for k in kinds if k.get("municipality")]
    local = [k for k in kinds if not k.get("municipality")]
    placed: list[tuple[dict, Team | None]] = [(k, None) for k in municipal]
    if residents is None:
        placed += [(k, team) for team in teams for k in local]
    else:
        wanted = max(len(municipal), math.ceil(residents * OFFERS_PER_100K / 100_000))
        placed += [
            (local[i % len(local)], teams[i % len(teams)])
            for i in range(wanted - len(municipal))
        ]
    rows = []
    for kind, team in placed:
        rows.append(
            Offer(
                uuid=new_uuid(),
                name=kind["name"] if team is None else f"{kind['name']} ({team.name})",
                description=kind["description"],
                organiser=kind["organiser"],
                whole_municipality=team is None,
                times=kind.get("times", ""),
                contact="14 0000 of wijkteam@gemeente-voorbeeld.example",
                waiting_weeks=kind.get("waiting_weeks"),
            )
        )
    Offer.objects.bulk_create(rows, batch_size=1000)
    Teams = Offer.teams.through
    Topics = Offer.topics.through
    Teams.objects.bulk_create(
        [
            Teams(offer=offer, team=team)
            for offer, (_k, team) in zip(rows, placed, strict=True)
            if team is not None
        ],
        batch_size=1000,
    )
    Topics.objects.bulk_create(
        [
            Topics(offer=offer, topic=topics[code])
            for offer, (kind, _t) in zip(rows, placed, strict=True)
            for code in kind["topics"]
            if code in topics
        ],
        batch_size=1000,
    )
    return len(rows)


# Demo grants: (service name, units, period, weeks) of the two kinds a walk
# through the demo needs: within the director's mandate, and above it.
DEMO_GRANTS = (
    ("Huishoudelijke ondersteuning", Decimal("3"), "week", 52),
    ("Beschermd wonen", Decimal("7"), "week", 52),
)


def demo_grants(*, today: datetime.date) -> int:
    """Grant the demo's first open cases with an agreed plan one service each,
    through the real service as their director: one within the mandate (with
    its letter), one above it, waiting for the team leader's approval."""
    from eenplan.access.actor import for_user
    from eenplan.cases.models import Case
    from eenplan.people.selectors import current_members
    from eenplan.services import services as grant_services

    cases = list(
        Case.objects.open()
        .filter(plans__status="agreed")
        .select_related("household", "director")
        .order_by("pk")[: len(DEMO_GRANTS)]
    )
    made = 0
    for case, (name, units, period, weeks) in zip(cases, DEMO_GRANTS, strict=False):
        service = Service.objects.filter(name=name).first()
        members = current_members(case.household)
        if service is None or not members:
            continue
        grant_services.grant_request(
            actor=for_user(case.director),
            case=case,
            person=members[0].person,
            service=service,
            starts_on=today,
            ends_on=today
            + datetime.timedelta(weeks=weeks)
            - datetime.timedelta(days=1),
            units=units,
            period=period,
            note="Afgesproken in het plan.",
        )
        made += 1
    return made
