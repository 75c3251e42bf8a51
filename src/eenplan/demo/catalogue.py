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


# Demo grants, one per open case with an agreed plan, in this order: (service
# name, units, period, weeks). Beschermd wonen is above the director's
# mandate: it waits for the team leader's approval; the others are granted.
DEMO_GRANTS = (
    ("Huishoudelijke ondersteuning", Decimal("3"), "week", 52),
    ("Beschermd wonen", Decimal("7"), "week", 52),
    ("Budgetbeheer", Decimal("1"), "month", 52),
    ("Individuele begeleiding", Decimal("2"), "week", 26),
    ("Schuldhulptraject", Decimal("1"), "month", 52),
    ("Ambulante jeugdhulp", Decimal("1"), "week", 26),
    ("Wmo-vervoer (regiotaxi)", Decimal("1"), "month", 52),
    ("Dagbesteding", Decimal("1"), "week", 52),
    ("Jobcoaching", Decimal("1"), "week", 26),
    ("Scootmobiel in bruikleen", Decimal("1"), "month", 52),
)


def demo_grants(*, today: datetime.date) -> int:
    """Grant the demo's open cases with an agreed plan one service each,
    through the real service as their director: within the mandate at once
    (with its letter), Beschermd wonen above it, waiting for the team leader."""
    from eenplan.access.actor import for_user
    from eenplan.cases.models import Case
    from eenplan.people.selectors import current_members
    from eenplan.services import services as grant_services

    cases = list(
        Case.objects.open()
        .filter(plans__status="agreed")
        .select_related("household", "director")
        .distinct()
        .order_by("pk")
    )
    made = 0
    for i, case in enumerate(cases):
        name, units, period, weeks = DEMO_GRANTS[i % len(DEMO_GRANTS)]
        service = Service.objects.filter(name=name).first()
        members = current_members(case.household)
        if service is None or not members:
            continue
        grant_services.grant_request(
            actor=for_user(case.director),
            case=case,
            person=members[0].person,
            service=service,
            starts_on=today - datetime.timedelta(days=7 * (i % 8)),
            ends_on=today + datetime.timedelta(days=7 * weeks - 1),
            units=units,
            period=period,
            note="Afgesproken in het plan.",
        )
        made += 1
    return made


# The synthetic municipality's grants: how many services a case gets, by the
# number of life domains in trouble at intake (ZRM 1 or 2). Assumptions of ours
# (docs/synthetic-data.md), set so that a few households with problems on
# several domains take a large share of the cost, as municipalities report.
GRANTS_BY_TROUBLE = ((0, 0.15), (1, 0.45), (2, 0.7), (4, 0.9))  # (domains, chance)
MAX_GRANTS = 3
DIRECTOR_MANDATE = Decimal("7500")  # as the professionals' Wmo mandate above
SEVERE = 10  # domains in trouble from which heavy care is granted too


def _usual_cost(service: Service, usual: dict) -> Decimal:
    """A year of the service's usual terms at its latest tariff."""
    from eenplan.services import domain as cost

    units, period, _weeks = usual.get(service.name, ("1", "month", 26))
    tariff = max(service.tariffs.all(), key=lambda t: t.valid_from).amount
    segment = cost.Segment(
        datetime.date(2026, 1, 1), None, Decimal(units), period, tariff
    )
    return cost.cost_per_year(segment)


def synthetic_grants(*, rng, today: datetime.date, new_uuid) -> int:
    """Grants for the generated cases, in bulk: per case a chance by its
    trouble at intake, services that help with those domains, the usual units
    and duration of catalogue.toml, the tariff in force at the start, granted
    by the director on the day after the intake. No letters (no PDF per row)."""
    from decimal import Decimal as D

    from eenplan.assessments.models import DomainScore
    from eenplan.cases.models import Case
    from eenplan.people.models import HouseholdMember
    from eenplan.services.models import Grant, GrantVersion

    usual = {row["name"]: row["usual"] for row in load()["services"]}
    services = list(
        Service.objects.exclude(law="free").prefetch_related("domains", "tariffs")
    )
    helps: dict[int, list[Service]] = {}
    for service in services:
        for domain in service.domains.all():
            helps.setdefault(domain.pk, []).append(service)
    trouble: dict[int, set[int]] = {}
    for case_id, domain_id in DomainScore.objects.filter(
        assessment__kind="intake", score__lte=2
    ).values_list("assessment__case_id", "domain_id"):
        trouble.setdefault(case_id, set()).add(domain_id)
    adults = {}
    for household_id, person_id in (
        HouseholdMember.objects.filter(relation__in=("parent", "partner", "other"))
        .values_list("household_id", "person_id")
        .order_by("household_id", "person_id")
    ):
        adults.setdefault(household_id, person_id)
    grants, versions = [], []
    from eenplan.organisations.models import Membership

    leaders = dict(
        Membership.objects.filter(role="team_leader")
        .order_by("team_id", "user_id")
        .values_list("team_id", "user_id")
    )
    cases = Case.objects.values_list(
        "pk", "household_id", "team_id", "director_id", "opened_on", "closed_on"
    ).order_by("pk")
    for case_id, household_id, team_id, director_id, opened_on, closed_on in cases:
        domains = sorted(trouble.get(case_id, ()))
        chance = max(c for n, c in GRANTS_BY_TROUBLE if len(domains) >= n)
        person = adults.get(household_id)
        if person is None or rng.random() >= chance:
            continue
        wanted = min(MAX_GRANTS, max(1, len(domains) // 2))
        options = sorted(
            {s for d in domains for s in helps.get(d, [])} or set(services),
            key=lambda s: s.pk,
        )
        # Light support: what a year of it costs stays below the director's
        # mandate (the cheapest option when none does).
        light = [s for s in options if _usual_cost(s, usual) <= DIRECTOR_MANDATE]
        light = light or sorted(options, key=lambda s: _usual_cost(s, usual))[:1]
        chosen = rng.sample(light, min(wanted, len(light)))
        if len(domains) >= SEVERE:
            # Trouble on nearly every domain: the heavy care of those domains
            # (the dearest option) besides the light, as for the few
            # households that take a large share of the cost.
            heavy = max(options, key=lambda s: _usual_cost(s, usual))
            chosen = [heavy, *[s for s in chosen if s != heavy][:2]]
        for service in chosen:
            units, period, weeks = usual.get(service.name, ("1", "month", 26))
            starts_on = opened_on + datetime.timedelta(days=rng.randint(3, 21))
            if starts_on > today:
                continue
            ends_on = None
            if period != "once":
                length = weeks or rng.choice((26, 52))
                ends_on = starts_on + datetime.timedelta(days=7 * length - 1)
                if closed_on is not None and ends_on > closed_on:
                    ends_on = max(starts_on, closed_on)
            tariffs = sorted((t.valid_from, t.amount) for t in service.tariffs.all())
            valid = [a for since, a in tariffs if since <= starts_on] or [tariffs[0][1]]
            grant = Grant(
                uuid=new_uuid(),
                case_id=case_id,
                person_id=person,
                service=service,
                provider_id=service.provider_id,
                law=service.law,
            )
            grants.append(grant)
            terms = (starts_on, ends_on, D(units), period, valid[-1])
            versions.append((grant, terms, director_id, leaders.get(team_id)))
    Grant.objects.bulk_create(grants, batch_size=2000)
    from eenplan.services import domain as cost

    rows = []
    for grant, terms, director_id, leader_id in versions:
        starts_on, ends_on, units, period, tariff = terms
        segment = cost.Segment(starts_on, ends_on, units, period, tariff)
        per_year = cost.cost_per_year(segment)
        # Above a director's usual mandate the team leader approved it.
        within = per_year <= DIRECTOR_MANDATE or leader_id is None
        rows.append(
            GrantVersion(
                grant=grant,
                number=1,
                kind="new",
                starts_on=starts_on,
                ends_on=ends_on,
                units=units,
                period=period,
                tariff=tariff,
                cost_per_year=per_year,
                status="granted",
                within_mandate=within,
                requested_by_id=director_id,
                decided_by_id=director_id if within else leader_id,
                decided_on=starts_on,
            )
        )
    GrantVersion.objects.bulk_create(rows, batch_size=2000)
    return len(grants)


def commitments(*, today: datetime.date) -> int:
    """Per team and organisation with people in it: the hours a week it
    committed, from 1 January, rounded up to a whole day's work (8 hours) of
    what its people have in the team, so that some commit more than they
    deliver, as in practice."""
    from django.db.models import Sum

    from eenplan.organisations.models import Commitment, Membership

    if Commitment.objects.exists():
        return 0
    delivered = (
        Membership.objects.exclude(role="front_desk")
        .values("team_id", "user__organisation_id")
        .annotate(hours=Sum("hours_per_week"))
        .order_by("team_id", "user__organisation_id")
    )
    rows = [
        Commitment(
            organisation_id=row["user__organisation_id"],
            team_id=row["team_id"],
            hours_per_week=Decimal(8 * (int(row["hours"] or 0) // 8 + 1)),
            valid_from=today.replace(month=1, day=1),
        )
        for row in delivered
        if row["user__organisation_id"] is not None
    ]
    Commitment.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
