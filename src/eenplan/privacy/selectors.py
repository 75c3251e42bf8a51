# SPDX-License-Identifier: EUPL-1.2
"""Reads of consent, legal bases and emergency accesses."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.errors import Hidden
from eenplan.people.models import Household

from . import domain, services
from .models import BreakGlass, Consent, LegalBasis


def consented(*, persons, organisation, category: str) -> bool:
    """Whether every one of `persons` has active consent to share `category`
    data with `organisation` (one query)."""
    ids = {getattr(p, "pk", p) for p in persons}
    if not ids:
        return False
    given = set(
        Consent.objects.active()
        .filter(
            person_id__in=ids,
            organisations=getattr(organisation, "pk", organisation),
            categories__code=category,
        )
        .values_list("person_id", flat=True)
    )
    return ids <= given


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
    rules = services.age_rules()
    by_person = consents_of(persons=persons)
    return [
        {
            "person": person,
            "decides": domain.decides_label(services.who_decides(person, today, rules)),
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


def consent_get(*, actor: Actor, uuid, then: Action | None = None) -> Consent:
    """A consent of a person in a household the actor may see; `then` is the
    action the page is for (withdrawing it), refused before it is audited."""
    households = policy.restrict(actor, Action.HOUSEHOLD_VIEW, Household.objects.all())
    consent = (
        Consent.objects.filter(
            uuid=uuid,
            person__household_memberships__household__in=households,
            person__household_memberships__until__isnull=True,
        )
        .select_related("person")
        .first()
    )
    if consent is None:
        raise Hidden(Action.CONSENT_WITHDRAW, "privacy.consent")
    if then is not None:
        policy.require(actor, then, services.household_of(consent.person))
    audit.record(
        actor=actor,
        action=Action.CONSENT_VIEW,
        subject=consent,
        persons=[consent.person_id],
        legal_basis="consent",
    )
    return consent


def break_glass_list(*, actor: Actor) -> list[BreakGlass]:
    """Every emergency access for the privacy officer: to review first, then
    those judged not justified (for follow-up), then the justified ones."""
    policy.require(actor, Action.PRIVACY_REVIEW)
    accesses = list(
        BreakGlass.objects.select_related(
            "user__organisation", "case__household", "reviewed_by"
        )
        .prefetch_related(Prefetch("case__household__memberships"))
        .order_by(
            models.Case(
                models.When(reviewed_at__isnull=True, then=0),
                models.When(verdict=BreakGlass.Verdict.NOT_JUSTIFIED, then=1),
                default=2,
            ),
            "-created_at",
        )
    )
    audit.record(
        actor=actor,
        action=Action.PRIVACY_BREAK_GLASS_LIST,
        persons=[
            m.person_id
            for a in accesses
            for m in a.case.household.memberships.all()
            if m.until is None
        ],
    )
    return accesses
