# SPDX-License-Identifier: EUPL-1.2
"""Writes on the case journal and on referrals."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.cases import services as case_services
from eenplan.cases.models import Case
from eenplan.core.errors import DateOutOfRange
from eenplan.inbox.models import Notification
from eenplan.inbox.services import notify
from eenplan.organisations.models import IntakePoint
from eenplan.privacy.models import LegalBasis

from .domain import answer_by_range
from .errors import (
    AlreadyCorrected,
    CorrectionNeedsReason,
    CorrectionUnchanged,
    DeclineNeedsReasonAndAdvice,
    EmptyReport,
    NoIntakeForReferral,
    NoSharingBasis,
    ReferralAlreadyAnswered,
    ReferralAlreadyOpen,
    ReferralIncomplete,
)
from .models import JournalEntry, Referral


@transaction.atomic
def journal_add(
    *, actor: Actor, case, text: str, confidential: bool = False
) -> JournalEntry:
    """Write a report once for everyone who needs to know it."""
    policy.require(actor, Action.JOURNAL_CREATE, case)
    case_services.require_open(case)
    if not text.strip():
        raise EmptyReport()
    entry = JournalEntry.objects.create(
        case=case,
        author=actor.acting_user,
        organisation_id=actor.organisation_id,
        text=text.strip(),
        confidential=confidential,
    )
    audit.record(
        actor=actor,
        action=Action.JOURNAL_CREATE,
        subject=entry,
        persons=case.concerned_person_ids(),
    )
    return entry


@transaction.atomic
def journal_correct(
    *, actor: Actor, entry: JournalEntry, text: str, reason: str
) -> JournalEntry:
    """Correct a report by a new version, never by changing it: the earlier
    text stays as written (the database refuses to change it) and readable.

    Only the author corrects (the policy); the new version keeps the original's
    confidentiality and organisation, so it reaches exactly the same readers.
    Only the latest version is corrected, once, on an open case, with a reason.
    """
    policy.require(actor, Action.JOURNAL_CORRECT, entry)
    entry = (
        JournalEntry.objects.select_for_update().select_related("case").get(pk=entry.pk)
    )
    case_services.require_open(entry.case)
    if JournalEntry.objects.filter(corrects=entry).exists():
        raise AlreadyCorrected()
    if not reason.strip():
        raise CorrectionNeedsReason()
    if not text.strip():
        raise EmptyReport()
    if text.strip() == entry.text:
        raise CorrectionUnchanged()
    try:
        with transaction.atomic():
            correction = JournalEntry.objects.create(
                case=entry.case,
                author=actor.acting_user,
                organisation_id=entry.organisation_id,
                text=text.strip(),
                confidential=entry.confidential,
                corrects=entry,
                correction_reason=reason.strip(),
            )
    except IntegrityError as exc:  # a concurrent correction won the one-to-one
        raise AlreadyCorrected() from exc
    audit.record(
        actor=actor,
        action=Action.JOURNAL_CORRECT,
        subject=correction,
        persons=entry.case.concerned_person_ids(),
    )
    return correction


def shares_case_file(case, organisation) -> bool:
    """Whether the household's request and plan may flow to `organisation`: a
    legal basis on the case, or the consent of every member."""
    shared = policy.organisation_sharing(organisation.pk, [case])[case.pk]
    return shared.allows(Category.CASE_FILE)


def _legal_basis_for(case, organisation) -> LegalBasis | None:
    """An active legal basis on the case that lets its request and plan flow to
    `organisation`, if any (else the sharing rests on consent)."""
    today = timezone.localdate()
    return (
        LegalBasis.objects.filter(
            case=case,
            organisation=organisation,
            categories__code=Category.CASE_FILE,
            valid_from__lte=today,
        )
        .exclude(ended_on__lte=today)
        .order_by("-valid_from", "-pk")
        .first()
    )


@transaction.atomic
def referral_send(
    *,
    actor: Actor,
    case,
    to_organisation,
    question: str,
    reason: str,
    answer_by: datetime.date,
    tried: str = "",
    recommendation: str = "",
) -> Referral:
    """Ask another organisation's intake for the case's team to take part: the
    question, the reason, what was tried, the sender's advice and the date to
    answer by. The receiver sees only the referral until it accepts, and only
    while consent or a legal basis lets the household's request and plan flow
    to it; which of the two it rests on is recorded. The intake is told.
    One open referral per organisation and case: a second (a form sent twice,
    from the browser's back button) is refused, under a lock on the case."""
    policy.require(actor, Action.REFERRAL_CREATE, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    case_services.require_open(case)
    if not question.strip() or not reason.strip():
        raise ReferralIncomplete()
    allowed = answer_by_range(timezone.localdate())
    if answer_by not in allowed:
        raise DateOutOfRange("answer_by", allowed)
    if not IntakePoint.objects.filter(
        organisation=to_organisation, team_id=case.team_id
    ).exists():
        raise NoIntakeForReferral()
    if not shares_case_file(case, to_organisation):
        raise NoSharingBasis()
    if Referral.objects.filter(
        case=case, to_organisation=to_organisation, status=Referral.Status.SENT
    ).exists():
        raise ReferralAlreadyOpen()
    referral = Referral.objects.create(
        case=case,
        sent_by=actor.acting_user,
        to_organisation=to_organisation,
        question=question.strip(),
        reason=reason.strip(),
        tried=tried.strip(),
        recommendation=recommendation.strip(),
        legal_basis=_legal_basis_for(case, to_organisation),
        answer_by=answer_by,
    )
    audit.record(
        actor=actor,
        action=Action.REFERRAL_CREATE,
        subject=referral,
        persons=case.concerned_person_ids(),
    )
    notify(
        recipients=IntakePoint.objects.filter(
            organisation=to_organisation, team_id=case.team_id
        ).values_list("staff", flat=True),
        kind=Notification.Kind.REFERRAL_RECEIVED,
        key=f"referral:{referral.uuid}",
        url=reverse("collaboration:referral", args=[referral.uuid]),
        about_date=answer_by,
    )
    return referral


@transaction.atomic
def referral_answer(
    *,
    actor: Actor,
    referral: Referral,
    accept: bool,
    role: str = "",
    reason: str = "",
    decline_reason: str = "",
    advice: str = "",
) -> Referral:
    """Accept (the answering professional joins the case, by the cases app's
    rules: a third at the kitchen table needs a reason) or decline with advice."""
    policy.require(actor, Action.REFERRAL_ANSWER, referral)
    referral = (
        Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
    )
    if referral.status != Referral.Status.SENT:
        raise ReferralAlreadyAnswered()
    if not accept and not (decline_reason.strip() and advice.strip()):
        raise DeclineNeedsReasonAndAdvice()
    # The receiver may be on the case already: at the table, or its director
    # (a referral to the director's own organisation); then accepting adds no one.
    on_the_case = referral.case.director_id == actor.user_id or (
        referral.case.involvements.filter(
            professional_id=actor.user_id, until__isnull=True
        ).exists()
    )
    if accept and not on_the_case:
        # What the new professional then sees of the case is what consent or a
        # legal basis allows for their organisation.
        case_services.involvement_add(
            actor=actor,
            case=referral.case,
            professional=actor.acting_user,
            role=role.strip() or str(referral.to_organisation),
            reason=reason,
        )
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.answered_by = actor.acting_user
    referral.answered_at = timezone.now()
    referral.decline_reason = decline_reason.strip()
    referral.advice = advice.strip()
    referral.save()
    audit.record(
        actor=actor,
        action=Action.REFERRAL_ACCEPT if accept else Action.REFERRAL_DECLINE,
        subject=referral,
        persons=referral.case.concerned_person_ids(),
    )
    # The sender is told either way, and the director when someone else sent it.
    notify(
        recipients={referral.sent_by_id, referral.case.director_id},
        kind=Notification.Kind.REFERRAL_ACCEPTED
        if accept
        else Notification.Kind.REFERRAL_DECLINED,
        key=f"referral_answered:{referral.uuid}",
        url=reverse("collaboration:referral", args=[referral.uuid]),
    )
    return referral
