# SPDX-License-Identifier: EUPL-1.2
"""Reads of persons and households, always through the access policy."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet

from eenplan import audit
from eenplan.core.bsn import normalise_bsn
from eenplan.privacy import policy

from .models import Household, HouseholdMember


def current_members_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=HouseholdMember.objects.filter(until__isnull=True)
        .select_related("person")
        .order_by("person__birth_date"),
        to_attr="current_members",
    )


def household_search(
    *,
    actor,
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
    qs = policy.visible_households(actor).filter(household_q)
    if person_q:
        member_ids = HouseholdMember.objects.filter(
            person_q, until__isnull=True
        ).values("household_id")
        qs = qs.filter(pk__in=member_ids)
    households = list(
        qs.select_related("team").prefetch_related(current_members_prefetch())[:limit]
    )
    persons = [m.person for h in households for m in h.current_members]
    if households:
        audit.record(actor=actor, action="household.search", persons=persons)
    return households


def household_get(*, actor, uuid) -> Household:
    """One visible household with its current members; audited as a read."""
    qs: QuerySet = policy.visible_households(actor).select_related("team")
    household = policy.require_visible(
        qs.prefetch_related(current_members_prefetch()), uuid=uuid
    )
    audit.record(
        actor=actor,
        action="household.view",
        subject=household,
        persons=[m.person for m in household.current_members],
    )
    return household
