# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: EXPLAIN (ANALYZE, BUFFERS) of the access policy's filters.

Builds real actors from generated users, the way a request does
(`access.actor.for_user`): a director with many open cases, a team leader and
a front desk of the largest team, and a partner professional (of a partner
organisation, at the table in cases and its organisation's intake for a team).
Then, for each, the querysets the policy produces (`policy.restrict`) and the
queries the consent check and the household search run, each explained with
its real plan and timing:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eenplan_bench \\
        .venv/bin/python bench/explain.py \\
        --output bench/results/2026-12-03-explain-1m.md

PostgreSQL only, on a generated municipality (`manage.py generate_municipality`).
Reads only: everything runs in one READ ONLY transaction, and the audit entry
the search would write is not written (`audit.record` is replaced by a no-op
for the run). Each statement is explained twice; the plan shown is the second
run's (warm cache), and the first run's time is given beside it.
"""

import argparse
import datetime
import os
import platform
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.conf.settings.dev")

# A sequential scan over a table with more rows than this is reported as slow.
BIG_TABLE = 100_000
MAIN_TABLES = (
    "people_person",
    "people_household",
    "people_householdmember",
    "cases_case",
    "cases_involvement",
    "collaboration_referral",
    "privacy_consent",
    "privacy_consent_organisations",
    "privacy_consent_categories",
    "privacy_legalbasis",
    "intake_request",
    "accounts_user",
    "audit_auditentry",
)
SQL_LIMIT = 1500


@dataclass
class Explained:
    sql: str
    plan: str
    execution_ms: float
    planning_ms: float
    first_ms: float
    rows: int | None
    indexes: list[str] = field(default_factory=list)
    big_seq_scans: list[str] = field(default_factory=list)
    other_seq_scans: list[str] = field(default_factory=list)


@dataclass
class Filter:
    title: str
    actor: str
    note: str
    statements: list[Explained]


def setup():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/explain.py needs PostgreSQL (set DATABASE_URL)")
    return connection


# --- Explaining ------------------------------------------------------------------


_SIZES: dict[str, int] = {}


def table_rows(cursor, table: str) -> int:
    """The planner's row estimate of `table` (pg_class.reltuples)."""
    if table not in _SIZES:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class"
            " WHERE relname = %s AND relkind = 'r'",
            [table],
        )
        row = cursor.fetchone()
        _SIZES[table] = int(row[0]) if row else 0
    return _SIZES[table]


def explain(connection, sql: str) -> Explained:
    """EXPLAIN (ANALYZE, BUFFERS) of `sql` (literal SQL, no parameters), twice."""
    with connection.cursor() as cursor:
        runs = []
        for _ in range(2):
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            runs.append("\n".join(row[0] for row in cursor.fetchall()))
        plan = runs[-1]
        seq_scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)))
        big = [
            f"{t} ({table_rows(cursor, t):,} rows)"
            for t in seq_scans
            if table_rows(cursor, t) > BIG_TABLE
        ]
        indexes = sorted(
            set(
                re.findall(r"Index (?:Only )?Scan (?:Backward )?using (\w+)", plan)
                + re.findall(r"Bitmap Index Scan on (\w+)", plan)
            )
        )
    top = re.search(r"actual time=[\d.]+\.\.[\d.]+ rows=(\d+)", plan)
    return Explained(
        sql=sql,
        plan=plan,
        execution_ms=_ms(plan, "Execution Time"),
        planning_ms=_ms(plan, "Planning Time"),
        first_ms=_ms(runs[0], "Execution Time"),
        rows=int(top.group(1)) if top else None,
        indexes=indexes,
        big_seq_scans=big,
        other_seq_scans=[t for t in seq_scans if _SIZES[t] <= BIG_TABLE],
    )


def _ms(plan: str, label: str) -> float:
    match = re.search(rf"{label}: ([\d.]+) ms", plan)
    return float(match.group(1)) if match else float("nan")


def queryset_sql(connection, queryset) -> str:
    """The SQL Django sends for `queryset`, with its parameters bound."""
    sql, params = queryset.query.sql_with_params()
    return connection.ops.compose_sql(sql, params)


@contextmanager
def captured(connection):
    """The SELECTs sent inside the block, in order."""
    from django.test.utils import CaptureQueriesContext

    found: list[str] = []
    with CaptureQueriesContext(connection) as context:
        yield found
    found.extend(
        q["sql"]
        for q in context.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
    )


def explain_queryset(connection, queryset) -> list[Explained]:
    return [explain(connection, queryset_sql(connection, queryset))]


def explain_run(connection, run: Callable[[], object]) -> list[Explained]:
    """Run `run()` and explain every SELECT it sent."""
    with captured(connection) as sqls:
        run()
    return [explain(connection, sql) for sql in sqls]


# --- Actors ----------------------------------------------------------------------


@dataclass
class Cast:
    director: object
    leader: object
    desk: object
    partner: object
    team: object
    referral_case: object
    details: dict


def cast(connection) -> Cast:
    """Pick the generated users to act as, deterministically."""
    from django.db.models import Count, Q

    from eenplan.accounts.models import User
    from eenplan.cases.models import Case
    from eenplan.collaboration.models import Referral
    from eenplan.organisations.models import Membership, Organisation, Team
    from eenplan.privacy.models import Consent

    open_cases = Count("directed_cases", filter=Q(directed_cases__status="open"))
    director = (
        User.objects.annotate(n=open_cases).filter(n__gt=0).order_by("-n", "pk").first()
    )
    team = (
        Team.objects.filter(organisation__isnull=True)
        .annotate(n=Count("households"))
        .order_by("-n", "pk")
        .first()
    )
    leader = User.objects.filter(
        memberships__team=team, memberships__role=Membership.Role.TEAM_LEADER
    ).order_by("pk")[0]
    desk = User.objects.filter(
        memberships__team=team, memberships__role=Membership.Role.FRONT_DESK
    ).order_by("pk")[0]
    # A partner organisation's professional who is at the table in open cases
    # and takes in referrals for a team; the most involvements first.
    partner_orgs = Organisation.objects.exclude(kind=Organisation.Kind.MUNICIPALITY)
    partner = (
        User.objects.filter(organisation__in=partner_orgs, intake_points__isnull=False)
        .annotate(
            n=Count(
                "involvements",
                filter=Q(
                    involvements__until__isnull=True,
                    involvements__case__status=Case.Status.OPEN,
                ),
                distinct=True,
            )
        )
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )
    # One case referred to the partner's organisation for a team it takes in
    # for, with consent of the household for that organisation if there is one.
    referrals = Referral.objects.filter(
        to_organisation_id=partner.organisation_id,
        case__team__intake_points__staff=partner,
        case__team__intake_points__organisation_id=partner.organisation_id,
    ).order_by("pk")
    referral_case = None
    for referral in referrals.select_related("case")[:50]:
        consents = Consent.objects.filter(
            organisations=partner.organisation_id,
            person__household_memberships__household_id=referral.case.household_id,
            person__household_memberships__until__isnull=True,
        )
        if consents.exists():
            referral_case = referral.case
            break
    if referral_case is None and referrals.exists():
        referral_case = referrals.select_related("case").first().case
    details = {
        "director": f"{director.username}: {director.n} open cases, "
        f"{Case.objects.filter(director=director).count()} in all",
        "leader": f"{leader.username}: team leader of {team.name} "
        f"({team.n:,} households)",
        "desk": f"{desk.username}: front desk of {team.name}",
        "partner": f"{partner.username} ({partner.organisation.name}, "
        f"{partner.organisation.kind}): on {partner.n} open cases, intake for "
        f"{partner.intake_points.count()} team(s), "
        f"{referrals.count()} referrals received",
    }
    return Cast(director, leader, desk, partner, team, referral_case, details)


# --- The filters -----------------------------------------------------------------


def filters(connection, people: Cast) -> list[Filter]:
    from eenplan.access import policy
    from eenplan.access.actions import Action
    from eenplan.access.actor import for_user
    from eenplan.cases import selectors as case_selectors
    from eenplan.cases.models import Case
    from eenplan.collaboration.models import Referral
    from eenplan.people import selectors
    from eenplan.people.models import Household, HouseholdMember, Person
    from eenplan.privacy import selectors as privacy_selectors
    from eenplan.privacy.models import Consent

    def actor(user):
        return for_user(user)  # fresh, as each request builds it

    def restricted(user, action, queryset):
        """Explain the queryset `restrict` returns, and the queries that built
        the actor and its scope (relations, sharing facts)."""
        a = actor(user)
        with captured(connection) as building:
            a.relations  # noqa: B018 (loaded on first use, one query each)
            qs = policy.restrict(a, action, queryset)
            sql = queryset_sql(connection, qs)
        return [explain(connection, s) for s in building] + [explain(connection, sql)]

    result = []
    households = Household.objects.all()
    for label, user in (
        ("front desk", people.desk),
        ("team leader", people.leader),
        ("director", people.director),
        ("partner professional", people.partner),
    ):
        result.append(
            Filter(
                "Households visible (HOUSEHOLD_VIEW on Household)",
                label,
                "The whole set `policy.restrict` returns (what a search or list"
                " narrows further); the first statements are what building the"
                " scope queried.",
                restricted(user, Action.HOUSEHOLD_VIEW, households),
            )
        )
    first_page = ("postcode", "house_number", "pk")
    result.append(
        Filter(
            "Households visible, first page of 25",
            "front desk",
            "The same set, ordered as the search orders it, LIMIT 25.",
            explain_queryset(
                connection,
                policy.restrict(
                    actor(people.desk), Action.HOUSEHOLD_VIEW, households
                ).order_by(*first_page)[:25],
            ),
        )
    )
    for label, user in (
        ("director", people.director),
        ("team leader", people.leader),
        ("partner professional", people.partner),
    ):
        result.append(
            Filter(
                "Cases visible (CASE_VIEW on Case)",
                label,
                "Cases the actor directs, leads the team of, is involved in or"
                " (from outside the team) has basic data shared on.",
                restricted(user, Action.CASE_VIEW, Case.objects.all()),
            )
        )
    # One object through the same scope, as a page opens it by its uuid.
    directed = (
        Case.objects.open()
        .filter(director=people.director)
        .select_related("household")
        .order_by("pk")
        .first()
    )
    result.append(
        Filter(
            "Household page (household_read: policy.get HOUSEHOLD_VIEW by uuid)",
            "director",
            f"`people.selectors.household_read` of the household of case"
            f" {directed.pk}, which the actor directs: every SELECT it sends.",
            explain_run(
                connection,
                lambda: selectors.household_read(
                    actor=actor(people.director), uuid=directed.household.uuid
                ),
            ),
        )
    )
    result.append(
        Filter(
            "Case page (case_read: known households, then CASE_VIEW)",
            "director",
            f"`cases.selectors.case_read` of case {directed.pk}: the case is looked"
            " up among those of households the actor may find"
            " (`policy.restrict(HOUSEHOLD_VIEW)` as a subquery); every SELECT.",
            explain_run(
                connection,
                lambda: case_selectors.case_read(
                    actor=actor(people.director), uuid=directed.uuid
                ),
            ),
        )
    )
    consent = (
        Consent.objects.filter(
            person__household_memberships__household__cases__director=people.director,
            person__household_memberships__until__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    if consent is not None:
        result.append(
            Filter(
                "Consent page (consent_get: HOUSEHOLD_VIEW as a subquery)",
                "director",
                "`privacy.selectors.consent_get` of a consent of a person in a"
                " household the actor directs a case of: every SELECT it sends.",
                explain_run(
                    connection,
                    lambda: privacy_selectors.consent_get(
                        actor=actor(people.director), uuid=consent.uuid
                    ),
                ),
            )
        )
    result.append(
        Filter(
            "Referrals received (REFERRAL_VIEW on Referral)",
            "partner professional",
            "The receiving intake's list: referrals to its organisation for its"
            " teams, kept where consent or a legal basis lets the case file flow"
            " (`receiver_sharing` over every candidate case).",
            restricted(people.partner, Action.REFERRAL_VIEW, Referral.objects.all()),
        )
    )
    if people.referral_case is not None:
        case = people.referral_case
        result.append(
            Filter(
                "Consent per category for one case (receiver_sharing)",
                "partner professional",
                f"What flows to the partner's organisation about case {case.pk}"
                " (referred to it): the household's current members, their active"
                " consents for the organisation by category, and legal bases. The"
                " same source (`privacy.sharing.facts`) serves `policy.sharing`"
                " for a partner on a case from outside the team.",
                explain_run(
                    connection,
                    lambda: policy.receiver_sharing(actor(people.partner), [case]),
                ),
            )
        )
    # The household search, as the front desk of the largest team runs it.
    desk = actor(people.desk)
    rare = rare_fragment()
    member = (
        HouseholdMember.objects.filter(household__team=people.team, until__isnull=True)
        .exclude(person__bsn="")
        .select_related("person", "household")
        .order_by("pk")
        .first()
    )
    person = member.person
    searches = [
        ("name, common fragment", {"name": "jans"}),
        ("name, rare fragment", {"name": rare}),
        (
            "name, given and family name",
            {
                "name": f"{person.given_names.split()[0]} "
                f"{person.family_name.split()[-1]}"
            },
        ),
        ("name, two letters (below a trigram)", {"name": "ab"}),
        (
            "postcode and house number",
            {
                "postcode": member.household.postcode,
                "house_number": member.household.house_number,
            },
        ),
        ("BSN", {"bsn": person.bsn}),
    ]
    for label, criteria in searches:
        shown = ", ".join(f"{k}={v!r}" for k, v in criteria.items())
        if "name" in criteria:
            matches = Person.objects.filter(_name_q(criteria["name"])).count()
            persons = "person matches" if matches == 1 else "persons match"
            shown += f" ({matches:,} {persons} in the whole municipality)"
        result.append(
            Filter(
                f"Household search: {label}",
                "front desk",
                f"`household_search({shown})`: every SELECT it sends.",
                explain_run(
                    connection,
                    lambda criteria=criteria: selectors.household_search(
                        actor=desk, **criteria
                    ),
                ),
            )
        )
    result.append(
        Filter(
            "Person lookup: name, common fragment",
            "(privacy officer's search)",
            "`person_lookup(name='jans')`, the same icontains on persons alone.",
            explain_run(connection, lambda: selectors.person_lookup(name="jans")),
        )
    )
    return result


def _name_q(name: str):
    """The search's name filter on persons alone, to count what matches."""
    from django.db.models import Q

    q = Q()
    for word in name.split():
        q &= Q(given_names__icontains=word) | Q(family_name__icontains=word)
    return q


def rare_fragment() -> str:
    """Five letters of the rarest family name that match the fewest persons."""
    from django.db.models import Count

    from eenplan.people.models import Person

    rarest = (
        Person.objects.values("family_name")
        .annotate(n=Count("id"))
        .order_by("n", "family_name")
        .first()["family_name"]
    )
    letters = rarest.split()[-1].lower()
    candidates = {letters[i : i + 5] for i in range(max(1, len(letters) - 4))}
    return min(
        sorted(candidates),
        key=lambda c: Person.objects.filter(_name_q(c)).count(),
    )


# --- Report ------------------------------------------------------------------------


def shorten(sql: str) -> str:
    sql = re.sub(r"^SELECT (.{80,}?) FROM ", "SELECT … FROM ", sql, count=1)
    return sql if len(sql) <= SQL_LIMIT else sql[:SQL_LIMIT] + " …"


def header(connection, people: Cast) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
        counts = []
        for table in MAIN_TABLES:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            counts.append((table, cursor.fetchone()[0]))
        cursor.execute(
            "SELECT relname, n_dead_tup FROM pg_stat_user_tables"
            " WHERE relname = ANY(%s)",
            [list(MAIN_TABLES)],
        )
        dead = dict(cursor.fetchall())
        cursor.execute(
            "SELECT current_database(), current_setting('transaction_read_only')"
        )
        database, read_only = cursor.fetchone()
    lines = [
        "# EXPLAIN ANALYZE of the access policy's filters — "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "Written by `bench/explain.py` (EXPLAIN (ANALYZE, BUFFERS), each statement"
        " twice: the plan and time shown are the second, warm run; the first run's"
        " time is beside it).",
        "",
        f"- Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}",
        f"- Database: `{database}`, {version}",
        f"- Transaction read only: {read_only}",
        "",
        "Rows, and dead row versions not yet vacuumed (a sequential scan reads"
        " those too):",
        "",
        "| table | rows | dead rows |",
        "|---|---:|---:|",
        *(f"| {table} | {n:,} | {dead.get(table, 0):,} |" for table, n in counts),
        "",
        "Actors (built by `access.actor.for_user`, as a request builds them):",
        "",
        *(f"- {role}: {text}" for role, text in people.details.items()),
        "",
    ]
    return lines


def report(connection, people: Cast, found: list[Filter]) -> str:
    lines = header(connection, people)
    lines += [
        "## Summary",
        "",
        "Per filter its slowest statement: time, rows returned and the indexes it"
        " used; sequential scans are those of all its statements, and one over a"
        f" table of more than {BIG_TABLE:,} rows is marked **SEQ SCAN**.",
        "",
        "| # | filter | actor | statements | slowest (ms) | first run (ms) | rows"
        " | indexes used (slowest) | sequential scans (all) |",
        "|---|---|---|---:|---:|---:|---:|---|---|",
    ]
    for number, item in enumerate(found, 1):
        if not item.statements:
            lines.append(
                f"| {number} | {item.title} | {item.actor} | 0 | – | – | – | – | – |"
            )
            continue
        slowest = max(item.statements, key=lambda s: s.execution_ms)
        indexes = slowest.indexes
        big = sorted({b for s in item.statements for b in s.big_seq_scans})
        small = sorted({t for s in item.statements for t in s.other_seq_scans})
        scans = ", ".join([f"**SEQ SCAN {b}**" for b in big] + small) or "none"
        lines.append(
            f"| {number} | {item.title} | {item.actor} | {len(item.statements)}"
            f" | {slowest.execution_ms:.2f} | {slowest.first_ms:.2f}"
            f" | {slowest.rows if slowest.rows is not None else '–'}"
            f" | {', '.join(f'`{i}`' for i in indexes) or 'none'} | {scans} |"
        )
    lines.append("")
    for number, item in enumerate(found, 1):
        lines += [f"## {number}. {item.title} — {item.actor}", "", item.note, ""]
        if not item.statements:
            lines += ["No SELECT was sent.", ""]
        for index, statement in enumerate(item.statements, 1):
            used = ", ".join(f"`{i}`" for i in statement.indexes) or "none"
            verdict = (
                "**sequential scan over " + ", ".join(statement.big_seq_scans) + "**"
                if statement.big_seq_scans
                else "no sequential scan over a big table"
            )
            lines += [
                f"### {number}.{index}: {statement.execution_ms:.2f} ms"
                f" (first run {statement.first_ms:.2f} ms, planning"
                f" {statement.planning_ms:.2f} ms)",
                "",
                f"Indexes used: {used}; {verdict}.",
                "",
                "```sql",
                shorten(statement.sql),
                "```",
                "",
                "```",
                statement.plan,
                "```",
                "",
            ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", help="write the Markdown here (default: stdout)")
    args = parser.parse_args()
    connection = setup()
    from django.db import transaction

    from eenplan import audit

    with transaction.atomic(), mock.patch.object(audit, "record", lambda **kw: None):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION READ ONLY")
        people = cast(connection)
        found = filters(connection, people)
        text = report(connection, people, found)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {args.output}")
    else:
        print(text)


if __name__ == "__main__":
    main()
