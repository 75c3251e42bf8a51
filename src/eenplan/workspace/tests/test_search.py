# SPDX-License-Identifier: EUPL-1.2
"""Search results say whether the household has an open case, and who directs it.

Issue 8: the front desk could not see from the results that a household
already had a case, and so could start a second story for it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory
from eenplan.people.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def _results(client, **criteria):
    page = client.post(reverse("workspace:search"), criteria)
    assert page.status_code == 200
    text = page.content.decode()
    return text[text.index('id="results-heading"') :]


def test_a_household_with_an_open_case_shows_its_director(
    client, front_desk, household, director
):
    CaseFactory(household=household, director=director)
    client.force_login(front_desk)
    results = _results(client, postcode=household.postcode)
    assert household.address in results
    assert director.get_full_name() in results


def test_a_household_without_an_open_case_says_so(
    client, front_desk, household, director
):
    CaseFactory(household=household, director=director, closed=True)
    client.force_login(front_desk)
    results = _results(client, postcode=household.postcode)
    assert household.address in results
    assert director.get_full_name() not in results
    assert '<td class="utrecht-table__cell">Nee</td>' in results


def test_households_of_another_team_stay_out_of_the_results(
    client, front_desk, household, other_team
):
    elsewhere = HouseholdFactory(team=other_team, postcode=household.postcode)
    client.force_login(front_desk)
    results = _results(client, postcode=household.postcode)
    assert household.address in results
    assert elsewhere.address not in results


def test_the_results_cost_the_same_queries_for_one_or_many_households(
    client, front_desk, team, director
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            _results(client, postcode="2671AB")
        return len(queries)

    client.force_login(front_desk)
    first = HouseholdFactory(team=team, postcode="2671AB")
    CaseFactory(household=first, director=director)
    count()  # warm: the first page after the login saves the session
    one = count()
    for _ in range(5):
        CaseFactory(
            household=HouseholdFactory(team=team, postcode="2671AB"), director=director
        )
    assert count() == one


def test_a_name_of_only_short_words_is_refused_with_what_to_type(
    client, front_desk, household
):
    """At a million residents a search for "ab" read every person (3.7 s): a
    name needs one word of three letters, which the trigram index can use."""
    client.force_login(front_desk)
    before = AuditEntry.objects.count()
    page = client.post(reverse("workspace:search"), {"name": "de ab"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="id_name_error"' in text
    assert "ten minste drie letters" in text
    assert "Vul ten minste één veld in" not in text  # a field was filled in
    assert 'value="de ab"' in text  # what was typed stays in the field
    assert 'id="results-heading"' not in text
    assert AuditEntry.objects.count() == before  # nothing searched, nothing read


def test_a_short_word_beside_a_long_one_narrows_the_search(
    client, front_desk, household
):
    person = household.memberships.first().person
    client.force_login(front_desk)
    word = person.family_name.split()[-1]
    results = _results(client, name=f"{person.given_names[:2]} {word}")
    assert household.address in results


def test_a_short_name_with_a_date_of_birth_is_searched(client, front_desk, household):
    """Li, Xu, Ng: a real two-letter name is fine beside an indexed criterion."""
    person = household.memberships.first().person
    client.force_login(front_desk)
    results = _results(
        client,
        name=person.given_names[:2],
        birth_date=person.birth_date.strftime("%d-%m-%Y"),
    )
    assert household.address in results
