# SPDX-License-Identifier: EUPL-1.2
"""Writes on consent, legal bases and break-the-glass access."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.core.errors import InvalidChoice

from . import domain, policy
from .errors import (
    AlreadyWithdrawn,
    ConsentIncomplete,
    ExplanationRequired,
    ReasonRequired,
    RepresentativeRequired,
    WrongConsentGiver,
)
from .models import AgeRule, BreakGlass, Consent, LegalBasis


def age_rules() -> list[domain.AgeRule]:
    return [
        domain.AgeRule(r.min_age, r.max_age, r.decides) for r in AgeRule.objects.all()
    ]


def who_decides(person, on: datetime.date) -> str:
    return domain.who_decides(person.age_on(on), age_rules())


def _household_of(person):
    membership = person.household_memberships.filter(until__isnull=True).first()
    return membership.household if membership else None


@transaction.atomic
def consent_record(
    *,
    actor,
    person,
    organisations,
    categories,
    purpose: str,
    given_on: datetime.date,
    given_how: str,
    given_by: str,
    representative_name: str = "",
) -> Consent:
    """Record a person's consent, checking who may give it at their age."""
    household = _household_of(person)
    policy.require(actor, "consent.record", household)
    organisations, categories = list(organisations), list(categories)
    if not organisations or not categories:
        raise ConsentIncomplete()
    if (
        given_how not in Consent.GivenHow.values
        or given_by not in Consent.GivenBy.values
    ):
        raise InvalidChoice()
    if not domain.given_by_allowed(who_decides(person, given_on), given_by):
        raise WrongConsentGiver()
    if given_by != Consent.GivenBy.PERSON and not representative_name.strip():
        raise RepresentativeRequired()
    consent = Consent.objects.create(
        person=person,
        purpose=purpose.strip(),
        given_on=given_on,
        given_how=given_how,
        given_by=given_by,
        representative_name=representative_name.strip(),
        recorded_by=actor,
    )
    consent.organisations.set(organisations)
    consent.categories.set(categories)
    audit.record(
        actor=actor,
        action="consent.record",
        subject=consent,
        persons=[person],
        legal_basis="consent",
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, note: str = "") -> Consent:
    """Withdraw consent; data stops flowing to the organisations at once."""
    policy.require(actor, "consent.record", _household_of(consent.person))
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise AlreadyWithdrawn()
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawn_by = actor
    consent.withdrawal_note = note.strip()
    consent.save(update_fields=["withdrawn_on", "withdrawn_by", "withdrawal_note"])
    audit.record(
        actor=actor,
        action="consent.withdraw",
        subject=consent,
        persons=[consent.person_id],
        legal_basis="consent",
    )
    return consent


@transaction.atomic
def legal_basis_record(
    *, actor, case, law: str, organisation, categories, explanation: str
) -> LegalBasis:
    """Record the statutory task that sharing with `organisation` rests on."""
    policy.require(actor, "legal_basis.record", case)
    if law not in LegalBasis.Law.values:
        raise InvalidChoice()
    categories = list(categories)
    if not categories:
        raise ConsentIncomplete()
    if not explanation.strip():
        raise ExplanationRequired()
    basis = LegalBasis.objects.create(
        case=case,
        law=law,
        organisation=organisation,
        explanation=explanation.strip(),
        recorded_by=actor,
    )
    basis.categories.set(categories)
    audit.record(
        actor=actor,
        action="legal_basis.record",
        subject=case,
        persons=case.household.members(),
        legal_basis=law,
    )
    return basis


@transaction.atomic
def legal_basis_end(*, actor, basis: LegalBasis) -> LegalBasis:
    policy.require(actor, "legal_basis.record", basis.case)
    basis.ended_on = timezone.localdate()
    basis.save(update_fields=["ended_on"])
    audit.record(
        actor=actor,
        action="legal_basis.end",
        subject=basis.case,
        persons=basis.case.household.members(),
        legal_basis=basis.law,
    )
    return basis


@transaction.atomic
def break_glass_open(*, actor, case, reason: str) -> BreakGlass:
    """Emergency access to a case without a relation: allowed, marked, reviewed."""
    policy.require(actor, "case.break_glass", case)
    if len(reason.strip()) < 10:
        raise ReasonRequired()
    access = BreakGlass.objects.create(
        user=actor,
        case=case,
        reason=reason.strip(),
        expires_at=timezone.now() + datetime.timedelta(hours=policy.BREAK_GLASS_HOURS),
    )
    policy.forget_relations(actor)
    audit.record(
        actor=actor,
        action="case.break_glass",
        subject=case,
        persons=case.household.members(),
        break_glass=True,
        reason=access.reason,
    )
    return access


@transaction.atomic
def break_glass_review(*, actor, access: BreakGlass, note: str) -> BreakGlass:
    """The privacy officer marks an emergency access as reviewed."""
    policy.require(actor, "privacy.review")
    access.reviewed_by = actor
    access.reviewed_at = timezone.now()
    access.review_note = note.strip()
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    audit.record(
        actor=actor,
        action="privacy.break_glass_review",
        subject=access,
        persons=access.case.household.members(),
    )
    return access
