# SPDX-License-Identifier: EUPL-1.2
"""Reads of consent, legal bases and emergency accesses."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from eenplan import audit
from eenplan.core.errors import NotFoundOrForbidden

from . import policy, services
from .models import BreakGlass, Consent, LegalBasis


def consents_of(*, persons) -> dict[int, list[Consent]]:
    """Consents (active and withdrawn) per person id, newest first; two queries."""
    result: dict[int, list[Consent]] = {p.pk: [] for p in persons}
    for consent in (
        Consent.objects.filter(person__in=persons)
        .prefetch_related("organisations", "categories")
        .order_by("-given_on", "-created_at")
    ):
        result[consent.person_id].append(consent)
    return result


def consent_overview(*, household, persons) -> list[dict]:
    """Per member: who decides at their age, and their consents."""
    today = timezone.localdate()
    by_person = consents_of(persons=persons)
    return [
        {
            "person": person,
            "decides": services.who_decides(person, today),
            "consents": by_person[person.pk],
        }
        for person in persons
    ]


def legal_bases_of(*, case) -> list[LegalBasis]:
    return list(
        LegalBasis.objects.filter(case=case)
        .select_related("organisation")
        .prefetch_related("categories")
        .order_by("-valid_from")
    )


def consent_get(*, actor, uuid) -> Consent:
    consent = (
        Consent.objects.filter(
            uuid=uuid, person__in=policy.visible_persons(actor).values("pk")
        )
        .select_related("person")
        .first()
    )
    if consent is None:
        raise NotFoundOrForbidden()
    return consent


def break_glass_list(*, actor) -> list[BreakGlass]:
    """Every emergency access, unreviewed first, for the privacy officer."""
    policy.require(actor, "privacy.review")
    accesses = list(
        BreakGlass.objects.select_related(
            "user__organisation", "case__household", "reviewed_by"
        )
        .prefetch_related(Prefetch("case__household__memberships"))
        .order_by("reviewed_at", "-created_at")
    )
    audit.record(
        actor=actor,
        action="privacy.break_glass_list",
        persons=[
            m.person_id
            for a in accesses
            for m in a.case.household.memberships.all()
            if m.until is None
        ],
    )
    return accesses
