# SPDX-License-Identifier: EUPL-1.2
"""Writes on consent, legal bases and break-the-glass access."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.core.errors import DateOutOfRange, InvalidChoice

from . import domain
from .errors import (
    AgeNotCovered,
    AlreadyReviewed,
    AlreadyWithdrawn,
    ConsentIncomplete,
    ExplanationRequired,
    ReasonRequired,
    RepresentativeRequired,
    ReviewNoteRequired,
    WithdrawalAskedByRequired,
    WrongConsentGiver,
)
from .models import AgeRule, BreakGlass, Consent, LegalBasis

BREAK_GLASS_HOURS = 8


def age_rules() -> list[domain.AgeRule]:
    return [
        domain.AgeRule(r.min_age, r.max_age, r.decides) for r in AgeRule.objects.all()
    ]


def who_decides(person, on: datetime.date, rules=None) -> str:
    return domain.who_decides(
        person.age_on(on), age_rules() if rules is None else rules
    )


def household_of(person):
    membership = person.household_memberships.filter(until__isnull=True).first()
    return membership.household if membership else None


@transaction.atomic
def consent_record(
    *,
    actor: Actor,
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
    household = household_of(person)
    policy.require(actor, Action.CONSENT_RECORD, household)
    organisations, categories = list(organisations), list(categories)
    if not organisations or not categories:
        raise ConsentIncomplete()
    if (
        given_how not in Consent.GivenHow.values
        or given_by not in Consent.GivenBy.values
    ):
        raise InvalidChoice()
    allowed = domain.consent_given_on_range(timezone.localdate(), person.birth_date)
    if given_on not in allowed:
        raise DateOutOfRange("given_on", allowed)
    decides = who_decides(person, given_on)
    if decides == domain.UNKNOWN:
        raise AgeNotCovered()
    if not domain.given_by_allowed(decides, given_by):
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
        recorded_by=actor.acting_user,
    )
    consent.organisations.set(organisations)
    consent.categories.set(categories)
    audit.record(
        actor=actor,
        action=Action.CONSENT_RECORD,
        subject=consent,
        persons=[person],
        legal_basis="consent",
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    actor: Actor,
    consent: Consent,
    asked_by: str,
    asked_on: datetime.date,
    note: str = "",
) -> Consent:
    """Withdraw consent as the person (or their representative) asked; data stops
    flowing to the organisations at once."""
    policy.require(actor, Action.CONSENT_RECORD, household_of(consent.person))
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise AlreadyWithdrawn()
    if not asked_by.strip():
        raise WithdrawalAskedByRequired()
    allowed = domain.withdrawal_asked_on_range(timezone.localdate(), consent.given_on)
    if asked_on not in allowed:
        raise DateOutOfRange("asked_on", allowed)
    consent.withdrawn_on = timezone.localdate()
    consent.withdrawn_by = actor.acting_user
    consent.withdrawal_note = note.strip()
    consent.withdrawal_asked_by = asked_by.strip()
    consent.withdrawal_asked_on = asked_on
    consent.save(
        update_fields=[
            "withdrawn_on",
            "withdrawn_by",
            "withdrawal_note",
            "withdrawal_asked_by",
            "withdrawal_asked_on",
        ]
    )
    audit.record(
        actor=actor,
        action=Action.CONSENT_WITHDRAW,
        subject=consent,
        persons=[consent.person_id],
        legal_basis="consent",
    )
    return consent


@transaction.atomic
def legal_basis_record(
    *,
    actor: Actor,
    law: str,
    organisation,
    categories,
    explanation: str,
    case=None,
    request=None,
) -> LegalBasis:
    """Record the statutory task that sharing with `organisation` rests on: for a
    case (its director), or for a request routed to the organisation at triage."""
    if (case is None) == (request is None):
        raise ValueError("A legal basis is for a case or for a request.")
    if case is not None:
        policy.require(actor, Action.LEGAL_BASIS_RECORD, case)
    else:
        policy.require(actor, Action.REQUEST_TRIAGE, request)
    if law not in LegalBasis.Law.values:
        raise InvalidChoice()
    categories = list(categories)
    if not categories:
        raise ConsentIncomplete()
    if not explanation.strip():
        raise ExplanationRequired()
    basis = LegalBasis.objects.create(
        case=case,
        request=request,
        law=law,
        organisation=organisation,
        explanation=explanation.strip(),
        recorded_by=actor.acting_user,
    )
    basis.categories.set(categories)
    subject = case if case is not None else request
    audit.record(
        actor=actor,
        action=Action.LEGAL_BASIS_RECORD,
        subject=subject,
        persons=subject.concerned_person_ids(),
        legal_basis=law,
    )
    return basis


@transaction.atomic
def legal_basis_end(*, actor: Actor, basis: LegalBasis) -> LegalBasis:
    """End a case's legal basis (one recorded for a routed request stays)."""
    if basis.case is None:
        raise InvalidChoice()
    policy.require(actor, Action.LEGAL_BASIS_RECORD, basis.case)
    basis.ended_on = timezone.localdate()
    basis.save(update_fields=["ended_on"])
    audit.record(
        actor=actor,
        action=Action.LEGAL_BASIS_END,
        subject=basis.case,
        persons=basis.case.concerned_person_ids(),
        legal_basis=basis.law,
    )
    return basis


@transaction.atomic
def break_glass_open(*, actor: Actor, case, reason: str) -> BreakGlass:
    """Emergency access to a case without a relation: allowed, marked, reviewed.

    Takes effect from the actor's next request (the actor of this one was
    built before it).
    """
    policy.require(actor, Action.CASE_BREAK_GLASS, case)
    if len(reason.strip()) < 10:
        raise ReasonRequired()
    access = BreakGlass.objects.create(
        user=actor.acting_user,
        case=case,
        reason=reason.strip(),
        expires_at=timezone.now() + datetime.timedelta(hours=BREAK_GLASS_HOURS),
    )
    audit.record(
        actor=actor,
        action=Action.CASE_BREAK_GLASS,
        subject=case,
        persons=case.concerned_person_ids(),
        break_glass=True,
        reason=access.reason,
    )
    return access


@transaction.atomic
def break_glass_review(
    *, actor: Actor, access: BreakGlass, verdict: str, note: str
) -> BreakGlass:
    """The privacy officer records a verdict on an emergency access, with a note.
    A not justified access stays on the list for follow-up."""
    policy.require(actor, Action.PRIVACY_REVIEW)
    if verdict not in BreakGlass.Verdict.values:
        raise InvalidChoice()
    if not note.strip():
        raise ReviewNoteRequired()
    access = BreakGlass.objects.select_for_update().get(pk=access.pk)
    if access.reviewed_at is not None:
        raise AlreadyReviewed()
    access.reviewed_by = actor.acting_user
    access.reviewed_at = timezone.now()
    access.review_note = note.strip()
    access.verdict = verdict
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_note", "verdict"])
    audit.record(
        actor=actor,
        action=Action.PRIVACY_BREAK_GLASS_REVIEW,
        subject=access,
        persons=access.case.concerned_person_ids(),
    )
    return access
