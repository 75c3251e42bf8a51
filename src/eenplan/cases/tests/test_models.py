# SPDX-License-Identifier: EUPL-1.2
"""Database constraints behind the case invariants, bypassing the services."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from eenplan.cases.models import Case, Involvement
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_a_second_open_case_for_a_household(open_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            household=open_case.household,
            team=open_case.team,
            director=open_case.director,
        )
    assert Case.objects.filter(household=open_case.household).count() == 1


def test_database_allows_a_new_open_case_after_the_previous_one_closed(open_case):
    Case.objects.filter(pk=open_case.pk).update(
        status=Case.Status.CLOSED,
        closed_on=datetime.date(2025, 1, 31),
        closure_reason=Case.ClosureReason.GOALS_REACHED,
    )
    again = Case.objects.create(
        household=open_case.household,
        team=open_case.team,
        director=open_case.director,
    )
    assert again.is_open
    assert Case.objects.open().filter(household=open_case.household).get() == again


def test_database_allows_many_closed_cases_for_a_household(household, director):
    CaseFactory(household=household, director=director, closed=True)
    CaseFactory(household=household, director=director, closed=True)
    CaseFactory(household=household, director=director)
    assert Case.objects.filter(household=household).count() == 3


def test_database_refuses_a_case_without_a_director(household):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(household=household, team=household.team, director=None)


def test_database_refuses_removing_the_director_of_a_case(open_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=open_case.pk).update(director=None)


def test_database_refuses_a_closed_case_without_a_date(open_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=open_case.pk).update(
            status=Case.Status.CLOSED, closure_reason=Case.ClosureReason.MOVED
        )


def test_database_refuses_a_closed_case_without_a_reason(open_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=open_case.pk).update(
            status=Case.Status.CLOSED, closed_on=datetime.date(2025, 1, 31)
        )


def test_database_refuses_an_open_case_with_a_closing_date(open_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=open_case.pk).update(closed_on=datetime.date(2025, 1, 1))


def test_a_closed_case_with_date_and_reason_is_stored():
    case = CaseFactory(closed=True)
    case.refresh_from_db()
    assert not case.is_open
    assert case.closed_on is not None
    assert case.closure_reason == Case.ClosureReason.GOALS_REACHED


def test_database_refuses_the_same_professional_twice_on_a_case(open_case):
    involvement = InvolvementFactory(case=open_case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(
            case=open_case, professional=involvement.professional, role="tweede keer"
        )


def test_a_professional_may_return_to_a_case_after_an_ended_involvement(open_case):
    first = InvolvementFactory(case=open_case, until=datetime.date(2025, 2, 1))
    again = InvolvementFactory(case=open_case, professional=first.professional)
    assert again.until is None
