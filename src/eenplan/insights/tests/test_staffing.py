# SPDX-License-Identifier: EUPL-1.2
"""Staffing: committed against delivered hours, the weekly time registration,
and the accountability report as a page and a PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import (
    DirectorFactory,
    ProfessionalFactory,
    UserFactory,
)
from eenplan.cases import services as case_services
from eenplan.cases.errors import FutureWeek
from eenplan.cases.models import TimeEntry
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import InvalidChoice
from eenplan.insights import figures
from eenplan.insights.figures import Scope
from eenplan.organisations.models import Commitment
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.people.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _scope(**kwargs):
    return Scope(TODAY() - datetime.timedelta(days=90), TODAY(), **kwargs)


def test_committed_against_delivered_hours_per_organisation():
    team = TeamFactory()
    ggz = OrganisationFactory(name="GGZ Noord", kind="mental_health")
    ProfessionalFactory(team=team, organisation=ggz)  # 32 hours in the team
    Commitment.objects.create(
        organisation=ggz,
        team=team,
        hours_per_week=Decimal("40"),
        valid_from=TODAY() - datetime.timedelta(days=365),
    )
    result = figures.commitments(_scope(team_id=team.pk))
    key = (team.pk, ggz.pk)
    hours = result.table.cell(key, "delivered").value
    assert result.table.cell(key, "committed").value == Decimal("40")
    assert result.table.cell(key, "difference").value == hours - Decimal("40")
    assert result.table.shown(key, "committed")  # staff hours: never hidden


def test_a_week_of_hours_is_written_and_written_again_replaces_it():
    team = TeamFactory()
    director = DirectorFactory(team=team)
    case = CaseFactory(household=HouseholdFactory(team=team), director=director)
    monday = case_services.week_of(TODAY())
    case_services.time_week_record(
        actor=act(director),
        team_id=team.pk,
        week=TODAY(),
        direct={case.pk: Decimal("6")},
        indirect={"consultation": Decimal("2"), "travel": Decimal("1.5")},
    )
    assert TimeEntry.objects.filter(week=monday).count() == 3
    case_services.time_week_record(
        actor=act(director),
        team_id=team.pk,
        week=monday,
        direct={case.pk: Decimal("4")},
        indirect={},
    )
    assert list(TimeEntry.objects.values_list("kind", "hours")) == [
        ("direct", Decimal("4.00"))
    ]
    result = figures.time_spent(_scope(team_id=team.pk))
    assert result.table.cell(team.pk, "direct").value == Decimal("4.00")
    # One household's direct time: hidden.
    assert not result.table.shown(team.pk, "direct")


def test_hours_only_on_own_cases_and_not_ahead():
    team = TeamFactory()
    director = DirectorFactory(team=team)
    other = CaseFactory(household=HouseholdFactory(team=team))
    with pytest.raises(InvalidChoice):
        case_services.time_week_record(
            actor=act(director),
            team_id=team.pk,
            week=TODAY(),
            direct={other.pk: Decimal("1")},
            indirect={},
        )
    with pytest.raises(FutureWeek):
        case_services.time_week_record(
            actor=act(director),
            team_id=team.pk,
            week=TODAY() + datetime.timedelta(days=7),
            direct={},
            indirect={"travel": Decimal("1")},
        )


def test_the_week_form_takes_hours_and_refuses_bad_ones(client):
    team = TeamFactory()
    director = DirectorFactory(team=team)
    case = CaseFactory(household=HouseholdFactory(team=team), director=director)
    client.force_login(director)
    url = reverse("workspace:time")
    page = client.get(url)
    assert page.status_code == 200 and f"case-{case.uuid}" in page.content.decode()
    data = {
        "team": str(team.uuid),
        "week": TODAY().strftime("%d-%m-%Y"),
        f"case-{case.uuid}": "5,5",
        "kind-coordination": "abc",
    }
    bad = client.post(url, data)
    assert bad.status_code == 200 and "kind-coordination" in bad.context["form"].errors
    data["kind-coordination"] = "1"
    assert client.post(url, data).status_code == 302
    assert TimeEntry.objects.count() == 2


def test_the_accountability_report_as_a_page_and_a_pdf(client):
    team = TeamFactory(name="Wijkteam Oost")
    ggz = OrganisationFactory(name="GGZ Oost", kind="mental_health")
    ProfessionalFactory(team=team, organisation=ggz)
    Commitment.objects.create(
        organisation=ggz, team=team, hours_per_week=Decimal("24"), valid_from=TODAY()
    )
    client.force_login(UserFactory(function="management"))
    query = {"organisation": str(ggz.uuid), "year": TODAY().year, "quarter": "1"}
    page = client.get(reverse("insights:accountability"), query)
    assert page.status_code == 200
    pdf = client.get(reverse("insights:accountability_pdf"), query)
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "GGZ Oost" in text and "Wijkteam Oost" in text
