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
from eenplan.access.errors import Hidden
from eenplan.cases.models import Case
from eenplan.cases.selectors import case_get
from eenplan.people.models import Person

from .models import JournalEntry, Referral


@dataclass(frozen=True)
class Report:
    """A report as read: its current version, and the earlier versions it
    corrects (newest first; empty when it was never corrected)."""

    current: JournalEntry
    earlier: list[JournalEntry]
    correctable: bool = False

    @property
    def first(self) -> JournalEntry:
        return self.earlier[-1] if self.earlier else self.current


def journal_for(
    *, actor: Actor, case: Case, shares: policy.Sharing | None = None
) -> list[Report]:
    """The reports of `case` the actor may read, in one query: the journal
    category by `shares` (the case's sharing for the actor, asked when not
    given), and confidential entries only inside the author's organisation.

    Each report is its current version with its earlier versions; a correction
    has the confidentiality of what it corrects, so a chain is read whole or
    not at all. Ordered by the date of the first version, newest first."""
    if shares is None:
        shares = policy.sharing_of(actor, case)
    if not shares.allows(Category.JOURNAL):
        return []
    entries = [
        e
        for e in JournalEntry.objects.filter(case=case).select_related(
            "author", "organisation"
        )
        if not e.confidential or e.organisation_id == actor.organisation_id
    ]
    by_id = {e.pk: e for e in entries}
    corrected = {e.corrects_id for e in entries if e.corrects_id is not None}
    writing = case.is_open and bool(policy.can(actor, Action.JOURNAL_CREATE, case))
    reports = []
    for entry in entries:
        if entry.pk in corrected:
            continue  # an earlier version: shown under its current one
        earlier = []
        link = by_id.get(entry.corrects_id) if entry.corrects_id else None
        while link is not None:
            earlier.append(link)
            link = by_id.get(link.corrects_id) if link.corrects_id else None
        reports.append(
            Report(entry, earlier, writing and entry.author_id == actor.user_id)
        )
    reports.sort(key=lambda r: (r.first.written_on, r.first.created_at), reverse=True)
    return reports


def journal_entry_get(*, actor: Actor, uuid: UUID, then: Action) -> JournalEntry:
    """One report the actor may read and `then` (correct); a report they may
    not read is a 404, like one that does not exist, and one they may read but
    not `then` a 403, both before anything is read. Reading the case is
    audited by `case_get`."""
    entry = (
        JournalEntry.objects.select_related("case", "author").filter(uuid=uuid).first()
    )
    if entry is None or not policy.can(actor, Action.JOURNAL_VIEW, entry):
        raise Hidden(Action.JOURNAL_VIEW, "collaboration.journalentry")
    # Refused before anything is read, so a refusal is audited once, alone.
    policy.require(actor, then, entry)
    entry.case = case_get(actor=actor, uuid=entry.case.uuid)
    return entry


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
        "answered_by__organisation",  # who answered, shown once it is
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
