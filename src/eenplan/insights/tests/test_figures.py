# SPDX-License-Identifier: EUPL-1.2
"""The figures on a small world: counted as defined, suppressed below five
households, and the definition's SQL is the figure's own."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from eenplan.accounts.tests.factories import DirectorFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.insights import figures
from eenplan.insights.domain import TOTAL
from eenplan.insights.figures import Scope
from eenplan.intake.tests.factories import RequestFactory, TriageDecisionFactory
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.services.tests.factories import GrantFactory, ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _scope(**kwargs):
    return Scope(TODAY() - datetime.timedelta(days=90), TODAY(), **kwargs)


def _requests(team, n, channel="phone", days_ago=3, outcome="integral"):
    made = []
    for _ in range(n):
        request = RequestFactory(
            household=HouseholdFactory(team=team),
            channel=channel,
            received_on=TODAY() - datetime.timedelta(days=days_ago),
        )
        solved = outcome == "solved_at_door"
        TriageDecisionFactory(
            request=request,
            suggested_outcome=outcome,
            outcome=outcome,
            solved_with="information" if solved else "",
            solved_note="Folder meegegeven" if solved else "",
        )
        made.append(request)
    return made


def test_requests_by_channel_counts_per_week_and_hides_small_cells():
    team = TeamFactory()
    _requests(team, 6, "phone")
    _requests(team, 2, "online")
    result = figures.requests_by_channel(_scope())
    week = result.table.rows[0]
    assert result.table.cell(week, "phone").value == 6
    assert not result.table.shown(week, "online")  # two households
    # The week's total (8) minus phone (6) would give the 2: phone hides too.
    assert not result.table.shown(week, "phone")
    assert result.table.cell(TOTAL, TOTAL).value == 8


def test_triage_outcomes_and_the_share_solved_at_the_door():
    team = TeamFactory()
    _requests(team, 5, outcome="solved_at_door")
    _requests(team, 15, outcome="integral")
    result = figures.triage_outcomes(_scope())
    assert result.table.cell("solved_at_door", "n").value == 5
    assert result.table.cell(TOTAL, "n").value == 20
    assert "25.0" in result.note


def test_a_team_filter_counts_only_that_team():
    here, there = TeamFactory(), TeamFactory()
    _requests(here, 5)
    _requests(there, 7)
    result = figures.triage_outcomes(_scope(team_id=here.pk))
    assert result.table.cell(TOTAL, "n").value == 5


def test_waiting_times_median_and_90th_percentile():
    team = TeamFactory()
    requests = _requests(team, 10, days_ago=20)
    director = DirectorFactory(team=team)
    for n, request in enumerate(requests):
        CaseFactory(
            household=request.household,
            request=request,
            director=director,
            opened_on=request.received_on + datetime.timedelta(days=n + 1),
        )
    result = figures.waiting_times(_scope())
    # Days to intake: 1..10: median 5.5, 90th percentile 9.1.
    assert result.table.cell("intake", "median").value == 5.5
    assert result.table.cell("intake", "p90").value == 9.1
    assert result.table.shown("intake", "median")


def test_cost_by_law_sums_grants_over_the_period_and_suppresses():
    team = TeamFactory()
    director = DirectorFactory(team=team)
    service = ServiceFactory(name="Huishoudelijke ondersteuning")
    cases = [
        CaseFactory(
            household=HouseholdFactory(team=team, postcode=f"{9990 + n}AB"),
            director=director,
        )
        for n in range(6)
    ]
    for case in cases:
        GrantFactory(case=case, person=members_of(case.household)[0], service=service)
    # Each grant: 3 hours a week at € 36.50 from today; the period ends today:
    # one day of € 109.50 / 7 = € 15.64 per grant (each grant to the cent),
    # six households: € 93.84.
    result = figures.cost_by_law(_scope())
    cell = result.table.cell("wmo", team.pk)
    assert cell.households == 6
    assert cell.value.quantize(Decimal("0.01")) == Decimal("93.84")
    assert result.table.shown("wmo", team.pk)
    # One postcode area: one household, so "< 5".
    few = figures.cost_by_law(_scope(area="9990"))
    assert few.table.cell("wmo", team.pk).households == 1
    assert not few.table.shown("wmo", team.pk)


def test_the_definition_shows_the_figures_own_query():
    from eenplan.insights import selectors

    team = TeamFactory()
    _requests(team, 5)
    shown = selectors.Shown(
        figures.FIGURES["triage_outcomes"],
        figures.triage_outcomes(_scope(team_id=team.pk)),
    )
    sql = selectors.sql_of(shown)
    assert len(sql) == 1 and "intake_triagedecision" in sql[0]
    assert f"{team.pk}" in sql[0]  # the team filter is in it


def test_every_figure_has_a_definition():
    for figure in figures.FIGURES.values():
        for text in (figure.title, figure.counted, figure.records, figure.period):
            assert str(text).strip()
        assert figure.view in figures.VIEWS


def _closed_cases(team, n, **kwargs):
    director = DirectorFactory(team=team)
    return [
        CaseFactory(
            household=HouseholdFactory(team=team),
            director=director,
            closed=True,
            opened_on=TODAY() - datetime.timedelta(days=100),
            closed_on=TODAY() - datetime.timedelta(days=10),
            **kwargs,
        )
        for _ in range(n)
    ]


def test_zrm_change_counts_persons_better_the_same_or_worse_per_domain():
    from eenplan.assessments.tests.factories import AssessmentFactory, life_domains

    team = TeamFactory()
    money = next(d for d in life_domains() if d.code == "financien")
    for n, case in enumerate(_closed_cases(team, 6)):
        person = members_of(case.household)[0]
        AssessmentFactory(person=person, case=case, kind="intake", scores={money: 2})
        AssessmentFactory(
            person=person, case=case, kind="closure", scores={money: 4 if n else 2}
        )
    result = figures.zrm_change(_scope())
    assert result.table.cell(money.pk, "better").value == 5
    assert result.table.cell(money.pk, "same").value == 1
    # One household the same: hidden, and the 5 better with it (row total 6).
    assert not result.table.shown(money.pk, "same")
    assert not result.table.shown(money.pk, "better")


def test_quality_indicators_kitchen_table_and_duration():
    team = TeamFactory()
    cases = _closed_cases(team, 5)
    cases[0].kitchen_table_peak = 3
    cases[0].save(update_fields=["kitchen_table_peak"])
    result = figures.quality_indicators(_scope())
    # Four of five closed cases had at most two at the kitchen table.
    assert result.table.cell("table", "value").value == Decimal("80.0")
    assert result.table.cell("duration", "value").value == 90.0
    assert result.table.shown("table", "value")
    # No review held in the period: nothing counted, nothing to hide.
    assert result.table.cell("reviews", "n").value == 0
