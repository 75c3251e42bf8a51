# SPDX-License-Identifier: EUPL-1.2
"""The team leader's overview: load and absence, and what is stuck."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import DirectorFactory, TeamLeaderFactory
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.core.errors import PermissionDenied
from eenplan.organisations.models import Absence
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.models import Assignment, AssignmentReport
from eenplan.plans.tests.factories import PlanFactory
from eenplan.workspace import selectors

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def leader(team):
    return TeamLeaderFactory(team=team)


def case_opened(team, days_ago, **kwargs):
    return CaseFactory(
        household=HouseholdFactory(team=team),
        opened_on=TODAY - days_ago * DAY,
        **kwargs,
    )


def test_a_case_stands_still_after_the_configured_days_without_activity(
    settings, team, leader
):
    settings.EENPLAN_STANDSTILL_DAYS = 42
    quiet = case_opened(team, 43)
    just_in_time = case_opened(team, 42)
    reported = case_opened(team, 90)
    JournalEntry.objects.create(
        case=reported, author=reported.director, text="x", written_on=TODAY - 10 * DAY
    )
    agreed = case_opened(team, 90)
    PlanFactory(case=agreed, agreed=True, agreed_on=TODAY - 41 * DAY)
    progressed = case_opened(team, 90)
    assignment = Assignment.objects.create(
        case=progressed,
        organisation=OrganisationFactory(),
        assigned_by=progressed.director,
        due_on=TODAY,
    )
    AssignmentReport.objects.create(
        assignment=assignment,
        reported_by=progressed.director,
        text="x",
        is_result=False,
        reported_on=TODAY - 5 * DAY,
    )
    case_opened(team, 100, closed=True)
    case_opened(TeamFactory(), 100)  # another team's
    overview = selectors.team_overview(actor=act(leader), team=team)
    assert overview["standing_still"] == [quiet]
    assert overview["standing_still"][0].last_activity == quiet.opened_on
    assert just_in_time not in overview["standing_still"]


def test_overdue_referrals_and_stalled_actions_are_listed(team, leader):
    case = case_opened(team, 30)
    late = Referral.objects.create(
        case=case,
        sent_by=case.director,
        to_organisation=OrganisationFactory(),
        question="?",
        answer_by=TODAY - DAY,
    )
    Referral.objects.create(
        case=case,
        sent_by=case.director,
        to_organisation=OrganisationFactory(),
        question="?",
        answer_by=TODAY,
    )
    stalled = Assignment.objects.create(
        case=case,
        organisation=OrganisationFactory(),
        assigned_by=case.director,
        due_on=TODAY - 20 * DAY,
    )
    moving = Assignment.objects.create(
        case=case,
        organisation=OrganisationFactory(),
        assigned_by=case.director,
        due_on=TODAY - 20 * DAY,
    )
    AssignmentReport.objects.create(
        assignment=moving, reported_by=case.director, text="x", is_result=False
    )
    overview = selectors.team_overview(actor=act(leader), team=team)
    assert overview["overdue_referrals"] == [late]
    assert overview["stalled_actions"] == [stalled]


def test_load_and_absence_per_member(team, leader):
    busy = DirectorFactory(team=team)
    for _ in range(3):
        case_opened(team, 10, director=busy)
    InvolvementFactory(case=case_opened(team, 5), professional=busy)
    Absence.objects.create(
        professional=busy,
        team=team,
        starts_on=TODAY - DAY,
        reason="leave",
        registered_by=leader,
    )
    rows = {
        r.membership.user: r
        for r in selectors.team_overview(actor=act(leader), team=team)["members"]
    }
    assert (rows[busy].directed, rows[busy].involved) == (3, 1)
    assert rows[busy].absent is not None and rows[leader].absent is None


def test_only_the_teams_leader_sees_the_overview(team):
    with pytest.raises(PermissionDenied):
        selectors.team_overview(actor=act(DirectorFactory(team=team)), team=team)
    with pytest.raises(PermissionDenied):
        selectors.team_overview(actor=act(TeamLeaderFactory()), team=team)


def test_the_leader_registers_an_absence_on_the_page(client, team, leader):
    person = DirectorFactory(team=team)
    case = case_opened(team, 10, director=person)
    successor = DirectorFactory(team=team)
    client.force_login(leader)
    url = reverse("cases:absence_new", args=[team.uuid, person.uuid])
    page = client.get(url).content.decode()
    assert f"case-{case.uuid}-to" in page
    data = {
        "starts_on": TODAY.strftime("%d-%m-%Y"),
        "ends_on": "",
        "reason": "illness",
        f"case-{case.uuid}-to": "",
        f"case-{case.uuid}-told": "phone",
        f"case-{case.uuid}-note": "Graag bellen op dinsdag.",
    }
    missing = client.post(url, data)  # no new director: shown again, nothing lost
    assert missing.status_code == 200
    assert "Graag bellen op dinsdag." in missing.content.decode()
    data[f"case-{case.uuid}-to"] = str(successor.uuid)
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.director == successor
    letter = client.get(
        reverse("cases:handover_letter", args=[case.handovers.get().uuid])
    ).content.decode()
    assert escape(successor.get_full_name()) in letter
