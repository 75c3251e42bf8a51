# SPDX-License-Identifier: EUPL-1.2
"""Every figure of the steering information, with its definition beside the
code that computes it.

A figure is a function from a `Scope` (period, team, area, organisation) to a
`Result`: a table of cells, each with the number of distinct households it is
built from, suppressed below five (`domain.suppress`), and the querysets it
read. The definition page shows the definition's text and the SQL of those same
querysets, so what is shown and what is defined cannot drift apart.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Assessment, DomainScore, LifeDomain
from eenplan.cases.models import Case, Handover, TimeEntry
from eenplan.collaboration.models import Referral
from eenplan.intake.models import Outcome, Request, TriageDecision
from eenplan.organisations.models import Absence, Commitment, Membership, Team
from eenplan.plans.models import Plan
from eenplan.services import domain as cost_domain
from eenplan.services.models import GrantVersion, Law

from . import domain
from .domain import TOTAL, Cell, Table

FULL_TIME_HOURS = Decimal(36)  # hours a week of one FTE


@dataclass(frozen=True)
class Scope:
    """What a page's filters select: a period (inclusive), and optionally a
    team, a four-digit postcode area and an organisation."""

    start: datetime.date
    end: datetime.date
    team_id: int | None = None
    area: str = ""
    organisation_id: int | None = None

    def households(self, prefix: str = "") -> Q:
        q = Q()
        if self.team_id is not None:
            q &= Q(**{f"{prefix}team_id": self.team_id})
        if self.area:
            q &= Q(**{f"{prefix}household__postcode__startswith": self.area})
        return q

    def organisation(self, case_prefix: str = "") -> Q:
        """Cases directed by the organisation's staff or with one of its
        professionals involved."""
        if self.organisation_id is None:
            return Q()
        return Q(
            **{f"{case_prefix}director__organisation_id": self.organisation_id}
        ) | Q(
            **{
                f"{case_prefix}involvements__professional__organisation_id": (
                    self.organisation_id
                )
            }
        )


@dataclass
class Result:
    table: Table
    # Labels of rows and columns as shown (keys are codes).
    row_labels: dict[Hashable, str] = field(default_factory=dict)
    column_labels: dict[Hashable, str] = field(default_factory=dict)
    sources: list[QuerySet[Any]] = field(default_factory=list)
    chart: str = ""  # "bar", "line", "stacked" or "" (no chart)
    note: str = ""
    totals: bool = True


@dataclass(frozen=True)
class Figure:
    code: str
    view: str
    title: Any
    counted: Any
    records: Any
    period: Any
    limits: Any
    compute: Callable[[Scope], Result]

    @property
    def function(self) -> str:
        """Where the code of the figure is, for its definition page."""
        return f"{self.compute.__module__}.{self.compute.__name__}"


FIGURES: dict[str, Figure] = {}
VIEWS = {
    "workload": _("Workload"),
    "staffing": _("Staffing"),
    "finance": _("Finance"),
    "quality": _("Quality"),
}


def figure(code: str, view: str, *, title, counted, records, period, limits):
    """Register a figure: its definition and the function that computes it."""

    def register(compute: Callable[[Scope], Result]) -> Callable[[Scope], Result]:
        FIGURES[code] = Figure(
            code, view, title, counted, records, period, limits, compute
        )
        return compute

    return register


def of_view(view: str) -> list[Figure]:
    return [f for f in FIGURES.values() if f.view == view]


def _requests(scope: Scope) -> QuerySet[Request]:
    qs = Request.objects.filter(
        received_on__gte=scope.start, received_on__lte=scope.end
    ).filter(scope.households())
    if scope.organisation_id is not None:
        qs = qs.filter(
            Q(triage__target_organisation_id=scope.organisation_id)
            | Q(case__in=Case.objects.filter(scope.organisation()))
        )
    return qs


def _cases(scope: Scope) -> QuerySet[Case]:
    qs = Case.objects.filter(scope.households())
    if scope.organisation_id is not None:
        qs = qs.filter(pk__in=Case.objects.filter(scope.organisation()).values("pk"))
    return qs


def _teams(scope: Scope) -> dict[int, str]:
    teams = Team.objects.order_by("name")
    if scope.team_id is not None:
        teams = teams.filter(pk=scope.team_id)
    return dict(teams.values_list("pk", "name"))


def _open_on(qs: QuerySet[Case], day: datetime.date) -> QuerySet[Case]:
    return qs.filter(opened_on__lte=day).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )


# --- Workload (werkaanbod) ------------------------------------------------------


@figure(
    "requests_by_channel",
    "workload",
    title=_("Requests in per week, by channel"),
    counted=_(
        "Requests for help received in the period, per week (from Monday) and "
        "channel. A cell counts requests; it is suppressed when it is about fewer "
        "than five households."
    ),
    records=_("Requests (hulpvragen), by their date of receipt."),
    period=_("The date of receipt lies in the period."),
    limits=_(
        "A household that asks twice in a week counts twice in the requests, "
        "once in the households the suppression counts."
    ),
)
def requests_by_channel(scope: Scope) -> Result:
    qs = (
        _requests(scope)
        .annotate(week=TruncWeek("received_on"))
        .values("week", "channel")
        .annotate(n=Count("id"), households=Count("household", distinct=True))
        .order_by("week", "channel")
    )
    counts, households, weeks = {}, {}, []
    for row in qs:
        week = row["week"]
        week = week.date() if isinstance(week, datetime.datetime) else week
        if week not in weeks:
            weeks.append(week)
        counts[(week, row["channel"])] = row["n"]
        households[(week, row["channel"])] = row["households"]
    channels = list(Request.Channel.values)
    table = domain.table_of(counts, weeks, channels, households)
    return Result(
        domain.suppress(table),
        {w: w.strftime("%d-%m-%Y") for w in weeks},
        {c: str(Request.Channel(c).label) for c in channels},
        [qs],
        chart="stacked",
    )


@figure(
    "triage_outcomes",
    "workload",
    title=_("Triage outcomes"),
    counted=_(
        "Triage decisions on the requests received in the period, by outcome: "
        "solved at the door, one discipline, urgent, integral intake; and the "
        "share solved at the door of all decided."
    ),
    records=_("Triage decisions (triagebesluiten) of those requests."),
    period=_("The request's date of receipt lies in the period."),
    limits=_("Requests not triaged yet are not counted."),
)
def triage_outcomes(scope: Scope) -> Result:
    qs = (
        TriageDecision.objects.filter(request__in=_requests(scope))
        .values("outcome")
        .annotate(n=Count("id"), households=Count("request__household", distinct=True))
        .order_by("outcome")
    )
    rows = list(Outcome.values)
    counts = {(r["outcome"], "n"): r["n"] for r in qs}
    households = {(r["outcome"], "n"): r["households"] for r in qs}
    table = domain.suppress(domain.table_of(counts, rows, ["n"], households))
    solved = table.cell(Outcome.SOLVED_AT_DOOR, "n")
    total = table.cell(TOTAL, "n")
    note = ""
    if table.shown(Outcome.SOLVED_AT_DOOR, "n") and table.shown(TOTAL, "n"):
        part = domain.share(solved.value or 0, total.value or 0)
        if part is not None:
            note = str(
                _("Solved at the door: %(share)s %% of the decided requests.")
            ) % {"share": part}
    return Result(
        table,
        {o: str(Outcome(o).label) for o in rows},
        {"n": str(_("Requests"))},
        [qs],
        chart="bar",
        note=note,
    )


def _waits(pairs) -> tuple[list[float], int]:
    days, households = [], set()
    for household, start, end in pairs:
        if start is None or end is None:
            continue
        end = end.date() if isinstance(end, datetime.datetime) else end
        days.append(float((end - start).days))
        households.add(household)
    return days, len(households)


@figure(
    "waiting_times",
    "workload",
    title=_("Waiting time in days"),
    counted=_(
        "Days from receipt of a request to its triage, to the opening of its "
        "case (the intake), and to the first agreed plan: the median and the "
        "90th percentile, over the requests received in the period."
    ),
    records=_(
        "Requests, their triage decisions, the cases opened on them and the "
        "first agreed plan version of each case."
    ),
    period=_("The request's date of receipt lies in the period."),
    limits=_(
        "Only requests that reached the step count; a long wait still running "
        "is not in the figure until it ends."
    ),
)
def waiting_times(scope: Scope) -> Result:
    requests = _requests(scope)
    triage = TriageDecision.objects.filter(request__in=requests).values_list(
        "request__household_id", "request__received_on", "decided_at"
    )
    intake = Case.objects.filter(request__in=requests).values_list(
        "household_id", "request__received_on", "opened_on"
    )
    plan = (
        Plan.objects.filter(case__request__in=requests, agreed_on__isnull=False)
        .values("case_id", "case__household_id", "case__request__received_on")
        .annotate(first=Min("agreed_on"))
        .values_list("case__household_id", "case__request__received_on", "first")
    )
    rows = {"triage": triage, "intake": intake, "plan": plan}
    counts: dict[tuple[Hashable, Hashable], Any] = {}
    households: dict[tuple[Hashable, Hashable], int] = {}
    for key, pairs in rows.items():
        days, n = _waits(pairs)
        for column, value in (
            ("median", domain.percentile(days, 0.5)),
            ("p90", domain.percentile(days, 0.9)),
            ("n", len(days)),
        ):
            counts[(key, column)] = value
            households[(key, column)] = n
    cells = {k: Cell(v, households[k]) for k, v in counts.items()}
    table = Table(list(rows), ["median", "p90", "n"], cells)
    domain.hide_small(table)  # each row stands on its own: no totals
    return Result(
        table,
        {
            "triage": str(_("Request → triage")),
            "intake": str(_("Request → intake")),
            "plan": str(_("Request → agreed plan")),
        },
        {
            "median": str(_("Median")),
            "p90": str(_("90th percentile")),
            "n": str(_("Requests")),
        },
        [triage, intake, plan],
        totals=False,
    )


@figure(
    "caseload",
    "workload",
    title=_("Open cases per team against its formation"),
    counted=_(
        "Cases open on the last day of the period, per team; the team's "
        "formation in FTE (the hours a week of its professionals, 36 hours an "
        "FTE) and the open cases per FTE."
    ),
    records=_("Cases and the memberships of the teams."),
    period=_("Open on the last day of the period."),
    limits=_(
        "The formation is today's: hours changed during the period are not "
        "taken into account."
    ),
)
def caseload(scope: Scope) -> Result:
    open_cases = (
        _open_on(_cases(scope), scope.end)
        .values("team_id")
        .annotate(n=Count("id"))
        .order_by("team_id")
    )
    hours = (
        Membership.objects.filter(role=Membership.Role.PROFESSIONAL)
        .values("team_id")
        .annotate(hours=Sum("hours_per_week"))
        .order_by("team_id")
    )
    names = _teams(scope)
    opened = {r["team_id"]: r["n"] for r in open_cases}
    fte = {
        r["team_id"]: (Decimal(r["hours"] or 0) / FULL_TIME_HOURS).quantize(
            Decimal("0.1")
        )
        for r in hours
    }
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    for team in names:
        n = opened.get(team, 0)
        cells[(team, "open")] = Cell(n, n)
        cells[(team, "fte")] = Cell(fte.get(team, Decimal(0)), domain.THRESHOLD)
        per = (
            (Decimal(n) / fte[team]).quantize(Decimal("0.1")) if fte.get(team) else None
        )
        cells[(team, "per_fte")] = Cell(per, n)
    total = sum(opened.get(t, 0) for t in names)
    cells[(TOTAL, "open")] = Cell(total, total)
    table = Table(list(names), ["open", "fte", "per_fte"], cells)
    domain.hide_small(table)
    # A team's open cases hidden: its cases per FTE would give them back.
    for team in names:
        if (team, "open") in table.hidden:
            table.hidden.add((team, "per_fte"))
    if len([t for t in names if (t, "open") in table.hidden]) == 1:
        table.hidden.add((TOTAL, "open"))
    return Result(
        table,
        names,
        {
            "open": str(_("Open cases")),
            "fte": str(_("Formation (FTE)")),
            "per_fte": str(_("Cases per FTE")),
        },
        [open_cases, hours],
        chart="bar",
        totals=False,
    )


@figure(
    "overdue",
    "workload",
    title=_("Overdue reviews and referrals per team"),
    counted=_(
        "On the last day of the period: agreed plans of open cases whose review "
        "date has passed without a review, and referrals not answered by their "
        "answer date."
    ),
    records=_("Plan versions and referrals."),
    period=_("The state on the last day of the period."),
    limits=_("A review or answer given later than the period's end still counts."),
)
def overdue(scope: Scope) -> Result:
    cases = _open_on(_cases(scope), scope.end)
    reviews = (
        Plan.objects.filter(
            case__in=cases,
            status=Plan.Status.AGREED,
            next_review_due__lt=scope.end,
            review__isnull=True,
        )
        .values("case__team_id")
        .annotate(n=Count("id"), households=Count("case__household", distinct=True))
        .order_by("case__team_id")
    )
    referrals = (
        Referral.objects.filter(case__in=cases, answer_by__lt=scope.end)
        .filter(Q(answered_at__isnull=True) | Q(answered_at__date__gt=F("answer_by")))
        .filter(Q(status=Referral.Status.SENT) | Q(answered_at__date__gt=scope.end))
        .values("case__team_id")
        .annotate(n=Count("id"), households=Count("case__household", distinct=True))
        .order_by("case__team_id")
    )
    names = _teams(scope)
    counts, households = {}, {}
    for column, qs in (("reviews", reviews), ("referrals", referrals)):
        for row in qs:
            counts[(row["case__team_id"], column)] = row["n"]
            households[(row["case__team_id"], column)] = row["households"]
    table = domain.table_of(counts, list(names), ["reviews", "referrals"], households)
    return Result(
        domain.suppress(table),
        names,
        {
            "reviews": str(_("Reviews overdue")),
            "referrals": str(_("Referrals overdue")),
        },
        [reviews, referrals],
        chart="bar",
    )


# --- Finance (financiën) --------------------------------------------------------


def _household_costs(scope: Scope):
    """Per grant in scope: (case id, household id, team id, law, service name,
    cost over the period), from the granted versions (services.domain.cost)."""
    versions = (
        GrantVersion.objects.filter(
            status=GrantVersion.Status.GRANTED,
            grant__case__in=_cases(scope),
            starts_on__lte=scope.end,
        )
        .select_related("grant__service")
        .order_by("grant_id", "number")
    )
    by_grant: dict[int, list[GrantVersion]] = defaultdict(list)
    for version in versions.values(
        "grant_id",
        "starts_on",
        "ends_on",
        "units",
        "period",
        "tariff",
        "grant__case_id",
        "grant__case__household_id",
        "grant__case__team_id",
        "grant__law",
        "grant__service__name",
    ):
        by_grant[version["grant_id"]].append(version)
    rows = []
    for grant_versions in by_grant.values():
        schedule = cost_domain.schedule(
            [
                cost_domain.Version(
                    v["starts_on"], v["ends_on"], v["units"], v["period"], v["tariff"]
                )
                for v in grant_versions
            ]
        )
        first = grant_versions[0]
        rows.append(
            (
                first["grant__case_id"],
                first["grant__case__household_id"],
                first["grant__case__team_id"],
                first["grant__law"],
                first["grant__service__name"],
                cost_domain.cost(schedule, scope.start, scope.end),
            )
        )
    return rows, versions


@figure(
    "cost_by_law",
    "finance",
    title=_("Cost of granted services per legal framework and team"),
    counted=_(
        "The cost over the period of every service granted (units × the tariff "
        "of its decision, per day for weekly units, pro rata per calendar month, "
        "one-off amounts on their start date), per legal framework and team."
    ),
    records=_("Granted versions of grants (toekenningen) of the cases in scope."),
    period=_("The part of each grant that falls in the period."),
    limits=_(
        "Waiting and refused versions cost nothing. Own contributions (CAK) and "
        "personal budgets are not modelled."
    ),
)
def cost_by_law(scope: Scope) -> Result:
    rows, versions = _household_costs(scope)
    teams = _teams(scope)
    laws = list(Law.values)
    cost: dict[tuple[Hashable, Hashable], Decimal] = defaultdict(Decimal)
    households: dict[tuple[Hashable, Hashable], set[int]] = defaultdict(set)
    for _case, household, team, law, _service, amount in rows:
        cost[(law, team)] += amount
        households[(law, team)].add(household)
    table = domain.table_of(
        dict(cost), laws, list(teams), {k: len(v) for k, v in households.items()}
    )
    return Result(
        domain.suppress(table),
        {law: str(Law(law).label) for law in laws},
        teams,
        [versions],
        chart="bar",
    )


def _profiles(scope: Scope):
    """Per case in scope: its need profile, the life domains scored 1 or 2 at
    the intake ZRM (of any adult)."""
    scores = DomainScore.objects.filter(
        assessment__kind=Assessment.Kind.INTAKE,
        assessment__case__in=_cases(scope),
        score__lte=2,
    ).values_list("assessment__case_id", "domain_id", "score")
    domains_ = LifeDomain.objects.values_list("pk", "name", "position")
    names = {pk: name for pk, name, _position in domains_}
    order = {pk: position for pk, _name, position in domains_}
    worst: dict[int, dict[int, int]] = defaultdict(dict)
    for case, domain_id, score in scores:
        known = worst[case].get(domain_id)
        worst[case][domain_id] = score if known is None else min(known, score)
    profiles = {}
    for case, domains in worst.items():
        # The main need: the (at most) three domains in most trouble.
        main = sorted(domains, key=lambda d: (domains[d], order.get(d, 0)))[:MAIN]
        profiles[case] = " + ".join(sorted(names.get(d, "?") for d in main))
    return profiles, scores


PROFILES_SHOWN = 15
MAIN = 3  # the domains in most trouble that make a profile


@figure(
    "need_profiles",
    "finance",
    title=_("Need profiles and their cost"),
    counted=_(
        "Cases grouped by their combination of life domains in trouble at "
        "intake (ZRM level 1 or 2 of any adult), the three in most trouble "
        "(lowest level first): per profile the households, the three services "
        "granted most, and the average cost per household over the period with "
        "its spread (10th to 90th percentile)."
    ),
    records=_("Intake ZRM assessments, and the granted versions of the cases' grants."),
    period=_("Cases with a grant or an intake; cost as in the cost per law."),
    limits=_(
        "A household in trouble on more than three domains is profiled by the "
        "three lowest (at equal levels, in the ZRM's order), so that profiles "
        "group households; the most common 15 are shown. A household without "
        "any domain at level 1 or 2 has the profile 'no domain in trouble'."
    ),
)
def need_profiles(scope: Scope) -> Result:
    profiles, scores = _profiles(scope)
    rows, versions = _household_costs(scope)
    per_case: dict[int, Decimal] = defaultdict(Decimal)
    services: dict[str, Counter] = defaultdict(Counter)
    none = str(_("no domain in trouble"))
    for case, _household, _team, _law, service, amount in rows:
        per_case[case] += amount
        services[profiles.get(case, none)][service] += 1
    members: dict[str, list[Decimal]] = defaultdict(list)
    for case in set(profiles) | set(per_case):
        members[profiles.get(case, none)].append(per_case.get(case, Decimal(0)))
    ranked = sorted(members, key=lambda p: (-len(members[p]), p))[:PROFILES_SHOWN]
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    for profile in ranked:
        costs = members[profile]
        n = len(costs)
        average = (sum(costs, Decimal(0)) / n).quantize(Decimal("0.01"))
        low = domain.percentile([float(c) for c in costs], 0.1)
        high = domain.percentile([float(c) for c in costs], 0.9)
        usual = ", ".join(s for s, _n in services[profile].most_common(3))
        cells[(profile, "households")] = Cell(n, n)
        cells[(profile, "services")] = Cell(usual or "—", n)
        cells[(profile, "average")] = Cell(average, n)
        cells[(profile, "spread")] = Cell(f"{low:.0f} – {high:.0f}", n)
    table = Table(ranked, ["households", "services", "average", "spread"], cells)
    domain.hide_small(table)
    return Result(
        table,
        {p: p for p in ranked},
        {
            "households": str(_("Households")),
            "services": str(_("Usual services")),
            "average": str(_("Average cost (euro)")),
            "spread": str(_("Spread, 10th–90th percentile (euro)")),
        },
        [scores, versions],
        totals=False,
    )


@figure(
    "concentration",
    "finance",
    title=_("Concentration of cost over households"),
    counted=_(
        "The Lorenz curve of the cost over the period per household (cheapest "
        "first): which share of the households takes which share of the cost; "
        "and the share of all cost taken by the dearest 5 percent of households."
    ),
    records=_("Granted versions of grants of the cases in scope."),
    period=_("As in the cost per law."),
    limits=_(
        "Only households with a grant count; households without cost would "
        "make the curve steeper still."
    ),
)
def concentration(scope: Scope) -> Result:
    rows, versions = _household_costs(scope)
    per_household: dict[int, Decimal] = defaultdict(Decimal)
    for _case, household, _team, _law, _service, amount in rows:
        per_household[household] += amount
    costs = list(per_household.values())
    n = len(costs)
    curve = domain.lorenz(costs, points=10)
    cells = {(f"{x}", "cost"): Cell(y, n) for x, y in curve[1:]}
    rows_ = [f"{x}" for x, _y in curve[1:]]
    table = Table(rows_, ["cost"], cells)
    top = domain.top_share(costs)
    note = ""
    if n >= domain.THRESHOLD and top is not None:
        note = str(
            _("The dearest 5 %% of the %(n)s households take %(share)s %% of the cost.")
        ) % {"n": n, "share": top}
    if 0 < n < domain.THRESHOLD:
        table.hidden.update(cells)
    return Result(
        table,
        {r: f"{r} %" for r in rows_},
        {"cost": str(_("Share of the cost (%)"))},
        [versions],
        chart="line",
        note=note,
        totals=False,
    )


# --- Quality (kwaliteit) ------------------------------------------------------


def _closed_in(scope: Scope) -> QuerySet[Case]:
    return _cases(scope).filter(closed_on__gte=scope.start, closed_on__lte=scope.end)


@figure(
    "zrm_change",
    "quality",
    title=_("Self-reliance at closure against intake, per life domain"),
    counted=_(
        "For the cases closed in the period: per life domain, the persons whose "
        "ZRM score at closure is higher than at intake (improved), the same, or "
        "lower (worse); the row total is the persons scored on that domain both "
        "times."
    ),
    records=_("ZRM assessments of kind intake and closure of those cases."),
    period=_("The case's closing date lies in the period."),
    limits=_(
        "Persons without both assessments are left out. A household counts once "
        "per domain in the suppression, however many of its members were scored."
    ),
)
def zrm_change(scope: Scope) -> Result:
    scores = DomainScore.objects.filter(
        assessment__case__in=_closed_in(scope),
        assessment__kind__in=(Assessment.Kind.INTAKE, Assessment.Kind.CLOSURE),
    ).values_list(
        "assessment__case__household_id",
        "assessment__person_id",
        "domain_id",
        "assessment__kind",
        "score",
    )
    first: dict[tuple[int, int], tuple[int, int]] = {}
    last: dict[tuple[int, int], int] = {}
    for household, person, domain_id, kind, score in scores:
        if kind == Assessment.Kind.INTAKE:
            first[(person, domain_id)] = (household, score)
        else:
            last[(person, domain_id)] = score
    domains = list(
        LifeDomain.objects.filter(active=True)
        .order_by("position")
        .values_list("pk", "name")
    )
    counts: dict[tuple[Hashable, Hashable], int] = defaultdict(int)
    households: dict[tuple[Hashable, Hashable], set[int]] = defaultdict(set)
    for key, (household, before) in first.items():
        if key not in last:
            continue
        after = last[key]
        column = "better" if after > before else "worse" if after < before else "same"
        counts[(key[1], column)] += 1
        households[(key[1], column)].add(household)
    columns = ["better", "same", "worse"]
    table = domain.table_of(
        dict(counts),
        [pk for pk, _name in domains],
        columns,
        {k: len(v) for k, v in households.items()},
    )
    return Result(
        domain.suppress(table),
        dict(domains),
        {
            "better": str(_("Improved")),
            "same": str(_("The same")),
            "worse": str(_("Worse")),
        },
        [scores],
        chart="stacked",
    )


@figure(
    "quality_indicators",
    "quality",
    title=_("Reviews, kitchen table, referrals, reopened cases and duration"),
    counted=_(
        "Reviews held in the period on or before their due date, of all held; "
        "the cases closed in the period with one or two professionals at the "
        "kitchen table at most (the target), of all closed; referrals answered "
        "in the period by their answer date, of all answered; cases closed in the "
        "year before the period's end that the household came back to with a new "
        "request within a year; and the median days a case closed in the period "
        "was open."
    ),
    records=_("Reviews and their plan versions, cases, referrals and requests."),
    period=_(
        "The review's, closing's or answer's date lies in the period; reopened: "
        "closed in the twelve months before the period ends."
    ),
    limits=_(
        "A household that came back to another team is counted where it came "
        "back; the kitchen table counts the most at once (director included)."
    ),
)
def quality_indicators(scope: Scope) -> Result:
    cases = _cases(scope)
    reviews = Plan.objects.filter(
        case__in=cases,
        review__held_on__gte=scope.start,
        review__held_on__lte=scope.end,
    ).values_list("case__household_id", "review__held_on", "next_review_due")
    closed = _closed_in(scope).values_list(
        "household_id", "kitchen_table_peak", "opened_on", "closed_on"
    )
    answered = Referral.objects.filter(
        case__in=cases,
        answered_at__date__gte=scope.start,
        answered_at__date__lte=scope.end,
    ).values_list("case__household_id", "answered_at", "answer_by")
    year_before = scope.end - datetime.timedelta(days=365)
    recent = cases.filter(closed_on__gt=year_before, closed_on__lte=scope.end)
    came_back = (
        Request.objects.filter(follows_case__in=recent)
        .values_list("follows_case__household_id", flat=True)
        .distinct()
    )
    recent_households = recent.values_list("household_id", flat=True).distinct()

    def ratio(rows, good) -> tuple[Any, int, int]:
        items = list(rows)
        households = {r[0] for r in items}
        hits = sum(1 for r in items if good(r))
        return domain.share(hits, len(items)), len(items), len(households)

    on_time = ratio(reviews, lambda r: r[2] is None or r[1] <= r[2])
    table_ok = ratio(closed, lambda r: r[1] <= 2)
    answered_ok = ratio(answered, lambda r: r[1].date() <= r[2])
    back = set(came_back)
    total_recent = list(recent_households)
    reopened = (
        domain.share(len(back), len(total_recent)),
        len(total_recent),
        len(set(total_recent)),
    )
    days = [float((r[3] - r[2]).days) for r in closed]
    closed_households = len({r[0] for r in closed})
    rows = {
        "reviews": on_time,
        "table": table_ok,
        "referrals": answered_ok,
        "reopened": reopened,
    }
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    for key, (value, n, households) in rows.items():
        cells[(key, "value")] = Cell(value, households)
        cells[(key, "n")] = Cell(n, households)
    cells[("duration", "value")] = Cell(domain.percentile(days, 0.5), closed_households)
    cells[("duration", "n")] = Cell(len(days), closed_households)
    keys = [*rows, "duration"]
    table = Table(keys, ["value", "n"], cells)
    domain.hide_small(table)
    return Result(
        table,
        {
            "reviews": str(_("Reviews held on time (%)")),
            "table": str(_("Cases with at most two at the kitchen table (%)")),
            "referrals": str(_("Referrals answered in time (%)")),
            "reopened": str(_("Closed cases the household came back to (%)")),
            "duration": str(_("Days a closed case was open (median)")),
        },
        {"value": str(_("Figure")), "n": str(_("Counted"))},
        [reviews, closed, answered, came_back],
        totals=False,
    )


# --- Staffing (formatie) --------------------------------------------------------


def committed_on(day: datetime.date) -> QuerySet[Commitment]:
    """The commitments in force on `day`."""
    return Commitment.objects.filter(valid_from__lte=day).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


@figure(
    "commitments",
    "staffing",
    title=_("Hours committed and delivered per organisation"),
    counted=_(
        "Per team and organisation, on the last day of the period: the hours a "
        "week the organisation committed to the team, and the hours a week its "
        "people have in the team (their memberships), and the difference."
    ),
    records=_("Commitments (formatie-afspraken) and memberships of the teams."),
    period=_("The state on the last day of the period."),
    limits=_(
        "Delivered is the hours of the memberships as they are today; absence "
        "is shown apart. Staff figures, not about households: nothing is "
        "suppressed here."
    ),
)
def commitments(scope: Scope) -> Result:
    teams = _teams(scope)
    committed = committed_on(scope.end).filter(team_id__in=teams)
    if scope.organisation_id is not None:
        committed = committed.filter(organisation_id=scope.organisation_id)
    committed_rows = committed.values_list(
        "team_id", "organisation_id", "organisation__name", "hours_per_week"
    )
    delivered = (
        Membership.objects.filter(team_id__in=teams)
        .exclude(role=Membership.Role.FRONT_DESK)
        .values("team_id", "user__organisation_id", "user__organisation__name")
        .annotate(hours=Sum("hours_per_week"))
        .order_by("team_id", "user__organisation_id")
    )
    if scope.organisation_id is not None:
        delivered = delivered.filter(user__organisation_id=scope.organisation_id)
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for team, organisation, name, hours in committed_rows:
        rows.setdefault((team, organisation), {"name": name})["committed"] = hours
    for row in delivered:
        key = (row["team_id"], row["user__organisation_id"])
        rows.setdefault(key, {"name": row["user__organisation__name"]})["delivered"] = (
            row["hours"]
        )
    keys = sorted(rows, key=lambda k: (teams.get(k[0], ""), rows[k]["name"]))
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    labels: dict[Hashable, str] = {}
    for key in keys:
        row = rows[key]
        made = Decimal(row.get("committed") or 0)
        given = Decimal(row.get("delivered") or 0)
        labels[key] = f"{teams.get(key[0], '')}: {row['name']}"
        # Staff hours, not households: never suppressed (THRESHOLD households).
        cells[(key, "committed")] = Cell(made, domain.THRESHOLD)
        cells[(key, "delivered")] = Cell(given, domain.THRESHOLD)
        cells[(key, "difference")] = Cell(given - made, domain.THRESHOLD)
    return Result(
        Table(keys, ["committed", "delivered", "difference"], cells),
        labels,
        {
            "committed": str(_("Committed (hours a week)")),
            "delivered": str(_("In the team (hours a week)")),
            "difference": str(_("Difference")),
        },
        [committed, delivered],
        chart="bar",
        totals=False,
    )


@figure(
    "time_spent",
    "staffing",
    title=_("Direct and indirect time per team"),
    counted=_(
        "The hours professionals wrote in the weekly time registration for "
        "weeks starting in the period, per team: with or for households, in "
        "consultations, coordination, travel and other indirect time; and the "
        "share of indirect time."
    ),
    records=_("Time entries (tijdschrijven) of the weeks in the period."),
    period=_("The week's Monday lies in the period."),
    limits=_(
        "Only what was written counts. Direct time on fewer than five "
        "households in a team is suppressed."
    ),
)
def time_spent(scope: Scope) -> Result:
    teams = _teams(scope)
    entries = (
        TimeEntry.objects.filter(
            team_id__in=teams, week__gte=scope.start, week__lte=scope.end
        )
        .values("team_id", "kind")
        .annotate(
            hours=Sum("hours"), households=Count("case__household", distinct=True)
        )
        .order_by("team_id", "kind")
    )
    if scope.organisation_id is not None:
        entries = entries.filter(professional__organisation_id=scope.organisation_id)
    kinds = list(TimeEntry.Kind.values)
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    totals: dict[int, Decimal] = defaultdict(Decimal)
    direct: dict[int, Decimal] = defaultdict(Decimal)
    for row in entries:
        hours = Decimal(row["hours"] or 0)
        households = (
            row["households"]
            if row["kind"] == TimeEntry.Kind.DIRECT
            else domain.THRESHOLD
        )
        cells[(row["team_id"], row["kind"])] = Cell(hours, households)
        totals[row["team_id"]] += hours
        if row["kind"] == TimeEntry.Kind.DIRECT:
            direct[row["team_id"]] += hours
    for team in teams:
        for kind in kinds:
            cells.setdefault((team, kind), Cell(Decimal(0), 0))
        share = domain.share(totals[team] - direct[team], totals[team])
        cells[(team, "indirect_share")] = Cell(share, domain.THRESHOLD)
    table = Table(list(teams), [*kinds, "indirect_share"], cells)
    domain.hide_small(table)
    return Result(
        table,
        teams,
        {
            **{k: str(TimeEntry.Kind(k).label) for k in kinds},
            "indirect_share": str(_("Indirect (%)")),
        },
        [entries],
        totals=False,
    )


@figure(
    "absence_handover",
    "staffing",
    title=_("Absence and hand-overs per team"),
    counted=_(
        "Per team: the absences that overlap the period, the professionals "
        "away on its last day, and the hand-overs of cases or places at the "
        "table made in the period."
    ),
    records=_("Absences and hand-overs (overdrachten)."),
    period=_("The absence overlaps the period; the hand-over was made in it."),
    limits=_("Hand-overs count the households handed over; fewer than five is hidden."),
)
def absence_handover(scope: Scope) -> Result:
    teams = _teams(scope)
    absences = (
        Absence.objects.filter(team_id__in=teams, starts_on__lte=scope.end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=scope.start))
        .values_list("team_id", "starts_on", "ends_on")
    )
    handovers = (
        Handover.objects.filter(
            case__team_id__in=teams,
            created_at__date__gte=scope.start,
            created_at__date__lte=scope.end,
        )
        .values("case__team_id")
        .annotate(n=Count("id"), households=Count("case__household", distinct=True))
        .order_by("case__team_id")
    )
    cells: dict[tuple[Hashable, Hashable], Cell] = {}
    counted: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for team, starts_on, ends_on in absences:
        counted[team][0] += 1
        if starts_on <= scope.end and (ends_on is None or ends_on >= scope.end):
            counted[team][1] += 1
    handed = {r["case__team_id"]: (r["n"], r["households"]) for r in handovers}
    for team in teams:
        cells[(team, "absences")] = Cell(counted[team][0], domain.THRESHOLD)
        cells[(team, "away")] = Cell(counted[team][1], domain.THRESHOLD)
        n, households = handed.get(team, (0, 0))
        cells[(team, "handovers")] = Cell(n, households)
    table = Table(list(teams), ["absences", "away", "handovers"], cells)
    domain.hide_small(table)
    return Result(
        table,
        teams,
        {
            "absences": str(_("Absences")),
            "away": str(_("Away on the last day")),
            "handovers": str(_("Hand-overs")),
        },
        [absences, handovers],
        totals=False,
    )


@figure(
    "cases_worked",
    "staffing",
    title=_("Cases worked on per team"),
    counted=_(
        "Per team: the cases open at some time in the period; with an "
        "organisation chosen, those its people directed or were involved in."
    ),
    records=_("Cases, their directors and involvements."),
    period=_("The case was open on at least one day of the period."),
    limits=_("An involvement that ended before the period still counts the case."),
)
def cases_worked(scope: Scope) -> Result:
    teams = _teams(scope)
    worked = (
        _cases(scope)
        .filter(team_id__in=teams, opened_on__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
        .values("team_id")
        .annotate(n=Count("id"), households=Count("household", distinct=True))
        .order_by("team_id")
    )
    counts = {(r["team_id"], "cases"): r["n"] for r in worked}
    households = {(r["team_id"], "cases"): r["households"] for r in worked}
    table = domain.table_of(counts, list(teams), ["cases"], households)
    return Result(
        domain.suppress(table),
        teams,
        {"cases": str(_("Cases"))},
        [worked],
        chart="bar",
    )
