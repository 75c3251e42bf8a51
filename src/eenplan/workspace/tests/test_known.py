# SPDX-License-Identifier: EUPL-1.2
"""Already known, and who is involved (Bekendheid; issue 11, part 3).

A search result says whether the household has an open case and who directs
it, always (so nobody opens a second case), and which other organisations are
involved only to those the household's request and plan flow to: that a GGZ
organisation is involved is itself sensitive.
"""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eenplan.access.actions import Action
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.workspace.selectors import household_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def ggz_case(household, director, other_team):
    case = CaseFactory(household=household, director=director)
    ggz = OrganisationFactory(name="GGZ Kust", kind="mental_health")
    InvolvementFactory(
        case=case,
        professional=ProfessionalFactory(team=other_team, organisation=ggz),
    )
    return case


def _results(client, **criteria):
    page = client.post(reverse("workspace:search"), criteria)
    assert page.status_code == 200
    text = page.content.decode()
    return text[text.index('id="results-heading"') :]


def test_the_front_desk_sees_the_director_but_not_which_partner_is_involved(
    client, front_desk, ggz_case
):
    client.force_login(front_desk)
    results = _results(client, postcode=ggz_case.household.postcode)
    assert html.escape(ggz_case.director.get_full_name()) in results
    assert html.escape(str(ggz_case.director.organisation)) in results
    assert "GGZ Kust" not in results
    assert "Er zijn ook andere organisaties betrokken." in results or (
        "Other organisations are involved too." in results
    )


def test_the_team_leader_sees_the_involved_organisations_by_name(
    client, team_leader, ggz_case
):
    client.force_login(team_leader)
    results = _results(client, postcode=ggz_case.household.postcode)
    assert "GGZ Kust" in results


def test_the_selector_names_organisations_only_with_the_case_file_shared(
    front_desk, team_leader, ggz_case
):
    postcode = ggz_case.household.postcode
    [desk] = household_search(actor=act(front_desk), postcode=postcode)
    [leader] = household_search(actor=act(team_leader), postcode=postcode)
    assert desk.open_cases == [ggz_case] == leader.open_cases
    assert desk.known[0].organisations == [] and desk.known[0].others_involved
    assert [str(o) for o in leader.known[0].organisations] == ["GGZ Kust"]
    assert not leader.known[0].others_involved


def test_a_colleague_of_the_directors_organisation_is_no_other_organisation(
    front_desk, household, director, team
):
    CaseFactory(household=household, director=director)
    case = household.cases.get()
    InvolvementFactory(
        case=case,
        professional=ProfessionalFactory(team=team, organisation=director.organisation),
    )
    [found] = household_search(actor=act(front_desk), postcode=household.postcode)
    assert found.known[0].organisations == [] and not found.known[0].others_involved


def test_an_unknown_household_shows_nothing_more(client, front_desk, household):
    client.force_login(front_desk)
    results = _results(client, postcode=household.postcode)
    assert "Other organisations" not in results and "andere organisaties" not in results
    [found] = household_search(actor=act(front_desk), postcode=household.postcode)
    assert found.known == []


def test_the_search_audits_the_persons_it_shows(front_desk, ggz_case):
    household_search(actor=act(front_desk), postcode=ggz_case.household.postcode)
    entry = AuditEntry.objects.get(action=Action.HOUSEHOLD_SEARCH)
    assert set(entry.person_ids) == set(ggz_case.concerned_person_ids())


def test_the_search_costs_the_same_queries_for_one_or_twenty_results(
    client, team_leader, team, director, other_team
):
    ggz = OrganisationFactory(name="GGZ", kind="mental_health")

    def household_with_case():
        case = CaseFactory(
            household=HouseholdFactory(team=team, postcode="2671AB"), director=director
        )
        InvolvementFactory(
            case=case,
            professional=ProfessionalFactory(team=other_team, organisation=ggz),
        )

    def count():
        with CaptureQueriesContext(connection) as queries:
            _results(client, postcode="2671AB")
        return len(queries)

    client.force_login(team_leader)
    household_with_case()
    count()  # warm the session and content types
    one = count()
    for _ in range(19):
        household_with_case()
    assert count() == one == SEARCH_QUERIES


# Pinned: the session and the actor, the search with its members, the audit
# entry, the open cases, their involvements and the sharing facts (the session
# itself is saved once a minute, not here: SessionRefreshMiddleware).
SEARCH_QUERIES = 10


# Registering a household that is already known


def _registration(team, postcode, house_number, bsn=""):
    return {
        "postcode": postcode,
        "house_number": str(house_number),
        "house_number_suffix": "",
        "street": "Dorpsstraat",
        "city": "Naaldwijk",
        "team": str(team.pk),
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "1",
        "person-MAX_NUM_FORMS": "12",
        "person-0-given_names": "Anna",
        "person-0-family_name": "Jansen",
        "person-0-birth_date": "01-02-1980",
        "person-0-relation": "parent",
        "person-0-bsn": bsn,
        "person-0-phone": "",
    }


def test_registering_at_a_known_address_shows_the_household_first(
    client, front_desk, team, household
):
    from eenplan.people.models import Household

    client.force_login(front_desk)
    url = reverse("people:household_new")
    data = _registration(team, household.postcode, household.house_number)
    before = Household.objects.count()
    page = client.post(url, data)
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("workspace:household", args=[household.uuid]) in text
    assert 'name="register_anyway"' in text
    assert Household.objects.count() == before
    response = client.post(url, {**data, "register_anyway": "1"})
    assert response.status_code == 302
    assert Household.objects.count() == before + 1


def test_registering_a_new_address_goes_straight_through(client, front_desk, team):
    from eenplan.people.models import Household

    client.force_login(front_desk)
    before = Household.objects.count()
    response = client.post(
        reverse("people:household_new"), _registration(team, "9999ZZ", 7)
    )
    assert response.status_code == 302
    assert Household.objects.count() == before + 1


def test_the_household_page_names_partner_professionals_only_with_the_case_file(
    client, front_desk, team_leader, ggz_case
):
    partner = ggz_case.involvements.get().professional
    url = reverse("workspace:household", args=[ggz_case.household.uuid])
    client.force_login(front_desk)
    text = client.get(url).content.decode()
    section = text[text.index('id="involved-heading"') :]
    assert html.escape(ggz_case.director.get_full_name()) in section
    assert "GGZ Kust" not in section and html.escape(str(partner)) not in section
    assert "Other organisations are involved too." in section or (
        "Er zijn ook andere organisaties betrokken." in section
    )
    client.force_login(team_leader)
    section = client.get(url).content.decode()
    assert "GGZ Kust" in section and html.escape(str(partner)) in section
