# SPDX-License-Identifier: EUPL-1.2
"""The kitchen table and staffing (issue 11, part 4): contact professionals,
the peak per household, expertise and caseload of candidates."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import DirectorFactory, ProfessionalFactory
from eenplan.assessments import services as assessment_services
from eenplan.assessments.models import LifeDomain
from eenplan.assessments.tests.factories import full_scores
from eenplan.cases import domain, services
from eenplan.cases.errors import ThirdProfessionalNeedsReason
from eenplan.cases.selectors import candidates, kitchen_table_figures
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.organisations.models import Expertise, Membership
from eenplan.organisations.tests.factories import give_expertise
from eenplan.people.tests.factories import members_of

pytestmark = pytest.mark.django_db


def _involve(case, professional, **kwargs):
    return services.involvement_add(
        actor=act(case.director),
        case=case,
        professional=professional,
        role="x",
        **kwargs,
    )


# Pure rules


def test_the_kitchen_table_arithmetic():
    assert not domain.needs_reason_for_contact(1)
    assert domain.needs_reason_for_contact(2)
    assert domain.second_worker_until(datetime.date(2026, 1, 1)) == datetime.date(
        2026, 2, 12
    )
    assert domain.cases_per_ten_hours(6, 24) == 2.5
    assert domain.cases_per_ten_hours(3, 0) is None
    assert domain.cases_per_ten_hours(3, None) is None
    assert domain.troubled_domains(
        {"financien": 2, "huisvesting": 3, "justitie": 1}
    ) == {
        "financien",
        "justitie",
    }
    assert domain.matching_domains({"financien", "werk-opleiding"}, {"financien"}) == {
        "financien"
    }


# Contacts at the table


def test_a_background_professional_needs_no_reason_and_does_not_count(open_case):
    _involve(open_case, ProfessionalFactory())
    background = _involve(open_case, ProfessionalFactory(), at_kitchen_table=False)
    assert not background.at_kitchen_table and background.reason == ""
    open_case.refresh_from_db()
    assert open_case.kitchen_table_peak == 2
    with pytest.raises(ThirdProfessionalNeedsReason):
        _involve(open_case, ProfessionalFactory())
    _involve(open_case, ProfessionalFactory(), reason="Acute zorgen")
    open_case.refresh_from_db()
    assert open_case.kitchen_table_peak == 3


def test_the_peak_stays_when_a_contact_leaves(open_case):
    second = _involve(open_case, ProfessionalFactory())
    services.involvement_end(actor=act(open_case.director), involvement=second)
    _involve(open_case, ProfessionalFactory())
    open_case.refresh_from_db()
    assert open_case.kitchen_table_peak == 2


def test_a_second_worker_has_a_planned_end_six_weeks_ahead(open_case):
    worker = _involve(open_case, ProfessionalFactory(), second_worker=True)
    assert worker.planned_until == timezone.localdate() + datetime.timedelta(weeks=6)
    assert worker.until is None
    other = _involve(open_case, ProfessionalFactory(), at_kitchen_table=False)
    assert other.planned_until is None


def test_the_kitchen_table_figure(team):
    CaseFactory(team=team, household__team=team, kitchen_table_peak=1)
    CaseFactory(team=team, household__team=team, kitchen_table_peak=3)
    figures = kitchen_table_figures(team_ids=[team.pk])
    assert figures["cases"] == 2
    assert figures["average_peak"] == 2
    assert figures["above_limit"] == 1


def test_the_case_page_shows_who_sits_at_the_table(client, open_case):
    contact = _involve(open_case, ProfessionalFactory())
    background = _involve(open_case, ProfessionalFactory(), at_kitchen_table=False)
    client.force_login(open_case.director)
    page = client.get(reverse("workspace:case", args=[open_case.uuid])).content.decode()
    table = page[page.index('id="involved-list"') : page.index('id="background-list"')]
    assert html.escape(str(contact.professional)) in table
    assert html.escape(str(background.professional)) not in table
    assert html.escape(str(background.professional)) in page


def test_the_form_adds_a_background_professional_without_a_reason(client, open_case):
    _involve(open_case, ProfessionalFactory())
    professional = ProfessionalFactory(team=open_case.team)
    client.force_login(open_case.director)
    response = client.post(
        reverse("cases:involvement_add", args=[open_case.uuid]),
        {"professional": professional.pk, "role": "jurist", "background": "on"},
    )
    assert response.status_code == 302
    assert not open_case.involvements.get(professional=professional).at_kitchen_table


# Candidates: caseload against hours, expertise against domains in trouble


def test_candidates_show_caseload_hours_and_expertise_matching_the_zrm(
    open_case, team, life_domains
):
    Membership.objects.filter(user=open_case.director, team=team).update(
        hours_per_week=24
    )
    debt = DirectorFactory(team=team)
    Membership.objects.filter(user=debt, team=team).update(hours_per_week=32)
    give_expertise(debt, "debt", "ggz")
    CaseFactory(team=team, household__team=team, director=debt)
    InvolvementFactory(
        case=CaseFactory(team=team, household__team=team), professional=debt
    )
    person = members_of(open_case.household)[0]
    assessment_services.assessment_record(
        actor=act(open_case.director),
        case=open_case,
        person=person,
        kind="intake",
        assessed_on=timezone.localdate(),
        scores=full_scores(4, financien=1),
    )
    found = candidates(team=team, case=open_case, directors_only=True)
    assert [d.code for d in found.troubled] == ["financien"]
    rows = {c.user: c for c in found.rows}
    assert rows[debt].directed == 1 and rows[debt].involved == 1
    assert rows[debt].caseload == 2 and rows[debt].per_ten_hours == 0.6
    assert [e.name for e in rows[debt].expertise] == ["GGZ", "Schulden"]
    assert [d.code for d in rows[debt].matches] == ["financien"]
    director = rows[open_case.director]
    assert director.directed == 1 and director.per_ten_hours == round(10 / 24, 1)
    assert director.matches == []


def test_the_latest_zrm_counts_not_an_earlier_one(open_case, team, life_domains):
    person = members_of(open_case.household)[0]
    earlier = timezone.localdate() - datetime.timedelta(days=10)
    for day, level in ((earlier, 1), (timezone.localdate(), 4)):
        assessment_services.assessment_record(
            actor=act(open_case.director),
            case=open_case,
            person=person,
            kind="intake" if level == 1 else "review",
            assessed_on=day,
            scores=full_scores(level),
        )
    assert candidates(team=team, case=open_case).troubled == []


def test_without_a_zrm_the_request_screening_counts(team, life_domains):
    from eenplan.intake.models import Screening, ScreeningScore
    from eenplan.intake.tests.factories import RequestFactory

    request = RequestFactory(household__team=team)
    screening = Screening.objects.create(
        request=request, screened_by=request.registered_by
    )
    ScreeningScore.objects.create(
        screening=screening, domain=LifeDomain.objects.get(code="huisvesting"), level=2
    )
    found = candidates(team=team, request=request)
    assert [d.code for d in found.troubled] == ["huisvesting"]


def test_candidates_cost_the_same_queries_for_a_small_and_a_large_team(
    open_case, team, life_domains
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            candidates(team=team, case=open_case, directors_only=True)
        return len(queries)

    one = count()
    for _ in range(10):
        user = DirectorFactory(team=team)
        give_expertise(user, "youth", "wmo")
        CaseFactory(team=team, household__team=team, director=user)
    assert count() == one == CANDIDATE_QUERIES
    assert len(candidates(team=team, directors_only=True).rows) == 11


# Memberships, cases directed, involvements, expertise held, the fields of
# expertise with their domains (2), the latest ZRM scores; the screening of
# the case's request is one more when the case came from a request.
CANDIDATE_QUERIES = 7


@pytest.mark.parametrize("page", ["director", "involvement_add"])
def test_the_pages_show_the_candidates(client, open_case, team, team_leader, page):
    other = DirectorFactory(team=team)
    give_expertise(other, "debt")
    client.force_login(team_leader)
    text = client.get(reverse(f"cases:{page}", args=[open_case.uuid])).content.decode()
    section = text[text.index('id="candidates"') :]
    assert html.escape(str(other)) in section
    assert Expertise.objects.get(code="debt").name in section


def test_the_open_page_shows_the_candidates(
    client, request_awaiting_director, team, team_leader
):
    other = DirectorFactory(team=team)
    client.force_login(team_leader)
    text = client.get(
        reverse("cases:open", args=[request_awaiting_director.uuid])
    ).content.decode()
    assert html.escape(str(other)) in text[text.index('id="candidates"') :]


def test_a_second_worker_past_the_six_weeks_is_on_the_directors_work_list(open_case):
    from eenplan.workspace.selectors import my_work

    worker = _involve(open_case, ProfessionalFactory(), second_worker=True)
    assert my_work(actor=act(open_case.director))["second_workers"] == []
    worker.planned_until = timezone.localdate()
    worker.save(update_fields=["planned_until"])
    assert my_work(actor=act(open_case.director))["second_workers"] == [worker]
    services.involvement_end(actor=act(open_case.director), involvement=worker)
    assert my_work(actor=act(open_case.director))["second_workers"] == []
