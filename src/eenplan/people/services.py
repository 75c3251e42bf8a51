# SPDX-License-Identifier: EUPL-1.2
"""Writes on persons and households."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.core.bsn import normalise_bsn
from eenplan.core.errors import DateOutOfRange, InvalidChoice
from eenplan.organisations.models import Team

from .domain import birth_date_range
from .errors import DuplicateBsn
from .models import Household, HouseholdMember, Person


@dataclass(frozen=True)
class NewPerson:
    given_names: str
    family_name: str
    birth_date: datetime.date
    relation: str
    bsn: str = ""
    phone: str = ""
    email: str = ""


def _person_create(data: NewPerson) -> Person:
    allowed = birth_date_range(timezone.localdate())
    if data.birth_date not in allowed:
        raise DateOutOfRange("birth_date", allowed)
    bsn = normalise_bsn(data.bsn)
    if bsn and Person.objects.filter(bsn=bsn).exists():
        raise DuplicateBsn()
    if data.relation not in HouseholdMember.Relation.values:
        raise InvalidChoice()
    person = Person(
        given_names=data.given_names.strip(),
        family_name=data.family_name.strip(),
        birth_date=data.birth_date,
        bsn=bsn,
        phone=data.phone,
        email=data.email,
    )
    person.full_clean(validate_unique=False)
    try:
        with transaction.atomic():  # a concurrent insert of the same BSN loses here
            person.save()
    except IntegrityError as exc:
        raise DuplicateBsn() from exc
    return person


@transaction.atomic
def household_create(
    *,
    actor: Actor,
    team: Team,
    postcode: str,
    house_number: int,
    house_number_suffix: str = "",
    street: str = "",
    city: str = "",
    members: list[NewPerson],
) -> Household:
    """Register a new household at an address, with its first members."""
    policy.require(actor, Action.HOUSEHOLD_CREATE, team)
    household = Household.objects.create(
        team=team,
        postcode=postcode.replace(" ", "").upper(),
        house_number=house_number,
        house_number_suffix=house_number_suffix.strip(),
        street=street.strip(),
        city=city.strip(),
    )
    persons = []
    for data in members:
        person = _person_create(data)
        HouseholdMember.objects.create(
            household=household, person=person, relation=data.relation
        )
        persons.append(person)
    audit.record(
        actor=actor, action=Action.HOUSEHOLD_CREATE, subject=household, persons=persons
    )
    return household


@transaction.atomic
def household_member_add(
    *, actor: Actor, household: Household, data: NewPerson
) -> Person:
    """Add a new person to an existing household."""
    policy.require(actor, Action.HOUSEHOLD_MEMBER_ADD, household)
    person = _person_create(data)
    HouseholdMember.objects.create(
        household=household, person=person, relation=data.relation
    )
    audit.record(
        actor=actor,
        action=Action.HOUSEHOLD_MEMBER_ADD,
        subject=household,
        persons=[person],
    )
    return person
