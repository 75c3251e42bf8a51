# SPDX-License-Identifier: EUPL-1.2
"""Reads of consultations and escalations, through the access policy.

What a participant sees of an agenda case is what their relation to the case
gives, widened by what consent or a legal basis lets flow to their
organisation (`agenda_sharing`): being invited opens the consultation, never
the file. The agenda question and the outcome are the household's request and
plan (category "Request and plan"); the address is basic data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Relation
from eenplan.access.errors import Hidden
from eenplan.cases.models import Case
from eenplan.people.models import HouseholdMember

from .models import AgendaItem, AgreedAction, Consultation, Escalation, Outcome

# Relations from outside the case's team: what flows is their organisation's.
OUTSIDE = frozenset({Relation.NONE, Relation.INVOLVED_EXTERNAL})


def agenda_sharing(actor: Actor, cases: Sequence[Any]) -> dict[int, policy.Sharing]:
    """Per agenda case, what flows to the actor, as the policy says for their
    relation: everything for a full relation, the basic data for a member of
    the case's team (as on every page: the team works under one mandate);
    for anyone from outside the team (a partner on the case, or a participant
    without a relation) what consent or a legal basis allows for their
    organisation. No query for those inside the team; one lookup of the
    sharing facts for all the others, whatever their number."""
    relations = {case.pk: actor.relation_to(case) for case in cases}
    outside = [case for case in cases if relations[case.pk] in OUTSIDE]
    shares = policy.sharing(
        actor, [case for case in cases if relations[case.pk] not in OUTSIDE]
    )
    if not outside:
        return shares
    if actor.organisation_id is None:
        shares.update({case.pk: policy.NOTHING for case in outside})
        return shares
    org = policy.organisation_sharing(
        actor.organisation_id, outside, relation=Relation.PARTICIPANT
    )
    for case in outside:
        found = org[case.pk]
        relation = relations[case.pk]
        shares[case.pk] = policy.Sharing(
            relation if relation != Relation.NONE else Relation.PARTICIPANT,
            found.persons,
            found.open,
            found.consented,
        )
    return shares


def _members_by_household(household_ids: Iterable[int]) -> dict[int, list[int]]:
    rows = HouseholdMember.objects.filter(
        household_id__in=set(household_ids), until__isnull=True
    ).values_list("household_id", "person_id")
    members: dict[int, list[int]] = {}
    for household_id, person_id in rows:
        members.setdefault(household_id, []).append(person_id)
    return members


@dataclass(frozen=True)
class CaseOnAgenda:
    """One agenda case as the actor may see it."""

    item: AgendaItem
    shares: policy.Sharing
    persons: list[int]
    outcome: Outcome | None = None
    actions: list[AgreedAction] = field(default_factory=list)
    escalation: Escalation | None = None

    @property
    def case(self) -> Case:
        return self.item.case

    @property
    def basis(self) -> bool:
        """The address is shown when the basic data of everyone flows."""
        return self.shares.allows(Category.BASIC, self.persons)

    @property
    def withheld(self) -> int:
        return 0 if self.basis else len(self.persons) or 1

    @property
    def file(self) -> bool:
        """The question and the outcome: the household's request and plan."""
        return self.shares.allows(Category.CASE_FILE)


def _on_agenda(
    actor: Actor, items: list[AgendaItem], *, with_outcomes: bool = True
) -> list[CaseOnAgenda]:
    cases = [item.case for item in items]
    shares = agenda_sharing(actor, cases)
    members = _members_by_household(c.household_id for c in cases)
    actions: dict[int, list[AgreedAction]] = {}
    escalations: dict[int, Escalation] = {}
    if items and with_outcomes:
        for action in AgreedAction.objects.filter(
            outcome__item__in=[i.pk for i in items]
        ):
            actions.setdefault(action.outcome_id, []).append(action)
        for escalation in Escalation.objects.filter(
            item__in=[i.pk for i in items]
        ).select_related("raised_by"):
            if escalation.item_id is not None:
                escalations[escalation.item_id] = escalation
    rows = []
    for item in items:
        outcome = _outcome_of(item)
        rows.append(
            CaseOnAgenda(
                item,
                shares[item.case_id],
                members.get(item.case.household_id, []),
                outcome,
                actions.get(outcome.pk, []) if outcome else [],
                escalations.get(item.pk),
            )
        )
    return rows


def _outcome_of(item: AgendaItem) -> Outcome | None:
    try:
        return item.outcome
    except Outcome.DoesNotExist:
        return None


def _shown_persons(rows: Iterable[CaseOnAgenda]) -> list[int]:
    return [pid for row in rows if row.basis for pid in row.persons]


def _audit_read(actor: Actor, subject: Any, rows: list[CaseOnAgenda], action) -> None:
    audit.record(
        actor=actor,
        action=action,
        subject=subject,
        persons=_shown_persons(rows),
        purpose=Relation.PARTICIPANT.value,
    )


@dataclass(frozen=True)
class ConsultationRead:
    consultation: Consultation
    agenda: list[CaseOnAgenda]
    participants: list[Any]


def _items(consultation: Consultation):
    return (
        AgendaItem.objects.filter(consultation=consultation)
        .select_related(
            "case__household", "case__director", "outcome__director", "outcome__item"
        )
        .order_by("position", "id")
    )


def _get(actor: Actor, uuid: UUID) -> Consultation:
    return policy.get(
        actor,
        Action.CONSULTATION_VIEW,
        Consultation.objects.select_related("team", "forum", "chair", "planned_by"),
        uuid=uuid,
    )


def consultation_read(*, actor: Actor, uuid: UUID) -> ConsultationRead:
    """A consultation with its agenda, participants and outcomes, each case as
    the actor may see it; audited with the persons whose address is shown."""
    consultation = _get(actor, uuid)
    agenda = _on_agenda(actor, list(_items(consultation)))
    participants = [
        p.user
        for p in consultation.participants.select_related(
            "user__organisation"
        ).order_by("user__last_name", "user__first_name")
    ]
    _audit_read(actor, consultation, agenda, Action.CONSULTATION_VIEW)
    return ConsultationRead(consultation, agenda, participants)


def consultation_get(*, actor: Actor, uuid: UUID) -> Consultation:
    """The consultation itself, without its agenda (nothing personal read)."""
    return _get(actor, uuid)


def agenda_item_read(
    *, actor: Actor, uuid: UUID, then: Action | None = None
) -> CaseOnAgenda:
    """One agenda case of a consultation the actor may open; audited. `then`
    is the action the page is for: refused before anything is read."""
    item = (
        AgendaItem.objects.select_related(
            "consultation__team",
            "consultation__forum",
            "consultation__chair",
            "case__household",
            "case__director",
            "case__team",
            "outcome__director",
            "outcome__item",
        )
        .filter(uuid=uuid)
        .first()
    )
    if item is None:
        raise Hidden(Action.CONSULTATION_VIEW, "consultations.agendaitem")
    policy.require(actor, Action.CONSULTATION_VIEW, item.consultation)
    if then is not None:
        policy.require(actor, then, item.consultation)
    row = _on_agenda(actor, [item])[0]
    _audit_read(actor, item.consultation, [row], Action.CONSULTATION_VIEW)
    return row


@dataclass(frozen=True)
class ConsultationRow:
    consultation: Consultation
    cases: int


def consultation_list(*, actor: Actor) -> dict[str, list[ConsultationRow]]:
    """The consultations the actor may open, upcoming (soonest first) and past
    (the latest 50). Dates, teams and counts only: no personal data."""
    qs = (
        policy.restrict(actor, Action.CONSULTATION_VIEW, Consultation.objects.all())
        .select_related("team", "forum", "chair")
        .annotate(case_count=Count("items"))
    )
    now = timezone.now()
    upcoming = qs.filter(starts_at__gte=now, status=Consultation.Status.PLANNED)
    past = qs.filter(~Q(pk__in=upcoming.values("pk"))).order_by("-starts_at")[:50]
    return {
        "upcoming": [
            ConsultationRow(c, c.case_count) for c in upcoming.order_by("starts_at")
        ],
        "past": [ConsultationRow(c, c.case_count) for c in past],
    }


def upcoming_for(*, actor: Actor, limit: int = 20) -> list[ConsultationRow]:
    """The actor's own upcoming consultations, for "my work": as chair, planner
    or participant (one query)."""
    if actor.user is None:
        return []
    uid = actor.user.pk
    qs = (
        Consultation.objects.filter(
            Q(chair_id=uid) | Q(planned_by_id=uid) | Q(participants__user_id=uid),
            status=Consultation.Status.PLANNED,
            starts_at__gte=timezone.now(),
        )
        .distinct()
        .select_related("team", "forum")
        .annotate(case_count=Count("items", distinct=True))
        .order_by("starts_at")[:limit]
    )
    return [ConsultationRow(c, c.case_count) for c in qs]


def escalations_waiting(*, actor: Actor):
    """Open escalations to the forums the actor is a member of, oldest first:
    a query set, for the caller to take the first of (one query). The page
    shows the forum, kind and date: no personal data."""
    if actor.user is None:
        return Escalation.objects.none()
    return (
        Escalation.objects.filter(
            forum__members=actor.user,
            status__in=[Escalation.Status.RAISED, Escalation.Status.ON_AGENDA],
        )
        .select_related("forum")
        .order_by("created_at", "pk")
    )


# --- Escalations --------------------------------------------------------------


@dataclass(frozen=True)
class EscalationRead:
    escalation: Escalation
    shares: policy.Sharing
    persons: list[int]

    @property
    def basis(self) -> bool:
        return self.shares.allows(Category.BASIC, self.persons)

    @property
    def withheld(self) -> int:
        return 0 if self.basis else len(self.persons) or 1

    @property
    def file(self) -> bool:
        return self.shares.allows(Category.CASE_FILE)


def escalation_get(*, actor: Actor, uuid: UUID) -> Escalation:
    """The escalation itself, for a change to it (nothing personal shown)."""
    return policy.get(
        actor,
        Action.ESCALATION_VIEW,
        Escalation.objects.select_related("case__household"),
        uuid=uuid,
    )


def escalation_read(*, actor: Actor, uuid: UUID) -> EscalationRead:
    """An escalation for those on the case and the forum's members; its
    question shows by what flows to the actor. Audited."""
    escalation = policy.get(
        actor,
        Action.ESCALATION_VIEW,
        Escalation.objects.select_related(
            "case__household",
            "case__director",
            "forum",
            "raised_by",
            "item__consultation",
        ),
        uuid=uuid,
    )
    case = escalation.case
    shares = agenda_sharing(actor, [case])[case.pk]
    persons = _members_by_household([case.household_id]).get(case.household_id, [])
    read = EscalationRead(escalation, shares, persons)
    audit.record(
        actor=actor,
        action=Action.ESCALATION_VIEW,
        subject=escalation,
        persons=persons if read.basis else [],
        purpose=Relation.PARTICIPANT.value,
    )
    return read


def raised_to_forum(*, actor: Actor, forum_ids: Sequence[int]) -> list[Escalation]:
    """Raised escalations of the actor's forums, for planning a meeting."""
    return list(
        Escalation.objects.filter(
            forum_id__in=forum_ids,
            forum__members=actor.user,
            status=Escalation.Status.RAISED,
        )
        .select_related("forum", "case")
        .order_by("created_at")
    )


def case_escalations(*, case: Case) -> list[Escalation]:
    """The case's escalations, newest first: the decided ones are binding."""
    return list(
        Escalation.objects.filter(case=case)
        .select_related("forum", "raised_by")
        .order_by("-created_at")
    )


# --- For the household: outcomes on the timeline and in the plan print ---------


def outcomes_for_household(*, case_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The outcomes of consultations on these cases, as the household may read
    them: the date, the shared picture, the decisions and the agreed actions.
    Never the other cases of the agenda, the participants or the question
    (two queries). The caller decides which cases the reader may see."""
    if not case_ids:
        return []
    outcomes = list(
        Outcome.objects.filter(item__case_id__in=case_ids)
        .select_related("item__consultation", "director")
        .order_by("-item__consultation__starts_at")
    )
    actions: dict[int, list[AgreedAction]] = {}
    for action in AgreedAction.objects.filter(outcome__in=[o.pk for o in outcomes]):
        actions.setdefault(action.outcome_id, []).append(action)
    return [
        {
            "date": timezone.localtime(o.item.consultation.starts_at).date(),
            "case_id": o.item.case_id,
            "kind": o.item.consultation.get_kind_display(),
            "outcome": o,
            "actions": actions.get(o.pk, []),
        }
        for o in outcomes
    ]


def outcomes_for_print(plan: Any) -> dict[str, Any] | None:
    """The section "Agreed in consultations" of the household's plan print:
    each outcome on the plan's case, as the household may read it."""
    rows = outcomes_for_household(case_ids=[plan.case_id])
    if not rows:
        return None
    return {
        "title": _("Agreed in consultations"),
        "items": [
            {
                "heading": _("%(kind)s of %(date)s")
                % {"kind": row["kind"], "date": row["date"].strftime("%d-%m-%Y")},
                "parts": [
                    (_("Shared picture"), row["outcome"].shared_picture),
                    (_("Decisions"), row["outcome"].decisions),
                    (_("Director"), str(row["outcome"].director)),
                ],
                "list": [
                    f"{a.description}: {a.performer}, {a.due_on:%d-%m-%Y}"
                    for a in row["actions"]
                ],
            }
            for row in rows
        ],
    }
