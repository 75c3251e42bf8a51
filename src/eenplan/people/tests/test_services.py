# SPDX-License-Identifier: EUPL-1.2
"""Registering households and persons; BSN rules on the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.audit.models import AuditEntry
from eenplan.core.errors import PermissionDenied
from eenplan.people import selectors, services
from eenplan.people.errors import DuplicateBsn
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.people.tests.factories import (
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    members_of,
)

pytestmark = pytest.mark.django_db


def new_person(**kwargs):
    data = {
        "given_names": "Fatima",
        "family_name": "El Amrani",
        "birth_date": datetime.date(1985, 4, 12),
        "relation": HouseholdMember.Relation.PARENT,
        "bsn": "",
    }
    data.update(kwargs)
    return services.NewPerson(**data)


def create(actor, team, members, **kwargs):
    return services.household_create(
        actor=act(actor),
        team=team,
        postcode=kwargs.pop("postcode", "2671 ab"),
        house_number=kwargs.pop("house_number", 12),
        street=" Dorpsstraat ",
        city="Naaldwijk",
        members=members,
        **kwargs,
    )


def test_front_desk_registers_a_household_with_its_members(front_desk, team):
    household = create(
        front_desk,
        team,
        [
            new_person(bsn="111 222 333"),
            new_person(
                given_names="Noor",
                birth_date=datetime.date(2015, 1, 1),
                relation=HouseholdMember.Relation.CHILD,
            ),
        ],
    )
    assert household.postcode == "2671AB"
    assert household.street == "Dorpsstraat"
    members = members_of(household)
    assert [p.given_names for p in members] == ["Fatima", "Noor"]
    assert members[0].bsn == "111222333"
    assert members[1].bsn == ""
    entry = AuditEntry.objects.get(action="household.create")
    assert entry.person_ids == sorted(p.pk for p in members)
    assert "111222333" not in str(entry.person_ids)


def test_an_eight_digit_bsn_is_stored_with_its_leading_zero(front_desk, team):
    household = create(front_desk, team, [new_person(bsn="10000008")])
    assert members_of(household)[0].bsn == "010000008"


def test_a_bsn_that_fails_the_elfproef_is_refused(front_desk, team):
    with pytest.raises(ValidationError) as info:
        create(front_desk, team, [new_person(bsn="123456781")])
    assert "bsn" in info.value.message_dict
    assert not Household.objects.exists()
    assert not Person.objects.exists()


def test_a_known_bsn_is_refused_so_the_person_is_searched_instead(front_desk, team):
    PersonFactory(bsn="123456782")
    with pytest.raises(DuplicateBsn):
        create(front_desk, team, [new_person(bsn="123.456.782")])
    assert not Household.objects.exists()


def test_a_professional_cannot_register_a_household(professional, team):
    with pytest.raises(PermissionDenied):
        create(professional, team, [new_person()])


def test_adding_a_member_to_a_household(front_desk, household):
    before = len(members_of(household))
    person = services.household_member_add(
        actor=act(front_desk), household=household, data=new_person(bsn="111222333")
    )
    assert len(members_of(household)) == before + 1
    assert AuditEntry.objects.get(action="household.member_add").person_ids == [
        person.pk
    ]


# Database constraints and model rules


def test_database_refuses_two_persons_with_one_bsn():
    PersonFactory(bsn="111222333")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(bsn="111222333")


def test_many_persons_may_have_no_bsn():
    PersonFactory(without_bsn=True)
    PersonFactory(without_bsn=True)
    assert Person.objects.filter(bsn="").count() == 2


def test_a_person_lives_in_one_household_at_a_time():
    member = HouseholdMemberFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdMemberFactory(person=member.person)


def test_a_person_may_move_to_another_household():
    member = HouseholdMemberFactory(until=datetime.date(2025, 1, 1))
    moved = HouseholdMemberFactory(person=member.person)
    assert moved.until is None


@pytest.mark.parametrize(
    ("day", "age", "adult"),
    [
        (datetime.date(2025, 6, 2), 17, False),
        (datetime.date(2025, 6, 3), 18, True),
        (datetime.date(2026, 1, 1), 18, True),
    ],
)
def test_age_and_adulthood_turn_on_the_birthday(day, age, adult):
    person = Person(birth_date=datetime.date(2007, 6, 3))
    assert person.age_on(day) == age
    assert person.is_adult_on(day) is adult


def test_factory_persons_are_adults_and_children_as_asked():
    today = timezone.localdate()
    assert PersonFactory().is_adult_on(today)
    assert not PersonFactory(child=True).is_adult_on(today)


# Search


def test_search_finds_a_visible_household_by_bsn(front_desk, household):
    person = members_of(household)[0]
    found = selectors.household_search(actor=act(front_desk), bsn=person.bsn)
    assert found == [household]
    assert AuditEntry.objects.filter(action="household.search").count() == 1


def test_search_does_not_find_a_household_of_another_team(front_desk, other_team):
    elsewhere = HouseholdFactory(team=other_team)
    person = members_of(elsewhere)[0]
    assert selectors.household_search(actor=act(front_desk), bsn=person.bsn) == []


def test_search_without_criteria_lists_nobody(front_desk, household):
    assert selectors.household_search(actor=act(front_desk)) == []
    assert not AuditEntry.objects.exists()
