# SPDX-License-Identifier: EUPL-1.2
"""A synthetic municipality at scale: `manage.py generate_municipality`.

Builds, in the configured database and from one seed, the residents of a
municipality and the social team's history with them: partner organisations,
teams over postcode areas, professionals with their memberships and hours,
households of Dutch composition with persons (Dutch names, dates of birth that
fit their place in the household, BSNs that pass the elfproef), and some years
of requests with their triage and the cases they opened, each with one
director, an intake, ZRM assessments, plan versions with reviews, a partner at
the table on consent, the journal, and the audit entries all of it would have
written (sealed at the end). The rates and their sources are in
docs/synthetic-data.md.

Fast by construction: rows are made in memory in batches and written with
`bulk_create` (one INSERT per batch and table), never one ORM save per row;
only what the history needs of a household is kept between batches, so memory
stays flat as the size grows. Everything random comes from one
`random.Random(seed)` (UUIDs too), so the same seed gives the same municipality.

Referrals come in three kinds: accepted (how the partner came to the table),
still open, and declined with a reason and an advice. Some consents are
withdrawn after the case closed, and some cases share under a legal basis
instead of consent. Consultations (MDO) come monthly per team on a share of
its open cases, with outcomes for the ones held, and escalations to one forum
of the team leaders (`_consultations`). Not generated yet: hand-overs, agreed
actions of consultations, and services with tariffs (issue 12).
"""

from __future__ import annotations

import datetime
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from eenplan.accounts.models import User
from eenplan.audit import integrity
from eenplan.cases.models import Case
from eenplan.demo import catalogue
from eenplan.intake.models import Outcome, Request, TriageDecision
from eenplan.organisations.models import (
    Commitment,
    IntakePoint,
    Membership,
    Organisation,
    Team,
)
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.services.models import Grant, Offer, Service

# --- Rates (sources in docs/synthetic-data.md) ------------------------------------

# Household types and their shares of households (CBS StatLine, Huishoudens;
# samenstelling, 2024, rounded).
HOUSEHOLD_TYPES = (
    ("single", 0.39),
    ("couple", 0.27),
    ("couple_children", 0.25),
    ("single_parent", 0.08),
    ("other", 0.01),
)
# Children in a household with children (CBS, 2024, rounded).
CHILDREN = ((1, 0.40), (2, 0.42), (3, 0.14), (4, 0.04))
RESIDENTS_PER_POSTCODE_AREA = 4_000  # 17.9 million over about 4,070 PC4 areas
RESIDENTS_PER_TEAM = 15_000  # a social team serves 10,000–20,000 residents
PROFESSIONALS_PER_1000_RESIDENTS = 0.8  # about 1 FTE per 1,000 at 30 h a week
# Of all households, the share that asks the social team for help in a year,
# and how the first triage sends those requests on.
REQUESTS_PER_HOUSEHOLD_YEAR = 0.035
TRIAGE = (
    (Outcome.SOLVED_AT_DOOR, 0.30),
    (Outcome.ONE_DISCIPLINE, 0.30),
    (Outcome.INTEGRAL, 0.36),
    (Outcome.URGENT, 0.04),
)
CASE_MONTHS = (3, 18)  # an integral case runs three months to a year and a half
PARTNERS = (
    ("Gemeente", Organisation.Kind.MUNICIPALITY, 0.45),
    ("Jeugdhulp", Organisation.Kind.YOUTH_CARE, 0.15),
    ("GGZ", Organisation.Kind.MENTAL_HEALTH, 0.10),
    ("LVB-zorg", Organisation.Kind.LVB, 0.06),
    ("Schuldhulp", Organisation.Kind.DEBT_HELP, 0.08),
    ("Inkomen", Organisation.Kind.INCOME, 0.05),
    ("Werk", Organisation.Kind.REINTEGRATION, 0.05),
    ("Welzijn", Organisation.Kind.WELFARE, 0.06),
)
QUESTIONS = (
    "Wij komen niet rond en de rekeningen stapelen zich op.",
    "Mijn zoon gaat niet meer naar school en zit de hele dag binnen.",
    "Ik red het huishouden niet meer sinds mijn operatie.",
    "Er is veel ruzie thuis en ik weet niet waar ik moet beginnen.",
    "Ik ben mijn baan kwijt en de huur wordt te hoog.",
    "Mijn moeder wordt vergeetachtig en woont alleen.",
    "Ik voel me somber en kom de deur niet meer uit.",
    "We moeten het huis uit en hebben geen nieuwe woning.",
)
BATCH = 5_000  # households per batch


@dataclass
class Report:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, model, n: int) -> None:
        label = model._meta.label
        self.rows[label] = self.rows.get(label, 0) + n


class _Trail:
    """The audit entries the generated history would have written, with their
    digests, in bulk; `flush` writes what was collected (origin "system")."""

    def __init__(self, rng, staff: dict[int, dict], report: Report, today):
        self.rng, self.staff, self.report, self.today = rng, staff, report, today
        self.now = timezone.now()
        self.entries: list = []

    def add(self, day, actor_id, action, obj, persons) -> None:
        from eenplan.audit.models import AuditEntry

        moment = timezone.make_aware(
            datetime.datetime.combine(
                min(day, self.today),
                datetime.time(8 + self.rng.randrange(9), self.rng.randrange(60)),
            )
        )
        entry = AuditEntry(
            uuid=_uuid(self.rng),
            # Never in the future: the sealer seals what is older than now.
            at=min(moment, self.now),
            action=action,
            object_type=obj._meta.label_lower,
            object_uuid=obj.uuid,
            person_ids=sorted(persons),
            purpose="",
            legal_basis="",
            outcome="allowed",
            origin="system",
            trace_id=f"{self.rng.getrandbits(128):032x}",
            span_id=f"{self.rng.getrandbits(64):016x}",
            **self.staff[actor_id],
        )
        entry.digest = entry.compute_digest()
        self.entries.append(entry)

    def flush(self) -> None:
        from eenplan.audit.models import AuditEntry

        AuditEntry.objects.bulk_create(self.entries, batch_size=2000)
        self.report.add(AuditEntry, len(self.entries))
        self.entries = []


class ProductionDatabase(Exception):
    """Refused: the settings say this is production."""


class NotEmpty(Exception):
    """Refused: the database already holds households."""


def _choose(rng: random.Random, weighted) -> object:
    values, weights = zip(*((v, w) for v, *_, w in weighted), strict=True)
    return rng.choices(values, weights)[0]


def bsn_numbers(rng: random.Random):
    """BSNs that pass the elfproef, all different, from a place the seed picks."""
    prefix = 10_000_000 + rng.randrange(0, 40_000_000)
    while True:
        prefix += 1
        digits = [int(c) for c in f"{prefix:08d}"]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check <= 9:
            yield f"{prefix:08d}{check}"


class _Names:
    """Pools of Dutch names and streets drawn once from Faker, then sampled."""

    def __init__(self, rng: random.Random, seed: int):
        from faker import Faker

        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        self.female = sorted({fake.first_name_female() for _ in range(600)})
        self.male = sorted({fake.first_name_male() for _ in range(600)})
        self.family = sorted({fake.last_name() for _ in range(3000)})
        self.streets = sorted({fake.street_name() for _ in range(3000)})
        self.city = fake.city()
        self.rng = rng

    def given(self, female: bool) -> str:
        return self.rng.choice(self.female if female else self.male)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _birth(rng, today, low: int, high: int) -> datetime.date:
    """A date of birth for someone aged `low` to `high` today."""
    return today - datetime.timedelta(days=rng.randint(low * 365 + 1, high * 365 + 364))


def generate(
    *,
    residents: int,
    seed: int = 1,
    years: int = 3,
    today: datetime.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Generate a municipality of `residents` persons; refuse where it may not."""
    from django.conf import settings

    if getattr(settings, "EENPLAN_PRODUCTION", False):
        raise ProductionDatabase()
    if Household.objects.exists():
        raise NotEmpty()
    # Reproducible on purpose: synthetic data, never a secret.
    rng = random.Random(seed)  # noqa: S311
    today = today or timezone.localdate()
    say = progress or (lambda text: None)
    report = Report()
    with transaction.atomic():
        teams, directors, desks, leaders, staff, partners = _organisation(
            rng, residents, report
        )
        say(f"{len(teams)} teams, {sum(map(len, directors.values()))} directors")
        # A random stream of its own: the rest of the town stays as it was.
        catalogue_rng = random.Random(seed + 12)  # noqa: S311
        counts = catalogue.build(
            today=today,
            teams=teams,
            residents=residents,
            new_uuid=lambda: _uuid(catalogue_rng),
            suffix=" Synthese",
        )
        report.add(Offer, counts["offers"])
        report.add(Service, counts["services"])
        asking = _population(rng, seed, residents, teams, today, years, report, say)
        say(f"{report.rows.get('people.Person', 0)} residents")
        trail = _Trail(rng, staff, report, today)
        _history(
            rng,
            asking,
            directors,
            desks,
            leaders,
            partners,
            today,
            years,
            report,
            trail,
        )
        _aftercare(rng, today, report, trail)
        report.add(Commitment, catalogue.commitments(today=today))
        grant_rng = random.Random(seed + 13)  # noqa: S311 (its own stream)
        report.add(
            Grant,
            catalogue.synthetic_grants(
                rng=grant_rng, today=today, new_uuid=lambda: _uuid(grant_rng)
            ),
        )
        _consultations(rng, leaders, partners, today, report, trail)
        say(f"{report.rows.get('consultations.Consultation', 0)} consultations")
    say(f"{report.rows.get('audit.AuditEntry', 0)} audit entries; sealing")
    integrity.seal(grace=datetime.timedelta(0))
    say("analysing the tables")
    analyse()
    return report


def analyse() -> None:
    """Give the query planner statistics of what was just loaded.

    Without them PostgreSQL takes a freshly filled table for nearly empty
    until autovacuum comes round, and picks plans for that: at a million
    residents, a page that reads a household's members scanned the partial
    index of *all* current memberships (one million entries) beside the
    household index, and pages took 3 to 9 times as long (the issue 11 bench,
    docs/performance.md). A bulk load ends with ANALYZE, here as after an
    import from an old system; SQLite's ANALYZE does the same for its planner.
    """
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _organisation(rng, residents: int, report: Report):
    """Organisations, teams over postcode areas, professionals and memberships."""
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(uuid=_uuid(rng), name=f"{name} Synthese", kind=kind)
            for name, kind, _share in PARTNERS
        ]
    )
    report.add(Organisation, len(organisations))
    n_teams = max(1, round(residents / RESIDENTS_PER_TEAM))
    n_areas = max(n_teams, math.ceil(residents / RESIDENTS_PER_POSTCODE_AREA))
    areas = [str(1000 + i * 7) for i in range(n_areas)]  # spread over 1000–9999
    per_team = [areas[i::n_teams] for i in range(n_teams)]
    teams = Team.objects.bulk_create(
        [
            Team(
                uuid=_uuid(rng),
                name=f"Wijkteam {i + 1:03d}",
                postcode_areas=",".join(team_areas),
            )
            for i, team_areas in enumerate(per_team)
        ]
    )
    report.add(Team, len(teams))
    password = make_password(None)
    users, memberships, roles = [], [], []
    per_team_professionals = max(
        3, round(residents / n_teams * PROFESSIONALS_PER_1000_RESIDENTS / 1000)
    )
    weights = [share for *_x, share in PARTNERS]
    for t, team in enumerate(teams):
        staff = [("team_leader", organisations[0])]
        staff += [("front_desk", organisations[0])] * 2
        staff += [
            ("professional", rng.choices(organisations, weights)[0])
            for _ in range(per_team_professionals)
        ]
        for s, (role, organisation) in enumerate(staff):
            users.append(
                User(
                    uuid=_uuid(rng),
                    username=f"team{t + 1:03d}-{role}-{s:02d}",
                    first_name=f"{role.replace('_', ' ').capitalize()} {s}",
                    last_name=team.name,
                    password=password,
                    organisation=organisation,
                    job_title=role.replace("_", " "),
                )
            )
            roles.append((team, role, role == "professional" and rng.random() < 0.6))
    users = User.objects.bulk_create(users, batch_size=1000)
    report.add(User, len(users))
    directors: dict[int, list[int]] = {team.pk: [] for team in teams}
    desks: dict[int, list[int]] = {team.pk: [] for team in teams}
    leaders: dict[int, int] = {}
    # Professionals of a partner organisation in each team: (user id, organisation id).
    partners: dict[int, list[tuple[int, int]]] = {team.pk: [] for team in teams}
    # Who acted, as the audit trail keeps it (audit._snapshot).
    staff = {
        user.pk: {
            "actor_id": user.pk,
            "actor_uuid": user.uuid,
            "actor_username": user.username,
            "organisation_uuid": user.organisation.uuid,
            "organisation_name": user.organisation.name,
            "roles": [f"{role}@{team.uuid}"],
            "function": "",
        }
        for user, (team, role, _d) in zip(users, roles, strict=True)
    }
    for user, (team, role, can_direct) in zip(users, roles, strict=True):
        if role == "team_leader":
            leaders[team.pk] = user.pk
        elif role == "professional" and user.organisation is not organisations[0]:
            partners[team.pk].append((user.pk, user.organisation_id))
        memberships.append(
            Membership(
                user=user,
                team=team,
                role=role,
                hours_per_week=rng.choice((24, 28, 32, 36)),
                can_direct=can_direct,
            )
        )
        if can_direct:
            directors[team.pk].append(user.pk)
        if role == "front_desk":
            desks[team.pk].append(user.pk)
    for team in teams:  # every team has a director
        if not directors[team.pk]:
            first = next(
                m for m in memberships if m.team is team and m.role == "professional"
            )
            first.can_direct = True
            directors[team.pk].append(first.user.pk)
    Membership.objects.bulk_create(memberships, batch_size=1000)
    report.add(Membership, len(memberships))
    _intake_points(rng, teams, partners, report)
    return teams, directors, desks, leaders, staff, partners


def _intake_points(rng, teams, partners, report) -> None:
    """Per team, each partner organisation with people in it takes in
    referrals there through one or two of them (its aanmeldpunt)."""
    points, links = [], []
    for team in teams:
        by_org: dict[int, list[int]] = {}
        for user, organisation in partners[team.pk]:
            by_org.setdefault(organisation, []).append(user)
        for organisation, users in sorted(by_org.items()):
            point = IntakePoint(
                uuid=_uuid(rng), organisation_id=organisation, team=team
            )
            points.append(point)
            links += [(point, user) for user in users[:2]]
    IntakePoint.objects.bulk_create(points, batch_size=1000)
    through = IntakePoint.staff.through
    rows = [through(intakepoint_id=p.pk, user_id=u) for p, u in links]
    through.objects.bulk_create(rows, batch_size=5000)
    report.add(IntakePoint, len(points))
    report.add(through, len(rows))


def _of_age(born: datetime.date) -> datetime.date:
    return born.replace(year=born.year + 18, day=min(born.day, 28))


def _members(rng, names: _Names, kind: str, today) -> list[tuple[str, Person]]:
    """The persons of one household: (relation, unsaved Person)."""
    family = rng.choice(names.family)

    def person(low, high, female=None, name=None):
        female = rng.random() < 0.5 if female is None else female
        return Person(
            given_names=names.given(female),
            family_name=name or family,
            birth_date=_birth(rng, today, low, high),
        )

    if kind == "single":
        return [("other", person(18, 95))]
    if kind == "other":
        return [
            ("other", person(18, 80)),
            ("other", person(18, 80, name=rng.choice(names.family))),
        ]
    adult_low, adult_high = (25, 55) if kind != "couple" else (20, 90)
    first_female = rng.random() < (0.85 if kind == "single_parent" else 0.5)
    members = [
        (
            "parent" if kind != "couple" else "partner",
            person(adult_low, adult_high, first_female),
        )
    ]
    if kind in ("couple", "couple_children"):
        members.append(
            (
                "partner" if kind == "couple" else "parent",
                person(
                    adult_low,
                    adult_high,
                    not first_female,
                    rng.choice((family, rng.choice(names.family))),
                ),
            )
        )
    if kind in ("couple_children", "single_parent"):
        # Every child at least 18 years younger than the youngest parent.
        youngest_parent = max(p.birth_date for _r, p in members)
        oldest_child = max(0, min(17, (today - youngest_parent).days // 365 - 19))
        for _ in range(_choose(rng, CHILDREN)):
            members.append(("child", person(0, oldest_child)))
    return members


def _population(rng, seed, residents, teams, today, years, report, say):
    """Households and their persons, in batches; returns who asks for help.

    Returns (household id, team id, person ids, adult person ids) for the
    households that asked the social team for help in the years of history.
    """
    names = _Names(rng, seed)
    bsns = bsn_numbers(rng)
    areas = [(team, area) for team in teams for area in team.postcode_areas.split(",")]
    streets = {area: rng.sample(names.streets, 12) for _team, area in areas}
    numbers: dict[tuple[str, str], int] = {}
    asks = 1 - (1 - REQUESTS_PER_HOUSEHOLD_YEAR) ** years
    asking = []
    made = 0
    while made < residents:
        households, people = [], []
        while len(households) < BATCH and made < residents:
            team, area = rng.choice(areas)
            street = rng.choice(streets[area])
            number = numbers.get((area, street), 0) + rng.randint(1, 3)
            numbers[(area, street)] = number
            letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
            households.append(
                Household(
                    uuid=_uuid(rng),
                    postcode=f"{area}{letters}",  # as clean_postcode stores it
                    house_number=number,
                    street=street,
                    city=names.city,
                    team=team,
                )
            )
            members = _members(rng, names, _choose(rng, HOUSEHOLD_TYPES), today)
            members = members[: residents - made]
            made += len(members)
            for _relation, p in members:
                p.uuid = _uuid(rng)
                p.bsn = next(bsns) if rng.random() < 0.97 else ""
                if rng.random() < 0.6:
                    p.phone = f"06{rng.randrange(10**8):08d}"
            people.append(members)
        Household.objects.bulk_create(households, batch_size=1000)
        flat = [p for members in people for _r, p in members]
        Person.objects.bulk_create(flat, batch_size=2000)
        links = []
        for household, members in zip(households, people, strict=True):
            # Together since the youngest member was born, or since the youngest
            # adult came of age in a household of adults.
            since = max(
                max(p.birth_date for _r, p in members),
                max(_of_age(p.birth_date) for r, p in members if r != "child"),
            )
            links += [
                HouseholdMember(household=household, person=p, relation=r, since=since)
                for r, p in members
            ]
            if rng.random() < asks:
                adults = [p.pk for _r, p in members if _r != "child"]
                asking.append(
                    (
                        household.pk,
                        household.team_id,
                        [p.pk for _r, p in members],
                        adults,
                    )
                )
        HouseholdMember.objects.bulk_create(links, batch_size=2000)
        report.add(Household, len(households))
        report.add(Person, len(flat))
        report.add(HouseholdMember, len(links))
        say(f"{made} of {residents} residents")
    return asking


def _history(
    rng, asking, directors, desks, leaders, partners, today, years, report, trail
):
    """Requests over the years, their triage, and the cases of integral ones.

    A household asks once in the period (the rate is per household and year).
    Requests of the last fortnight may still wait for triage or a director;
    an integral request older than that opened a case, closed when its run
    ended before today. One open case per household at most, by construction.
    """
    days = years * 365
    requests, triages, cases, people, adults_of = [], [], [], [], []
    for household, team, persons, adults in asking:
        received = today - datetime.timedelta(days=rng.randrange(days))
        outcome = _choose(rng, TRIAGE)
        age = (today - received).days
        status = {
            Outcome.SOLVED_AT_DOOR: Request.Status.CLOSED,
            Outcome.ONE_DISCIPLINE: Request.Status.PICKED_UP,
        }.get(outcome, Request.Status.IN_CASE)
        pending = age < 14 and rng.random() < 0.5
        if pending:
            status = rng.choice(
                (Request.Status.AWAITING_TRIAGE, Request.Status.AWAITING_DIRECTOR)
            )
            if status == Request.Status.AWAITING_DIRECTOR:
                outcome = Outcome.INTEGRAL
        request = Request(
            uuid=_uuid(rng),
            household_id=household,
            team_id=team,
            channel=rng.choice(Request.Channel.values),
            question=rng.choice(QUESTIONS),
            registered_by_id=rng.choice(desks[team]),
            received_on=received,
            status=status,
        )
        requests.append(request)
        people.append(persons if rng.random() < 0.6 else adults or persons)
        if status != Request.Status.AWAITING_TRIAGE:
            triages.append((request, outcome))
        if status == Request.Status.IN_CASE:
            opened = received + datetime.timedelta(days=rng.randint(3, 13))
            months = rng.randint(*CASE_MONTHS)
            ends = opened + datetime.timedelta(days=months * 30)
            closed = ends < today
            cases.append(
                Case(
                    uuid=_uuid(rng),
                    household_id=household,
                    team_id=team,
                    request=request,
                    director_id=rng.choice(directors[team]),
                    opened_on=min(opened, today),
                    status=Case.Status.CLOSED if closed else Case.Status.OPEN,
                    closed_on=ends if closed else None,
                    closure_reason=rng.choice(
                        (
                            "goals_reached",
                            "goals_reached",
                            "referred",
                            "household_stopped",
                        )
                    )
                    if closed
                    else "",
                )
            )
            adults_of.append(adults or persons)
    Request.objects.bulk_create(requests, batch_size=2000)
    Through = Request.persons.through
    links = [
        Through(request_id=r.pk, person_id=p)
        for r, ps in zip(requests, people, strict=True)
        for p in ps
    ]
    Through.objects.bulk_create(links, batch_size=5000)
    TriageDecision.objects.bulk_create(
        [
            TriageDecision(
                request=r,
                suggested_outcome=outcome,
                outcome=outcome,
                fired_rules=[],
                decided_by_id=r.registered_by_id,
                solved_with="information" if outcome == Outcome.SOLVED_AT_DOOR else "",
                solved_note="Informatie over de sociale kaart meegegeven"
                if outcome == Outcome.SOLVED_AT_DOOR
                else "",
            )
            for r, outcome in triages
        ],
        batch_size=2000,
    )
    Case.objects.bulk_create(cases, batch_size=2000)
    report.add(Request, len(requests))
    report.add(Through, len(links))
    report.add(TriageDecision, len(triages))
    report.add(Case, len(cases))
    for request, ps in zip(requests, people, strict=True):
        trail.add(
            request.received_on,
            request.registered_by_id,
            "request.register",
            request,
            ps,
        )
    for request, _outcome in triages:
        trail.add(
            request.received_on, request.registered_by_id, "request.triage", request, []
        )
    for case in cases:
        trail.add(case.opened_on, leaders[case.team_id], "case.open", case, [])
    trail.flush()
    _case_files(rng, cases, adults_of, partners, today, report, trail)


# Life domains that go together (debt, housing and mental health; daily
# living), and how strongly each follows the household's overall need.
CLUSTERS = {
    "financien": "money",
    "huisvesting": "money",
    "werk-opleiding": "money",
    "geestelijke-gezondheid": "mind",
    "middelengebruik": "mind",
    "huiselijke-relaties": "mind",
    "sociaal-netwerk": "mind",
    "basale-adl": "daily",
    "instrumentele-adl": "daily",
    "lichamelijke-gezondheid": "daily",
}
GOALS = {
    "financien": "Weer overzicht over de rekeningen en geen nieuwe schulden",
    "huisvesting": "Een betaalbare plek om te wonen houden",
    "werk-opleiding": "Een dag in de week werken of leren",
    "geestelijke-gezondheid": "Minder somber zijn en beter slapen",
    "middelengebruik": "Minder drinken, zodat het thuis rustiger is",
    "huiselijke-relaties": "Minder ruzie thuis",
    "sociaal-netwerk": "Iemand hebben om op terug te vallen",
}
ACTIONS = (
    ("household", "Elke week samen de post openen", ""),
    ("network", "Zus helpt met de boodschappen", "zus"),
    ("volunteer", "Maatje van de vrijwilligerscentrale", "maatje"),
    ("professional", "Aanmelden bij de schuldhulp", "schuldhulpverlener"),
)
REVIEW_DAYS = 42  # plans.domain.MAX_REVIEW_INTERVAL
UNDERLYING_NEED = "Rust en overzicht, zodat er weer ruimte is voor elkaar"


def zrm_scores(rng, domains, need: float, clusters: dict[str, float]) -> list[int]:
    """One adult's ZRM: 1–5 per domain, lower where the household's need is
    high, domains of one cluster moving together."""
    scores = []
    for domain in domains:
        shared = clusters.get(CLUSTERS.get(domain.code, ""), 0.0)
        value = 4.2 - 1.3 * need - 0.9 * shared + rng.gauss(0, 0.6)
        scores.append(min(5, max(1, round(value))))
    return scores


CASE_BATCH = 1_000  # cases whose files are built and written at a time


INVOLVED_SHARE = 0.4  # cases with a professional of a partner at the table
REPORTS = (
    "Huisbezoek afgelegd; de post is samen doorgenomen.",
    "Telefonisch contact: de afspraak met de schuldhulp staat.",
    "Overleg met de school over de aanwezigheid van de kinderen.",
    "Het gaat beter; de huur is deze maand betaald.",
)


LAWS = {  # the statute under which a partner of this kind may be let in
    Organisation.Kind.YOUTH_CARE: "jeugdwet",
    Organisation.Kind.DEBT_HELP: "wgs",
    Organisation.Kind.INCOME: "participatiewet",
    Organisation.Kind.REINTEGRATION: "participatiewet",
}
REFERRED_SHARE = 0.5  # of the partners at the table, those who came on a referral
OPEN_REFERRAL_SHARE = 0.15  # open cases without a partner yet: a referral waits
DECLINED_SHARE = 0.05  # cases where a partner declined, with advice elsewhere
WITHDRAWN_SHARE = 0.1  # consents on closed cases withdrawn after the closure
LEGAL_BASIS_SHARE = 0.15  # no consent, but a statutory task lets a partner in
REFERRAL_DAYS = 10  # the usual answer-by time of a referral
REFERRAL_REASON = "Er is meer nodig dan het team zelf kan bieden."
REFERRAL_QUESTION = "Wilt u aansluiten bij het plan? Het gaat vooral om de schulden."
ASSIGNED_SHARE = 0.6  # partners at the table who do an action of the plan
ASSIGNMENT_DONE_SHARE = 0.7  # of those well past their date: done
ASSIGNMENT_PROGRESS = "Eerste gesprek gehad; we zijn begonnen."
ASSIGNMENT_RESULT = "Afgerond: de afspraak uit het plan is uitgevoerd."
DECLINE = (
    "Deze vraag past niet bij ons aanbod.",
    "Meld de familie aan bij de schuldhulp van de gemeente.",
)


class _Sharing:
    """What one batch of cases shares with partners, and on what ground."""

    def __init__(self, rng, today, categories, kinds, organisation_of):
        self.rng, self.today, self.categories = rng, today, categories
        self.kinds, self.organisation_of = kinds, organisation_of
        self.involvements, self.consents, self.shared = [], [], []
        self.referrals, self.bases, self.entries = [], [], []
        self.assignments: list = []  # (assignment, action, reports)

    def consent(self, case, adults, organisation, categories) -> None:
        from eenplan.privacy.models import Consent

        for person in adults:
            withdrawn = None
            if case.closed_on and self.rng.random() < WITHDRAWN_SHARE:
                withdrawn = min(
                    self.today,
                    case.closed_on + datetime.timedelta(days=self.rng.randint(1, 90)),
                )
            consent = Consent(
                uuid=_uuid(self.rng),
                person_id=person,
                purpose="Samenwerken aan één plan met de partner aan tafel",
                given_on=case.opened_on,
                given_how=self.rng.choice(("verbal", "written")),
                given_by="person",
                recorded_by_id=case.director_id,
                withdrawn_on=withdrawn,
                withdrawn_by_id=case.director_id if withdrawn else None,
                withdrawal_note="Hulp afgerond; de bewoner trekt de toestemming in."
                if withdrawn
                else "",
            )
            self.consents.append(consent)
            self.shared.append((consent, organisation, categories))
            case.generated_sharing.append(
                ("consent.record", consent, [person], case.opened_on, case.director_id)
            )
            if withdrawn:
                case.generated_sharing.append(
                    ("consent.withdraw", consent, [person], withdrawn, case.director_id)
                )

    def legal_basis(self, case, adults, organisation) -> None:
        from eenplan.privacy.models import LegalBasis

        basis = LegalBasis(
            uuid=_uuid(self.rng),
            case=case,
            law=LAWS.get(self.kinds[organisation], "wmo2015"),
            organisation_id=organisation,
            explanation="Wettelijke taak: de partner voert een deel van het plan uit.",
            valid_from=case.opened_on,
            ended_on=case.closed_on,
            recorded_by_id=case.director_id,
        )
        self.bases.append((basis, self.categories[:3]))
        case.generated_sharing.append(
            ("legal_basis.record", basis, adults, case.opened_on, case.director_id)
        )

    def involve(self, case, adults, professional) -> None:
        from eenplan.cases.models import Involvement

        self.involvements.append(
            Involvement(
                uuid=_uuid(self.rng),
                case=case,
                professional_id=professional,
                role="hulpverlener van de partner",
                since=case.opened_on,
                until=case.closed_on,
            )
        )
        case.generated_sharing.append(
            (
                "case.involve",
                self.involvements[-1],
                adults,
                case.opened_on,
                case.director_id,
            )
        )

    def assign(self, case, adults, professional, organisation) -> None:
        """The partner at the table does an action of the latest plan version:
        accepted, with progress; done with a result once its date is well past
        (or the case closed)."""
        from eenplan.plans.models import Assignment, AssignmentReport

        # Its own stream per case, so adding assignments left the rest of the
        # municipality of a seed as it was.
        rng = random.Random(f"assign:{case.uuid}")  # noqa: S311
        plans = case.generated_plans
        if rng.random() >= ASSIGNED_SHARE or not plans:
            return
        if not plans[-1].generated_actions:
            return
        action = plans[-1].generated_actions[0]
        done = case.closed_on is not None or (
            action.due_on < self.today - datetime.timedelta(days=14)
            and rng.random() < ASSIGNMENT_DONE_SHARE
        )
        assigned_on = plans[-1].agreed_on
        reported = min(action.due_on, case.closed_on or self.today)
        reported = max(reported, assigned_on)
        assignment = Assignment(
            uuid=_uuid(rng),
            case=case,
            organisation_id=organisation,
            professional_id=professional,
            assigned_by_id=case.director_id,
            due_on=action.due_on,
            status="done" if done else "accepted",
            answered_at=timezone.make_aware(
                datetime.datetime.combine(assigned_on, datetime.time(10))
            ),
            result=ASSIGNMENT_RESULT if done else "",
            done_on=reported if done else None,
        )
        reports = [
            AssignmentReport(
                reported_on=reported,
                reported_by_id=professional,
                text=ASSIGNMENT_RESULT if done else ASSIGNMENT_PROGRESS,
                is_result=done,
            )
        ]
        self.assignments.append((assignment, action, reports))
        for event, day, actor in (
            ("assignment.create", assigned_on, case.director_id),
            ("assignment.accept", assigned_on, professional),
            ("assignment.report", reported, professional),
        ):
            case.generated_sharing.append((event, assignment, adults, day, actor))

    def refer(self, case, adults, organisation, status, answered_by=None) -> None:
        """A referral from the director; an answered one was answered within
        its time, an open one was sent in the last days."""
        from eenplan.collaboration.models import Referral

        ends = case.closed_on or self.today
        if status == "sent":
            sent = max(
                case.opened_on,
                self.today - datetime.timedelta(days=self.rng.randrange(14)),
            )
        else:
            sent = case.opened_on
        answered = min(ends, sent + datetime.timedelta(days=self.rng.randint(1, 7)))
        referral = Referral(
            uuid=_uuid(self.rng),
            case=case,
            sent_by_id=case.director_id,
            to_organisation_id=organisation,
            question=REFERRAL_QUESTION,
            reason=REFERRAL_REASON,
            answer_by=sent + datetime.timedelta(days=REFERRAL_DAYS),
            status=status,
            answered_by_id=answered_by,
            answered_at=None
            if status == "sent"
            else timezone.make_aware(
                datetime.datetime.combine(answered, datetime.time(11))
            ),
            decline_reason=DECLINE[0] if status == "declined" else "",
            advice=DECLINE[1] if status == "declined" else "",
        )
        self.referrals.append(referral)
        case.generated_sharing.append(
            ("referral.create", referral, adults, sent, case.director_id)
        )
        if status != "sent":
            case.generated_sharing.append(
                (f"referral.{status[:-2]}", referral, adults, answered, answered_by)
            )

    def journal(self, case, adults, partner) -> None:
        from eenplan.collaboration.models import JournalEntry

        ends = case.closed_on or self.today
        for _ in range(self.rng.randint(2, 5)):
            written = case.opened_on + datetime.timedelta(
                days=self.rng.randrange(max(1, (ends - case.opened_on).days + 1))
            )
            author = (
                partner[0] if partner and self.rng.random() < 0.3 else case.director_id
            )
            entry = JournalEntry(
                uuid=_uuid(self.rng),
                case=case,
                author_id=author,
                organisation_id=partner[1]
                if author != case.director_id
                else self.organisation_of[author],
                written_on=written,
                text=self.rng.choice(REPORTS),
                confidential=author != case.director_id and self.rng.random() < 0.2,
            )
            self.entries.append(entry)
            case.generated_sharing.append(
                ("journal.create", entry, adults, written, author)
            )

    def write(self, report) -> None:
        from eenplan.cases.models import Involvement
        from eenplan.collaboration.models import JournalEntry, Referral
        from eenplan.plans.models import Action, Assignment, AssignmentReport
        from eenplan.privacy.models import Consent, LegalBasis

        Involvement.objects.bulk_create(self.involvements, batch_size=2000)
        Consent.objects.bulk_create(self.consents, batch_size=2000)
        LegalBasis.objects.bulk_create([b for b, _c in self.bases], batch_size=2000)
        Referral.objects.bulk_create(self.referrals, batch_size=2000)
        orgs = Consent.organisations.through
        cats = Consent.categories.through
        basis_cats = LegalBasis.categories.through
        org_links = [
            orgs(consent_id=c.pk, organisation_id=o) for c, o, _x in self.shared
        ]
        cat_links = [
            cats(consent_id=c.pk, datacategory_id=cat.pk)
            for c, _o, cs in self.shared
            for cat in cs
        ]
        basis_links = [
            basis_cats(legalbasis_id=b.pk, datacategory_id=cat.pk)
            for b, cs in self.bases
            for cat in cs
        ]
        orgs.objects.bulk_create(org_links, batch_size=5000)
        cats.objects.bulk_create(cat_links, batch_size=5000)
        basis_cats.objects.bulk_create(basis_links, batch_size=5000)
        JournalEntry.objects.bulk_create(self.entries, batch_size=2000)
        assignments = [a for a, _action, _r in self.assignments]
        Assignment.objects.bulk_create(assignments, batch_size=2000)
        actions = []
        for assignment, action, reports in self.assignments:
            action.assignment = assignment
            actions.append(action)
            for progress_report in reports:
                progress_report.assignment = assignment
        Action.objects.bulk_update(actions, ["assignment"], batch_size=2000)
        progress = [r for _a, _action, reports in self.assignments for r in reports]
        AssignmentReport.objects.bulk_create(progress, batch_size=2000)
        for model, rows in (
            (Involvement, self.involvements),
            (Consent, self.consents),
            (orgs, org_links),
            (cats, cat_links),
            (LegalBasis, self.bases),
            (basis_cats, basis_links),
            (Referral, self.referrals),
            (JournalEntry, self.entries),
            (Assignment, assignments),
            (AssignmentReport, progress),
        ):
            report.add(model, len(rows))


def _sharing(rng, cases, adults_of, partners, today, report) -> None:
    """Partners at the table and what lets them in: the household's consent
    (all categories, or basic data and the plan only when the answer was
    "partly"), or without consent a legal basis; the referrals that brought
    them, still wait, or were declined; and the case journal."""
    from eenplan.privacy.models import DataCategory

    directors = {c.director_id for c in cases}
    organisation_of = dict(
        User.objects.filter(pk__in=directors).values_list("pk", "organisation_id")
    )
    kinds = dict(Organisation.objects.values_list("pk", "kind"))
    categories = list(DataCategory.objects.order_by("position", "code"))
    batch = _Sharing(rng, today, categories, kinds, organisation_of)
    for case, adults in zip(cases, adults_of, strict=True):
        case.generated_sharing = []
        answer = case.intake_answer
        pool = partners.get(case.team_id) or []
        partner = rng.choice(pool) if pool and rng.random() < INVOLVED_SHARE else None
        chosen = categories if answer == "yes" else categories[:2]
        if partner and answer == "no":
            if rng.random() < LEGAL_BASIS_SHARE:
                batch.legal_basis(case, adults, partner[1])
            else:
                partner = None  # no consent, no statutory task: inside the team
        elif partner:
            batch.consent(case, adults, partner[1], chosen)
            if rng.random() < REFERRED_SHARE:
                batch.refer(case, adults, partner[1], "accepted", partner[0])
        elif pool and answer != "no":
            professional, organisation = rng.choice(pool)
            if case.closed_on is None and rng.random() < OPEN_REFERRAL_SHARE:
                batch.consent(case, adults, organisation, chosen)
                batch.refer(case, adults, organisation, "sent")
            elif rng.random() < DECLINED_SHARE:
                batch.consent(case, adults, organisation, chosen)
                batch.refer(case, adults, organisation, "declined", professional)
        if partner:
            batch.involve(case, adults, partner[0])
            batch.assign(case, adults, partner[0], partner[1])
        batch.journal(case, adults, partner)
    batch.write(report)


def _case_trail(rng, trail, case, adults) -> None:
    """What the director's work on one case wrote to the audit trail: the
    intake, each ZRM, each plan agreed and reviewed, and the case page read
    a few times per plan version."""
    director = case.director_id
    trail.add(case.opened_on, director, "case.intake", case, adults)
    for assessment in case.generated_assessments:
        trail.add(
            assessment.assessed_on,
            director,
            "assessment.create",
            assessment,
            [assessment.person_id],
        )
    for plan in case.generated_plans:
        trail.add(plan.agreed_on, director, "plan.agree", plan, adults)
        for _ in range(rng.randint(1, 3)):
            day = plan.agreed_on + datetime.timedelta(days=rng.randrange(28))
            trail.add(day, director, "case.view", case, adults)
    for review in case.generated_reviews:
        trail.add(review.held_on, director, "review.create", review, adults)
    for action, obj, persons, day, actor in case.generated_sharing:
        trail.add(day, actor, action, obj, persons)


def _case_files(rng, cases, adults_of, partners, today, report, trail):
    """Per case: the intake, a ZRM per adult (and again at closure, better on
    average but not always), and plan versions every six weeks at most, each
    reviewed before the next one was agreed. Some open cases are overdue.

    Built and written per CASE_BATCH cases, so memory stays flat."""
    from eenplan.assessments.models import LifeDomain

    domains = list(LifeDomain.objects.filter(active=True).order_by("position"))
    for start in range(0, len(cases), CASE_BATCH):
        end = start + CASE_BATCH
        _case_files_batch(
            rng, cases[start:end], adults_of[start:end], today, report, domains
        )
        _sharing(rng, cases[start:end], adults_of[start:end], partners, today, report)
        for case, adults in zip(cases[start:end], adults_of[start:end], strict=True):
            _case_trail(rng, trail, case, adults)
            # Let the batch's plans and scores go (memory stays flat).
            del case.generated_assessments, case.generated_plans
            del case.generated_reviews, case.generated_sharing
        trail.flush()


def _case_files_batch(rng, cases, adults_of, today, report, domains):
    from eenplan.assessments.models import Assessment, DomainScore
    from eenplan.cases.models import Intake
    from eenplan.plans.models import Action, Goal, GoalProgress, Plan, Review

    intakes, assessments, scores = [], [], []
    plans, goals, actions, reviews, progress = [], [], [], [], []
    for case, adults in zip(cases, adults_of, strict=True):
        # What the audit trail of this case will name (see _case_trail).
        case.generated_assessments, case.generated_plans = [], []
        case.generated_reviews = []
        need = abs(rng.gauss(0.8, 0.5))
        clusters = {
            name: abs(rng.gauss(0.4, 0.5)) for name in ("money", "mind", "daily")
        }
        # The household's answer to consent, kept for the sharing step.
        case.intake_answer = rng.choice(("yes", "yes", "partly", "no"))
        intakes.append(
            Intake(
                case=case,
                held_on=case.opened_on,
                consent_answer=case.intake_answer,
                conducted_by_id=case.director_id,
                underlying_need=UNDERLYING_NEED,
            )
        )
        weakest = None
        for person in adults:
            first = zrm_scores(rng, domains, need, clusters)
            assessments.append(
                (
                    Assessment(
                        uuid=_uuid(rng),
                        person_id=person,
                        case=case,
                        kind="intake",
                        assessed_on=case.opened_on,
                        assessor_id=case.director_id,
                    ),
                    first,
                )
            )
            case.generated_assessments.append(assessments[-1][0])
            if weakest is None:
                weakest = [
                    d
                    for _s, d in sorted(
                        zip(first, domains, strict=True), key=lambda x: x[0]
                    )
                ]
            if case.closed_on:
                last = [min(5, max(1, v + round(rng.gauss(0.6, 0.8)))) for v in first]
                assessments.append(
                    (
                        Assessment(
                            uuid=_uuid(rng),
                            person_id=person,
                            case=case,
                            kind="closure",
                            assessed_on=case.closed_on,
                            assessor_id=case.director_id,
                        ),
                        last,
                    )
                )
                case.generated_assessments.append(assessments[-1][0])
        chosen = [d for d in weakest or domains if d.code in GOALS][: rng.randint(1, 3)]
        ends = case.closed_on or today
        agreed = case.opened_on + datetime.timedelta(days=rng.randint(5, 20))
        version = 0
        while agreed <= ends:
            version += 1
            due = agreed + datetime.timedelta(days=rng.randint(28, REVIEW_DAYS))
            held = due - datetime.timedelta(days=rng.randint(0, 6))
            current = held > ends or (case.closed_on is None and held > today)
            if current and case.closed_on is None and rng.random() < 0.1:
                # overdue: the review date passed without a review
                due = min(due, today - datetime.timedelta(days=rng.randint(1, 20)))
                due = max(due, agreed)
            plan = Plan(
                uuid=_uuid(rng),
                case=case,
                version=version,
                status="agreed" if current else "superseded",
                created_by_id=case.director_id,
                agreed_on=agreed,
                agreed_how=rng.choice(("in_person", "in_person", "phone", "video")),
                agreed_with="De hele familie",
                next_review_due=due,
            )
            plans.append(plan)
            case.generated_plans.append(plan)
            plan_goals = [
                Goal(
                    uuid=_uuid(rng),
                    plan=plan,
                    domain=d,
                    description=GOALS[d.code],
                    target_level=rng.randint(3, 4),
                    position=i,
                )
                for i, d in enumerate(chosen)
            ]
            goals += plan_goals
            plan.generated_actions = []
            for goal in plan_goals:
                kind, text, who = rng.choice(ACTIONS)
                actions.append(
                    Action(
                        uuid=_uuid(rng),
                        plan=plan,
                        goal=goal,
                        description=text,
                        performer_kind=kind,
                        performer=who or "bewoner",
                        due_on=agreed + datetime.timedelta(days=rng.randint(7, 35)),
                    )
                )
                plan.generated_actions.append(actions[-1])
            if current:
                break
            review = Review(
                uuid=_uuid(rng),
                plan=plan,
                held_on=held,
                held_by_id=case.director_id,
                summary="Besproken aan tafel.",
            )
            reviews.append(review)
            case.generated_reviews.append(review)
            progress += [
                GoalProgress(
                    review=review,
                    goal=g,
                    progress=rng.choice(
                        ("on_track", "on_track", "reached", "no_progress")
                    ),
                )
                for g in plan_goals
            ]
            agreed = held
    Intake.objects.bulk_create(intakes, batch_size=2000)
    Assessment.objects.bulk_create([a for a, _s in assessments], batch_size=2000)
    for assessment, values in assessments:
        scores += [
            DomainScore(assessment=assessment, domain=d, score=v)
            for d, v in zip(domains, values, strict=True)
        ]
    DomainScore.objects.bulk_create(scores, batch_size=5000)
    Plan.objects.bulk_create(plans, batch_size=2000)
    Goal.objects.bulk_create(goals, batch_size=2000)
    Action.objects.bulk_create(actions, batch_size=2000)
    Review.objects.bulk_create(reviews, batch_size=2000)
    GoalProgress.objects.bulk_create(progress, batch_size=5000)
    for model, rows in (
        (Intake, intakes),
        (Assessment, assessments),
        (DomainScore, scores),
        (Plan, plans),
        (Goal, goals),
        (Action, actions),
        (Review, reviews),
        (GoalProgress, progress),
    ):
        report.add(model, len(rows))


FOLLOW_UP_RECORDED_SHARE = 0.8  # due checks recorded; the rest still on a list
CAME_BACK_SHARE = 0.15  # recorded checks that found a new question for help
CORRECTED_SHARE = 0.05  # reports corrected by a new version
CORRECTIONS = [
    ("Datum van het huisbezoek aangepast.", "Verkeerde datum genoteerd."),
    ("Naam van de school verbeterd.", "Naam verwisseld."),
    ("Afspraak met de schuldhulp toegevoegd.", "Afspraak vergeten te noteren."),
]
CAME_BACK = [
    "Er zijn opnieuw betalingsachterstanden.",
    "De zorgen over de kinderen zijn terug.",
    "Mevrouw redt het thuis niet meer alleen.",
]


def _aftercare(rng, today, report, trail) -> None:
    """Issue 11: the expertise of the generated professionals; a follow-up
    check for every closed case after the usual term for its reason (recorded
    by its director when due, unless the household has an open case again; a
    few households came back with a new request); and some reports corrected
    by a new version by their author. Audited like the rest of the history."""
    from eenplan.cases import domain as case_domain
    from eenplan.cases.models import FollowUp, FollowUpDefault
    from eenplan.collaboration.models import JournalEntry
    from eenplan.organisations.models import Expertise

    fields = list(Expertise.objects.order_by("code"))
    through = Expertise.professionals.through
    professionals = sorted(
        set(
            Membership.objects.exclude(role=Membership.Role.FRONT_DESK).values_list(
                "user_id", flat=True
            )
        )
    )
    links = [
        through(user_id=user_id, expertise_id=field.pk)
        for user_id in professionals
        for field in rng.sample(fields, k=min(len(fields), rng.choice((1, 1, 2))))
    ]
    through.objects.bulk_create(links, batch_size=5000)
    report.add(through, len(links))

    members: dict[int, list[int]] = {}
    for household_id, person_id in HouseholdMember.objects.filter(
        until__isnull=True
    ).values_list("household_id", "person_id"):
        members.setdefault(household_id, []).append(person_id)
    terms = dict(FollowUpDefault.objects.values_list("closure_reason", "months"))
    reopened = set(Case.objects.open().values_list("household_id", flat=True))
    checks, requests = [], []
    for case in Case.objects.filter(status=Case.Status.CLOSED).order_by("pk"):
        due = case_domain.follow_up_due(case.closed_on, terms.get(case.closure_reason))
        if due is None:
            continue
        check = FollowUp(
            uuid=_uuid(rng),
            case=case,
            due_on=due,
            owner_id=case.director_id,
            team_id=case.team_id,
        )
        persons = members.get(case.household_id, [])
        if (
            due <= today
            and case.household_id not in reopened
            and rng.random() < FOLLOW_UP_RECORDED_SHARE
        ):
            day = min(today, due + datetime.timedelta(days=rng.randrange(10)))
            came_back = rng.random() < CAME_BACK_SHARE
            check.outcome = (
                FollowUp.Outcome.NEW_REQUEST if came_back else FollowUp.Outcome.ALL_WELL
            )
            check.recorded_by_id = case.director_id
            check.recorded_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(10))
            )
            trail.add(day, case.director_id, "follow_up.record", case, persons)
            if came_back and persons:
                request = Request(
                    uuid=_uuid(rng),
                    household_id=case.household_id,
                    team_id=case.team_id,
                    channel=Request.Channel.PHONE,
                    question=rng.choice(CAME_BACK),
                    registered_by_id=case.director_id,
                    received_on=day,
                    follows_case=case,
                )
                requests.append((request, persons))
                trail.add(day, case.director_id, "request.register", request, persons)
        checks.append(check)
    FollowUp.objects.bulk_create(checks, batch_size=2000)
    report.add(FollowUp, len(checks))
    Request.objects.bulk_create([r for r, _p in requests], batch_size=2000)
    asked = Request.persons.through
    asked.objects.bulk_create(
        [asked(request_id=r.pk, person_id=p) for r, ps in requests for p in ps],
        batch_size=5000,
    )
    report.add(Request, len(requests))

    corrections = []
    open_cases = Case.objects.open().values("pk")
    for entry in (
        JournalEntry.objects.filter(case__in=open_cases)
        .select_related("case")
        .order_by("pk")
    ):
        if rng.random() >= CORRECTED_SHARE:
            continue
        text, reason = rng.choice(CORRECTIONS)
        day = max(entry.written_on, today - datetime.timedelta(days=rng.randrange(7)))
        correction = JournalEntry(
            uuid=_uuid(rng),
            case_id=entry.case_id,
            author_id=entry.author_id,
            organisation_id=entry.organisation_id,
            written_on=min(day, today),
            text=f"{entry.text} {text}",
            confidential=entry.confidential,
            corrects=entry,
            correction_reason=reason,
        )
        corrections.append(correction)
        trail.add(
            correction.written_on,
            entry.author_id,
            "journal.correct",
            correction,
            members.get(entry.case.household_id, []),
        )
    JournalEntry.objects.bulk_create(corrections, batch_size=2000)
    # Counted apart: every report (not correction) has its journal.create entry.
    report.rows["collaboration.JournalEntry (corrections)"] = len(corrections)


# --- Consultations and escalations -------------------------------------------------

# Share of a team's open cases discussed in a month's consultation (MDO), and
# the most on one agenda; share of open cases escalated to the forum.
CONSULTED = 0.15
AGENDA_MAX = 8
ESCALATED = 0.03
PICTURES = (
    "De schulden groeien en het gezin raakt het overzicht kwijt.",
    "Moeder wil hulp, maar de hulpverleners werken langs elkaar heen.",
    "Het gaat beter: de zoon gaat weer naar school.",
)
DECISIONS = (
    "Schuldhulp start deze maand; de regisseur blijft.",
    "Eén plan: de GGZ en het wijkteam stemmen de afspraken elke maand af.",
    "Over zes weken opnieuw bespreken.",
)
ESCALATION_QUESTIONS = (
    ("disagreement", "De GGZ en jeugdhulp zijn het oneens over wie de regie neemt."),
    ("standstill", "Er gebeurt al maanden niets in deze casus."),
)


def _consultations(rng, leaders, partners, today, report, trail) -> None:
    """Monthly consultations per team (two held, one this month, one ahead)
    on a share of the open cases, with an outcome per held agenda case; the
    forum "Verbindend overleg teammanagers" of the team leaders, with raised
    escalations and one held meeting that decided some. In bulk."""
    from eenplan.consultations.models import (
        AgendaItem,
        Consultation,
        Escalation,
        Forum,
        Outcome,
        Participant,
    )

    rows = list(
        Case.objects.open()
        .order_by("pk")
        .values_list("pk", "team_id", "director_id", "household_id")
    )
    members: dict[int, list[int]] = {}
    for household_id, person_id in HouseholdMember.objects.filter(
        household_id__in={r[3] for r in rows}, until__isnull=True
    ).values_list("household_id", "person_id"):
        members.setdefault(household_id, []).append(person_id)
    by_team: dict[int, list[tuple]] = {}
    for row in rows:
        by_team.setdefault(row[1], []).append(row)
    consultations, items, outcomes, participants = [], [], [], []
    planned: list[tuple] = []  # (consultation, chair, cases) for the trail
    for team_id, cases in sorted(by_team.items()):
        chair = leaders.get(team_id)
        if chair is None:
            continue
        for months in (-2, -1, 0, 1):
            agenda = [c for c in cases if rng.random() < CONSULTED][:AGENDA_MAX]
            if not agenda:
                continue
            day = today + datetime.timedelta(days=30 * months)
            starts_at = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(14, 0))
            )
            held = months < 0
            consultation = Consultation(
                uuid=_uuid(rng),
                kind=Consultation.Kind.CASE,
                team_id=team_id,
                starts_at=starts_at,
                chair_id=chair,
                planned_by_id=chair,
                household_takes_part=rng.random() < 0.3,
                status=Consultation.Status.HELD
                if held
                else Consultation.Status.PLANNED,
            )
            consultations.append(consultation)
            people = {chair, *(c[2] for c in agenda)}
            if partners.get(team_id) and rng.random() < 0.5:
                people.add(rng.choice(partners[team_id])[0])
            participants += [(consultation, user) for user in sorted(people)]
            for n, case in enumerate(agenda):
                item = AgendaItem(
                    uuid=_uuid(rng),
                    consultation=consultation,
                    case_id=case[0],
                    position=n,
                    question="Wie doet wat, en wat is nodig?",
                )
                items.append(item)
                if held:
                    outcomes.append(
                        Outcome(
                            uuid=_uuid(rng),
                            item=item,
                            shared_picture=rng.choice(PICTURES),
                            decisions=rng.choice(DECISIONS),
                            director_id=case[2],
                            recorded_by_id=chair,
                        )
                    )
            planned.append((consultation, chair, agenda, day, held))
    forum = Forum.objects.create(
        uuid=_uuid(rng), name="Verbindend overleg teammanagers", cadence="maandelijks"
    )
    forum.members.add(*sorted(set(leaders.values())))
    escalated = [r for r in rows if rng.random() < ESCALATED and r[1] in leaders]
    escalations = []
    meeting = None
    for n, case in enumerate(escalated):
        kind, question = rng.choice(ESCALATION_QUESTIONS)
        escalation = Escalation(
            uuid=_uuid(rng),
            case_id=case[0],
            forum=forum,
            raised_by_id=case[2],
            kind=kind,
            question=question,
        )
        if n % 2 == 1:  # every other one decided last month by the forum
            if meeting is None:
                chair = leaders[case[1]]
                meeting = Consultation(
                    uuid=_uuid(rng),
                    kind=Consultation.Kind.ESCALATION,
                    forum=forum,
                    starts_at=timezone.make_aware(
                        datetime.datetime.combine(
                            today - datetime.timedelta(days=20), datetime.time(10, 0)
                        )
                    ),
                    chair_id=chair,
                    planned_by_id=chair,
                    status=Consultation.Status.HELD,
                )
                consultations.append(meeting)
                participants += [
                    (meeting, user) for user in sorted(set(leaders.values()))
                ]
            item = AgendaItem(
                uuid=_uuid(rng), consultation=meeting, case_id=case[0], position=n
            )
            items.append(item)
            decision = "Het wijkteam houdt de regie; de GGZ levert behandeling."
            outcomes.append(
                Outcome(
                    uuid=_uuid(rng),
                    item=item,
                    shared_picture=question,
                    decisions=decision,
                    director_id=case[2],
                    recorded_by_id=meeting.chair_id,
                )
            )
            escalation.item = item
            escalation.status = Escalation.Status.DECIDED
            escalation.decision = decision
            escalation.decided_on = today - datetime.timedelta(days=20)
        escalations.append(escalation)
    Consultation.objects.bulk_create(consultations, batch_size=1000)
    for item in items:
        item.consultation_id = item.consultation.pk
    AgendaItem.objects.bulk_create(items, batch_size=1000)
    for outcome in outcomes:
        outcome.item_id = outcome.item.pk
    Outcome.objects.bulk_create(outcomes, batch_size=1000)
    Participant.objects.bulk_create(
        [Participant(consultation_id=c.pk, user_id=u) for c, u in participants],
        batch_size=2000,
        ignore_conflicts=True,
    )
    for escalation in escalations:
        if escalation.item is not None:
            escalation.item_id = escalation.item.pk
    Escalation.objects.bulk_create(escalations, batch_size=1000)
    for model, made in (
        (Consultation, consultations),
        (AgendaItem, items),
        (Outcome, outcomes),
        (Escalation, escalations),
    ):
        report.add(model, len(made))
    report.add(Participant, len(participants))
    for consultation, chair, agenda, day, held in planned:
        persons = [p for case in agenda for p in members.get(case[3], [])]
        trail.add(
            day - datetime.timedelta(days=14),
            chair,
            "consultation.plan",
            consultation,
            persons,
        )
        if held:
            trail.add(day, chair, "consultation.record", consultation, persons)
    for escalation in escalations:
        case = next(r for r in escalated if r[0] == escalation.case_id)
        trail.add(
            today - datetime.timedelta(days=30),
            escalation.raised_by_id,
            "escalation.raise",
            escalation,
            members.get(case[3], []),
        )
    trail.flush()
