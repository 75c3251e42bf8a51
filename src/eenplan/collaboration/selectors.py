# SPDX-License-Identifier: EUPL-1.2
"""Reads of the journal and referrals, through the access policy."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Relation
from eenplan.cases.models import Case
from eenplan.people.models import Person

from .models import JournalEntry, Referral


def journal_for(
    *, actor: Actor, case: Case, shares: policy.Sharing | None = None
) -> list[JournalEntry]:
    """The entries of `case` the actor may read, in one query: the journal
    category by `shares` (the case's sharing for the actor, asked when not
    given), and confidential entries only inside the author's organisation."""
    if shares is None:
        shares = policy.sharing_of(actor, case)
    if not shares.allows(Category.JOURNAL):
        return []
    entries = (
        JournalEntry.objects.filter(case=case)
        .select_related("author", "organisation")
        .order_by("-written_on", "-created_at")
    )
    return [
        e
        for e in entries
        if not e.confidential or e.organisation_id == actor.organisation_id
    ]


def referrals_for(*, case: Case) -> list[Referral]:
    return list(
        Referral.objects.filter(case=case).select_related(
            "to_organisation", "sent_by", "answered_by"
        )
    )


def referrals_received(*, actor: Actor) -> list[Referral]:
    """Open referrals to the actor's organisation's intake: the receivers' queue."""
    return list(
        policy.restrict(
            actor,
            Action.REFERRAL_ANSWER,
            Referral.objects.filter(status=Referral.Status.SENT),
        )
        .select_related("case__household", "sent_by")
        .order_by("answer_by")
    )


@dataclass(frozen=True)
class ReferralRead:
    """A referral as one actor may see it: about whom, as far as shared."""

    referral: Referral
    access: Decision
    persons: list[Person]
    withheld: int


def referral_get(*, actor: Actor, uuid: UUID) -> ReferralRead:
    """A referral for its receivers (content only) or for those on the case."""
    qs = Referral.objects.select_related(
        "case__household",
        "case__director",
        "to_organisation",
        "sent_by",
        "legal_basis",
    )
    referral = policy.get(actor, Action.REFERRAL_VIEW, qs, uuid=uuid)
    decision = policy.require(actor, Action.REFERRAL_VIEW, referral)
    if decision.relation == Relation.RECEIVER:
        shares = policy.receiver_sharing(actor, [referral.case])[referral.case_id]
    else:
        shares = policy.sharing_of(actor, referral.case)
    members = referral.case.household.members()
    shown = [p for p in members if shares.allows(Category.BASIC, [p.pk])]
    audit.record(
        actor=actor,
        action=Action.REFERRAL_VIEW,
        subject=referral,
        persons=[p.pk for p in shown],
        purpose=decision.purpose,
        break_glass=decision.break_glass,
    )
    return ReferralRead(referral, decision, shown, len(members) - len(shown))
