# SPDX-License-Identifier: EUPL-1.2
"""The facts the access policy shares data on: consent and legal bases.

One organisation, a set of cases and requests, at most four queries: the
households' current members, the requests' persons, active consents of those
persons for the organisation, and legal bases for the organisation on those
cases or requests. Asked on every request, so a withdrawal counts at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone

from eenplan.access import policy
from eenplan.people.models import HouseholdMember, Person

from .models import Consent, LegalBasis


@policy.sharing_source
def facts(
    organisation_id: int | None,
    *,
    case_ids: Sequence[int] = (),
    request_ids: Sequence[int] = (),
) -> policy.SharingFacts:
    members: dict[int, set[int]] = {}
    if case_ids:
        for case_id, person_id in HouseholdMember.objects.filter(
            household__cases__in=case_ids, until__isnull=True
        ).values_list("household__cases", "person_id"):
            members.setdefault(case_id, set()).add(person_id)
    request_persons: dict[int, set[int]] = {}
    if request_ids:
        for request_id, person_id in Person.objects.filter(
            requests__in=request_ids
        ).values_list("requests", "pk"):
            request_persons.setdefault(request_id, set()).add(person_id)
    persons = set().union(*members.values(), *request_persons.values())
    consented: set[tuple[int, str]] = set()
    case_bases: set[tuple[int, str]] = set()
    request_bases: set[tuple[int, str]] = set()
    if organisation_id is not None and persons:
        consented = set(
            Consent.objects.active()
            .filter(person_id__in=persons, organisations=organisation_id)
            .values_list("person_id", "categories__code")
        )
    if organisation_id is not None and (case_ids or request_ids):
        today = timezone.localdate()
        for case_id, request_id, code in (
            LegalBasis.objects.filter(
                Q(case_id__in=case_ids) | Q(request_id__in=request_ids),
                organisation_id=organisation_id,
                valid_from__lte=today,
            )
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
            .values_list("case_id", "request_id", "categories__code")
        ):
            if case_id is not None:
                case_bases.add((case_id, code))
            else:
                request_bases.add((request_id, code))
    return policy.SharingFacts(
        members={k: frozenset(v) for k, v in members.items()},
        request_persons={k: frozenset(v) for k, v in request_persons.items()},
        consented=frozenset(consented),
        case_bases=frozenset(case_bases),
        request_bases=frozenset(request_bases),
    )
