# SPDX-License-Identifier: EUPL-1.2
"""Factories for residents and households.

PersonFactory()                 an adult with a valid, unique BSN
PersonFactory(child=True)       under 18
PersonFactory(without_bsn=True)
HouseholdFactory()              one adult member
HouseholdFactory(members__adults=2, members__children=1)
HouseholdFactory(members=[person, ...])
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from faker import Faker

from eenplan.core.tests.factories import next_bsn
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.models import Household, HouseholdMember, Person

_fake = Faker("nl_NL")


def _years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    class Params:
        child = factory.Trait(
            birth_date=factory.Faker(
                "date_between_dates",
                date_start=_years_ago(17, days=300),
                date_end=_years_ago(1),
            )
        )
        without_bsn = factory.Trait(bsn="")

    given_names = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    birth_date = factory.Faker(
        "date_between_dates",
        date_start=_years_ago(80),
        date_end=_years_ago(19),
    )
    bsn = factory.LazyFunction(next_bsn)
    phone = factory.Faker("phone_number")
    email = factory.Faker("email")


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = Household
        skip_postgeneration_save = True

    # Stored the way household_create normalises it: "1234AB".
    postcode = factory.LazyFunction(lambda: _fake.postcode().replace(" ", ""))
    house_number = factory.Faker("random_int", min=1, max=300)
    street = factory.Faker("street_name")
    city = factory.Faker("city")
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def members(obj, create, extracted, adults=1, children=0, **kwargs):
        """Link the `extracted` persons, or create `adults` and `children`."""
        if not create:
            return
        if extracted is not None:
            for person in extracted:
                relation = (
                    HouseholdMember.Relation.PARENT
                    if person.is_adult_on(timezone.localdate())
                    else HouseholdMember.Relation.CHILD
                )
                HouseholdMemberFactory(household=obj, person=person, relation=relation)
            return
        family_name = _fake.last_name()
        adult_relation = (
            HouseholdMember.Relation.PARENT
            if children
            else HouseholdMember.Relation.PARTNER
        )
        for _ in range(adults):
            HouseholdMemberFactory(
                household=obj,
                person__family_name=family_name,
                relation=adult_relation,
            )
        for _ in range(children):
            HouseholdMemberFactory(
                household=obj,
                person=PersonFactory(child=True, family_name=family_name),
                relation=HouseholdMember.Relation.CHILD,
            )


class HouseholdMemberFactory(DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory, members=[])
    person = factory.SubFactory(PersonFactory)
    relation = HouseholdMember.Relation.PARENT


def members_of(household: Household) -> list[Person]:
    """The current members of `household`, oldest first."""
    return list(
        Person.objects.filter(
            household_memberships__household=household,
            household_memberships__until__isnull=True,
        ).order_by("birth_date", "pk")
    )
