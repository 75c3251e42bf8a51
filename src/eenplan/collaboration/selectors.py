# SPDX-License-Identifier: EUPL-1.2
"""Reads of the journal and referrals, through the access policy."""

from __future__ import annotations

from eenplan import audit
from eenplan.core.errors import NotFoundOrForbidden
from eenplan.privacy import policy

from .models import JournalEntry, Referral


def journal_for(*, actor, case) -> list[JournalEntry]:
    """The entries of `case` the user may read (confidential ones stay in-house)."""
    entries = (
        JournalEntry.objects.filter(case=case)
        .select_related("author", "organisation")
        .order_by("-written_on", "-created_at")
    )
    return [e for e in entries if policy.can(actor, "journal.view", e)]


def referrals_for(*, case) -> list[Referral]:
    return list(
        Referral.objects.filter(case=case).select_related(
            "to_organisation", "sent_by", "answered_by"
        )
    )


def referrals_received(*, actor) -> list[Referral]:
    """Open referrals to the user's organisation: the receivers' queue."""
    if not actor.organisation_id:
        return []
    return list(
        Referral.objects.filter(
            to_organisation_id=actor.organisation_id, status=Referral.Status.SENT
        )
        .select_related("case__household", "sent_by")
        .order_by("answer_by")
    )


def referral_get(*, actor, uuid) -> Referral:
    """A referral for its receivers (content only) or for those on the case."""
    referral = (
        Referral.objects.filter(uuid=uuid)
        .select_related("case__household", "case__director", "to_organisation")
        .first()
    )
    if referral is None:
        raise NotFoundOrForbidden()
    decision = policy.can(actor, "referral.view", referral)
    if not decision:
        raise NotFoundOrForbidden()
    audit.record(
        actor=actor,
        action="referral.view",
        subject=referral,
        persons=referral.case.household.members(),
        purpose=decision.relation,
        break_glass=decision.break_glass,
    )
    return referral
