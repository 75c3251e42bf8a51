# SPDX-License-Identifier: EUPL-1.2
"""Reads of persons and households, always through the access policy."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Prefetch, Q
from django.db.models.functions import Upper

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.decisions import Decision
from eenplan.core.bsn import normalise_bsn

from .models import Household, HouseholdMember, Person


def current_members(household: Household) -> list[HouseholdMember]:
    """The household's current members, oldest first: as prefetched by
    `current_members_prefetch`, else in one query."""
    prefetched: list[HouseholdMember] | None = getattr(
        household, "current_members", None
    )
    if prefetched is not None:
        return prefetched
    return list(
        HouseholdMember.objects.filter(household=household, until__isnull=True)
        .select_related("person")
        .order_by("person__birth_date")
    )


@dataclass(frozen=True)
class HouseholdRead:
    """A household as one actor may see it: the members whose basic data flows to
    them, and how many are withheld."""

    household: Household
    access: Decision
    members: list[HouseholdMember]
    withheld: int

    @property
    def persons(self) -> list[Person]:
        return [m.person for m in self.members]


def current_members_prefetch(lookup: str = "memberships") -> Prefetch:
    """Prefetch a household's current members (oldest first) as `current_members`."""
    return Prefetch(
        lookup,
        queryset=HouseholdMember.objects.filter(until__isnull=True)
        .select_related("person")
        .order_by("person__birth_date"),
        to_attr="current_members",
    )


def household_search(
    *,
    actor: Actor,
    name: str = "",
    birth_date: datetime.date | None = None,
    postcode: str = "",
    house_number: int | None = None,
    bsn: str = "",
    limit: int = 25,
) -> list[Household]:
    """Find visible households by a member's name, date of birth or BSN, or by address.

    Every given criterion must match (AND). Returns an empty list when no
    criterion is given: we never list everyone.
    """
    person_q = Q()
    household_q = Q()
    if name:
        for word in name.split():
            person_q &= Q(person__given_names__icontains=word) | Q(
                person__family_name__icontains=word
            )
    if birth_date:
        person_q &= Q(person__birth_date=birth_date)
    if bsn:
        person_q &= Q(person__bsn=normalise_bsn(bsn))
    if postcode:
        household_q &= Q(postcode=postcode.replace(" ", "").upper())
    if house_number:
        household_q &= Q(house_number=house_number)
    if not person_q and not household_q:
        return []
    qs = policy.restrict(
        actor, Action.HOUSEHOLD_VIEW, Household.objects.filter(household_q)
    )
    if person_q:
        member_ids = HouseholdMember.objects.filter(
            person_q, until__isnull=True
        ).values("household_id")
        qs = qs.filter(pk__in=member_ids)
    # Sorted by an expression no index serves, on purpose: by the bare column,
    # PostgreSQL walks the address index of all households hoping to meet
    # `limit` matches early (0.3 to 5 s at a million residents). Postcodes are
    # stored in capitals, so the order is the same; the matches are found first
    # (by name through the trigram index, or by team) and only those sorted.
    households = list(
        qs.select_related("team")
        .prefetch_related(current_members_prefetch())
        .order_by(Upper("postcode"), "house_number", "pk")[:limit]
    )
    persons = [m.person for h in households for m in current_members(h)]
    if households:
        audit.record(actor=actor, action=Action.HOUSEHOLD_SEARCH, persons=persons)
    return households


def households_known(
    *, actor: Actor, postcode: str, house_number: int | None, bsns: list[str]
) -> list[Household]:
    """Households the actor may see at this address or with one of these BSNs:
    shown before registering a new one, so a known household is not registered
    twice. One search for the address and one per BSN typed (audited)."""
    found: dict[int, Household] = {}
    if postcode and house_number:
        for h in household_search(
            actor=actor, postcode=postcode, house_number=house_number
        ):
            found[h.pk] = h
    for bsn in bsns:
        for h in household_search(actor=actor, bsn=bsn):
            found[h.pk] = h
    return list(found.values())


def household_get(*, actor: Actor, uuid: UUID, then: Action | None = None) -> Household:
    """One household the actor may see; audited (see `household_read`)."""
    return household_read(actor=actor, uuid=uuid, then=then).household


def household_read(
    *, actor: Actor, uuid: UUID, then: Action | None = None
) -> HouseholdRead:
    """One household the actor may see, with its current members; audited.

    The members shown are those whose basic data the actor may see (all of them,
    except for a partner whose consent covers some members only). `then` is the
    action the page is for (register a request, record consent …): refused
    before anything is audited as read.
    """
    qs = Household.objects.select_related("team").prefetch_related(
        current_members_prefetch()
    )
    household = policy.get(actor, Action.HOUSEHOLD_VIEW, qs, uuid=uuid)
    decision = policy.require(actor, Action.HOUSEHOLD_VIEW, household)
    if then is not None:
        policy.require(actor, then, household)
    members = current_members(household)
    shown = [m for m in members if decision.covers(m.person_id)]
    audit.record(
        actor=actor,
        action=Action.HOUSEHOLD_VIEW,
        subject=household,
        persons=[m.person_id for m in shown],
        purpose=decision.purpose,
        break_glass=decision.break_glass,
    )
    return HouseholdRead(household, decision, shown, len(members) - len(shown))


PERSON_LOOKUP_LIMIT = 20


def person_lookup(
    *, name: str = "", birth_date: datetime.date | None = None, bsn: str = ""
) -> list[Person]:
    """Persons matching every given criterion (none given: nobody).

    Only for callers that asked the policy first and audit what they show:
    the privacy officer's audit trail and data export.
    """

    q = Q()
    for word in name.split():
        q &= Q(given_names__icontains=word) | Q(family_name__icontains=word)
    if birth_date:
        q &= Q(birth_date=birth_date)
    if bsn:
        q &= Q(bsn=normalise_bsn(bsn))
    if not q:
        return []
    return list(
        Person.objects.filter(q).order_by("family_name", "birth_date")[
            :PERSON_LOOKUP_LIMIT
        ]
    )
