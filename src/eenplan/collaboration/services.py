# SPDX-License-Identifier: EUPL-1.2
"""Writes on the case journal and on referrals."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.cases.models import Involvement
from eenplan.core.errors import InvalidChoice
from eenplan.privacy import policy

from .errors import (
    AnswerDateInPast,
    DeclineNeedsReasonAndAdvice,
    EmptyReport,
    NoSharingBasis,
)
from .models import JournalEntry, Referral


@transaction.atomic
def journal_add(*, actor, case, text: str, confidential: bool = False) -> JournalEntry:
    """Write a report once for everyone who needs to know it."""
    policy.require(actor, "journal.create", case)
    if not text.strip():
        raise EmptyReport()
    entry = JournalEntry.objects.create(
        case=case,
        author=actor,
        organisation_id=actor.organisation_id,
        text=text.strip(),
        confidential=confidential,
    )
    audit.record(
        actor=actor,
        action="journal.create",
        subject=entry,
        persons=case.household.members(),
    )
    return entry


@transaction.atomic
def referral_send(
    *, actor, case, to_organisation, question: str, answer_by: datetime.date
) -> Referral:
    """Ask another organisation to take part; it sees only this until it accepts."""
    policy.require(actor, "referral.create", case)
    if answer_by < timezone.localdate():
        raise AnswerDateInPast()
    if not policy.shared_with(
        to_organisation.pk, case, policy.CASE_FILE, case.household.members()
    ):
        raise NoSharingBasis()
    referral = Referral.objects.create(
        case=case,
        sent_by=actor,
        to_organisation=to_organisation,
        question=question.strip(),
        answer_by=answer_by,
    )
    audit.record(
        actor=actor,
        action="referral.create",
        subject=referral,
        persons=case.household.members(),
    )
    return referral


@transaction.atomic
def referral_answer(
    *,
    actor,
    referral: Referral,
    accept: bool,
    role: str = "",
    decline_reason: str = "",
    advice: str = "",
) -> Referral:
    """Accept (the answering professional becomes involved) or decline with advice."""
    policy.require(actor, "referral.answer", referral)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.SENT:
        raise InvalidChoice()
    if not accept and not (decline_reason.strip() and advice.strip()):
        raise DeclineNeedsReasonAndAdvice()
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.answered_by = actor
    referral.answered_at = timezone.now()
    referral.decline_reason = decline_reason.strip()
    referral.advice = advice.strip()
    referral.save()
    if (
        accept
        and not Involvement.objects.filter(
            case=referral.case, professional=actor, until__isnull=True
        ).exists()
    ):
        # The accepting professional joins the case; what they then see of it
        # is what consent or a legal basis allows for their organisation.
        Involvement.objects.create(
            case=referral.case,
            professional=actor,
            role=role.strip() or str(referral.to_organisation),
        )
        policy.forget_relations(actor)
    audit.record(
        actor=actor,
        action="referral.accept" if accept else "referral.decline",
        subject=referral,
        persons=referral.case.household.members(),
    )
    return referral
