# SPDX-License-Identifier: EUPL-1.2
"""Every age has a clear outcome under the age rules (issue 8).

A member born on 01-01-2030 was accepted, and from then on the household page
and the case page failed with `ValueError: No age rule covers age -4`. Such a
date of birth is refused now, and any that is already stored (or rules with a
gap) gives "age unknown: check the date of birth", never an error.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.access.tests.world import World
from eenplan.core.errors import DateOutOfRange
from eenplan.people import services as people_services
from eenplan.people.models import HouseholdMember, Person
from eenplan.privacy.domain import (
    CHILD,
    CHILD_AND_PARENTS,
    PARENTS,
    UNKNOWN,
    AgeRule,
    decides_explanation,
    given_by_allowed,
    who_decides,
)


@pytest.mark.parametrize("age", range(-10, 131))
def test_every_age_has_an_outcome(age):
    decides = who_decides(age)
    assert decides == (
        UNKNOWN
        if age < 0
        else PARENTS
        if age < 12
        else CHILD_AND_PARENTS
        if age < 16
        else CHILD
    )
    assert decides_explanation(decides, age)


def test_an_age_in_a_gap_of_the_rules_is_unknown_and_nobody_may_consent():
    rules = (AgeRule(0, 11, PARENTS), AgeRule(16, None, CHILD))
    assert who_decides(13, rules) == UNKNOWN
    assert not any(
        given_by_allowed(UNKNOWN, by) for by in ("person", "representative", "both")
    )


def test_an_adult_is_not_called_the_young_person():
    assert "jongere" not in decides_explanation(CHILD, 40).lower()
    assert "young person" not in decides_explanation(CHILD, 40).lower()


@pytest.mark.django_db
def test_a_member_born_in_the_future_is_refused_and_nothing_is_written(front_desk):
    household_count = HouseholdMember.objects.count()
    with pytest.raises(DateOutOfRange):
        people_services.household_create(
            actor=act(front_desk),
            team=front_desk.memberships.first().team,
            postcode="2671AB",
            house_number=3,
            members=[
                people_services.NewPerson(
                    given_names="Toekomst",
                    family_name="Kind",
                    birth_date=datetime.date(2030, 1, 1),
                    relation=HouseholdMember.Relation.CHILD,
                )
            ],
        )
    assert HouseholdMember.objects.count() == household_count
    assert not Person.objects.filter(given_names="Toekomst").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("born", [datetime.date(2030, 1, 1), datetime.date(1850, 1, 1)])
def test_pages_open_with_an_impossible_date_of_birth_already_stored(client, born):
    world = World("director")
    # Stored before dates were checked: bypass the service, as old data would.
    Person.objects.filter(pk=world.adult.pk).update(birth_date=born)
    client.force_login(world.director)
    household = client.get(
        reverse("workspace:household", kwargs={"uuid": world.case.household.uuid})
    )
    case = client.get(reverse("workspace:case", kwargs={"uuid": world.case.uuid}))
    consent = client.get(
        reverse(
            "privacy:consent_new",
            kwargs={
                "household_uuid": world.case.household.uuid,
                "person_uuid": world.adult.uuid,
            },
        )
    )
    assert (household.status_code, case.status_code, consent.status_code) == (
        200,
        200,
        200,
    )
    if born > timezone.localdate():
        assert "controleer de geboortedatum" in consent.content.decode().lower()
