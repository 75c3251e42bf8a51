# SPDX-License-Identifier: EUPL-1.2
"""Writes on consultations and escalations: plan, cancel, record an outcome
(its actions go into the case's plan, a new director through the cases app),
raise and withdraw an escalation, plan a forum's meeting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.cases import services as case_services
from eenplan.cases.models import Case
from eenplan.collaboration.models import Referral
from eenplan.core.errors import ApplicationError, InvalidChoice
from eenplan.inbox.models import Notification
from eenplan.inbox.services import notify
from eenplan.organisations.models import Membership
from eenplan.plans import domain as plan_domain
from eenplan.plans import services as plan_services
from eenplan.plans.models import Action as PlanAction

from . import domain
from .errors import (
    ActionIncomplete,
    AgendaEmpty,
    AgendaOfOneTeam,
    CancelNeedsReason,
    ChairNotAllowed,
    ConsultationCancelled,
    ConsultationNotPlanned,
    DecisionRequired,
    EscalationNotForForum,
    EscalationNotOpen,
    EscalationOpen,
    EscalationQuestionRequired,
    ForumInactive,
    NotDirectingForActions,
    NotEnoughDeclinedReferrals,
    NotYourCase,
    OutcomeAlreadyRecorded,
    OutcomeIncomplete,
    OutcomeTooEarly,
    ParticipantNotAllowed,
    StartsInThePast,
)
from .models import (
    AgendaItem,
    AgreedAction,
    Consultation,
    Escalation,
    Forum,
    Outcome,
    Participant,
)

User = get_user_model()


def _tell_participants(consultation: Consultation, actor: Actor, key: str) -> None:
    """An inbox notification to every participant but the actor: the kind, the
    date and a link, no personal data (the page asks the policy)."""
    notify(
        recipients=[
            pk
            for pk in Participant.objects.filter(consultation=consultation).values_list(
                "user_id", flat=True
            )
            if pk != actor.user_id
        ],
        kind=Notification.Kind.CONSULTATION,
        key=f"{key}:{consultation.uuid}",
        url=reverse("consultations:detail", args=[consultation.uuid]),
        about_date=timezone.localtime(consultation.starts_at).date(),
    )


def _persons(cases: Iterable[Case]) -> list[int]:
    return [pid for case in cases for pid in case.concerned_person_ids()]


def _check_participants(users: Sequence[Any]) -> None:
    """Participants are active staff with a team: those who use Eenplan."""
    ids = {u.pk for u in users}
    allowed = set(
        Membership.objects.filter(user_id__in=ids, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    if ids - allowed:
        raise ParticipantNotAllowed()


def _check_start(starts_at: datetime.datetime) -> None:
    if not domain.start_allowed(starts_at, timezone.now()):
        raise StartsInThePast()


def _add_participants(consultation: Consultation, users: Iterable[Any]) -> None:
    Participant.objects.bulk_create(
        [
            Participant(consultation=consultation, user_id=pk)
            for pk in {u.pk for u in users}
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def consultation_plan(
    *,
    actor: Actor,
    cases: Sequence[Case],
    starts_at: datetime.datetime,
    chair,
    participants: Sequence[Any] = (),
    questions: dict[int, str] | None = None,
    household_takes_part: bool = False,
) -> Consultation:
    """Plan a consultation (MDO) of one team on the cases of its agenda.

    The team leader puts any open case of the team on it; a director of the
    team the cases they direct. The chair is a team leader of the team or a
    director in it; participants are staff of any organisation, and each
    sees of each case what the policy lets flow to them.
    """
    cases = list(cases)
    if not cases:
        raise AgendaEmpty()
    teams = {case.team_id for case in cases}
    if len(teams) != 1:
        raise AgendaOfOneTeam()
    team = cases[0].team
    policy.require(actor, Action.CONSULTATION_PLAN, team)
    if team.pk not in actor.team_ids(Role.TEAM_LEADER) and any(
        case.director_id != actor.user_id for case in cases
    ):
        raise NotYourCase()
    for case in cases:
        case_services.require_open(case)
    if (
        not Membership.objects.filter(user=chair, team=team)
        .filter(role=Role.TEAM_LEADER)
        .exists()
        and not Membership.objects.filter(
            user=chair, team=team, can_direct=True
        ).exists()
    ):
        raise ChairNotAllowed()
    _check_participants(participants)
    _check_start(starts_at)
    consultation = Consultation.objects.create(
        kind=Consultation.Kind.CASE,
        team=team,
        starts_at=starts_at,
        chair=chair,
        planned_by=actor.acting_user,
        household_takes_part=household_takes_part,
    )
    questions = questions or {}
    AgendaItem.objects.bulk_create(
        AgendaItem(
            consultation=consultation,
            case=case,
            position=n,
            question=questions.get(case.pk, "").strip(),
        )
        for n, case in enumerate(cases)
    )
    _add_participants(consultation, [chair, *participants])
    audit.record(
        actor=actor,
        action=Action.CONSULTATION_PLAN,
        subject=consultation,
        persons=_persons(cases),
    )
    _tell_participants(consultation, actor, "consultation_planned")
    return consultation


@transaction.atomic
def consultation_cancel(
    *, actor: Actor, consultation: Consultation, reason: str
) -> Consultation:
    """Cancel a planned consultation, with the reason; it gets no outcome."""
    policy.require(actor, Action.CONSULTATION_CANCEL, consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != Consultation.Status.PLANNED:
        raise ConsultationNotPlanned()
    if not reason.strip():
        raise CancelNeedsReason()
    consultation.status = Consultation.Status.CANCELLED
    consultation.cancel_reason = reason.strip()
    consultation.save(update_fields=["status", "cancel_reason"])
    # Escalations on a cancelled meeting wait for the forum's next one.
    Escalation.objects.filter(
        item__consultation=consultation, status=Escalation.Status.ON_AGENDA
    ).update(status=Escalation.Status.RAISED, item=None)
    cases = Case.objects.filter(agenda_items__consultation=consultation)
    audit.record(
        actor=actor,
        action=Action.CONSULTATION_CANCEL,
        subject=consultation,
        persons=_persons(cases.select_related("household")),
    )
    return consultation


@dataclass(frozen=True)
class ActionInput:
    """An action agreed in the consultation, as it goes into the plan."""

    description: str
    performer_kind: str
    performer: str
    due_on: datetime.date
    organisation: Any = None


def _check_actions(actions: Sequence[ActionInput]) -> None:
    """Each agreed action complete, of a known kind, due within the plan's range."""
    allowed = plan_domain.due_on_range(timezone.localdate())
    for action in actions:
        if not (action.description.strip() and action.performer.strip()):
            raise ActionIncomplete()
        if action.performer_kind not in PlanAction.PerformerKind.values:
            raise InvalidChoice()
        if action.due_on not in allowed:
            raise ApplicationError(allowed.message(), code="date_out_of_range")


@transaction.atomic
def outcome_record(
    *,
    actor: Actor,
    item: AgendaItem,
    shared_picture: str,
    decisions: str,
    director=None,
    household_told: str = "",
    actions: Sequence[ActionInput] = (),
) -> Outcome:
    """Record what the consultation concluded on one case: the shared picture,
    the decisions, the director after it and the agreed actions.

    The actions go into the case's draft plan (`plans.services.action_add`);
    a case with only an agreed plan gets its next version opened as a draft,
    a copy of the agreed one (`plan_next_draft`), to agree with the household.
    A new director goes through `cases.services.case_change_director` (a
    hand-over with the outcome as its note, and how the household is told). Of a
    forum's meeting the decisions are the forum's binding decision on the
    escalation. The outcome is then shared with every participant (and the
    household's view), each as the policy allows.
    """
    consultation = Consultation.objects.select_for_update().get(pk=item.consultation_id)
    policy.require(actor, Action.CONSULTATION_RECORD, consultation)
    item = AgendaItem.objects.select_related("case__household", "case__team").get(
        pk=item.pk
    )
    case = item.case
    if consultation.status == Consultation.Status.CANCELLED:
        raise ConsultationCancelled()
    if not domain.outcome_allowed(consultation.starts_at, timezone.now()):
        raise OutcomeTooEarly()
    if Outcome.objects.filter(item=item).exists():
        raise OutcomeAlreadyRecorded()
    case_services.require_open(case)
    escalation = Escalation.objects.filter(item=item).first()
    if escalation is not None and not decisions.strip():
        raise DecisionRequired()
    if not (shared_picture.strip() and decisions.strip()):
        raise OutcomeIncomplete()
    _check_actions(actions)
    changes_director = director is not None and director.pk != case.director_id
    if (actions and not policy.can(actor, Action.PLAN_CHANGE, case)) or (
        changes_director and not policy.can(actor, Action.CASE_CHANGE_DIRECTOR, case)
    ):
        raise NotDirectingForActions()
    if changes_director:
        # A hand-over like any other: the outcome is its note.
        case = case_services.case_change_director(
            actor=actor,
            case=case,
            director=director,
            lock_version=case.lock_version,
            note=f"{shared_picture.strip()}\n\n{decisions.strip()}",
            household_told=household_told,
        )
    try:
        with transaction.atomic():
            outcome = Outcome.objects.create(
                item=item,
                shared_picture=shared_picture.strip(),
                decisions=decisions.strip(),
                director_id=case.director_id,
                director_changed=changes_director,
                recorded_by=actor.acting_user,
            )
    except IntegrityError as exc:  # a concurrent record won the one-to-one
        raise OutcomeAlreadyRecorded() from exc
    if actions:
        plan = plan_services.plan_next_draft(actor=actor, case=case)
        for action in actions:
            plan_services.action_add(
                actor=actor,
                plan=plan,
                goal=None,
                description=action.description,
                performer_kind=action.performer_kind,
                performer=action.performer,
                due_on=action.due_on,
                organisation=action.organisation,
                lock_version=plan.lock_version,
            )
            AgreedAction.objects.create(
                outcome=outcome,
                description=action.description.strip(),
                performer=action.performer.strip(),
                due_on=action.due_on,
                plan=plan,
            )
    if consultation.status == Consultation.Status.PLANNED:
        consultation.status = Consultation.Status.HELD
        consultation.save(update_fields=["status"])
    persons = case.concerned_person_ids()
    audit.record(
        actor=actor,
        action=Action.CONSULTATION_RECORD,
        subject=outcome,
        persons=persons,
    )
    # Shared with every participant (each reads what the policy allows).
    _tell_participants(consultation, actor, f"consultation_outcome:{item.uuid}")
    if escalation is not None:
        escalation.status = Escalation.Status.DECIDED
        escalation.decision = outcome.decisions
        escalation.decided_on = timezone.localdate()
        escalation.save(update_fields=["status", "decision", "decided_on"])
        audit.record(
            actor=actor,
            action=Action.ESCALATION_DECIDE,
            subject=escalation,
            persons=persons,
        )
        notify(
            recipients={escalation.raised_by_id, case.director_id} - {actor.user_id},
            kind=Notification.Kind.ESCALATION,
            key=f"escalation_decided:{escalation.uuid}",
            url=reverse("consultations:escalation", args=[escalation.uuid]),
            about_date=escalation.decided_on,
        )
    return outcome


# --- Escalation ---------------------------------------------------------------


@transaction.atomic
def escalation_raise(
    *, actor: Actor, case: Case, forum: Forum, kind: str, question: str
) -> Escalation:
    """Escalate a case to a forum: partners disagree, it stands still, or its
    referrals were declined (at least twice). One open escalation per case."""
    policy.require(actor, Action.ESCALATION_RAISE, case)
    case = Case.objects.select_for_update().select_related("household").get(pk=case.pk)
    case_services.require_open(case)
    if kind not in Escalation.Kind.values:
        raise InvalidChoice()
    if not forum.active:
        raise ForumInactive()
    if not question.strip():
        raise EscalationQuestionRequired()
    if kind == Escalation.Kind.DECLINED_REFERRALS and not domain.escalate_for_declines(
        Referral.objects.filter(case=case, status=Referral.Status.DECLINED).count()
    ):
        raise NotEnoughDeclinedReferrals()
    open_ = [Escalation.Status.RAISED, Escalation.Status.ON_AGENDA]
    if Escalation.objects.filter(case=case, status__in=open_).exists():
        raise EscalationOpen()
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                case=case,
                forum=forum,
                raised_by=actor.acting_user,
                kind=kind,
                question=question.strip(),
            )
    except IntegrityError as exc:  # lost a race to the partial unique index
        raise EscalationOpen() from exc
    audit.record(
        actor=actor,
        action=Action.ESCALATION_RAISE,
        subject=escalation,
        persons=case.concerned_person_ids(),
    )
    # The forum's members are told an escalation waits (no personal data).
    notify(
        recipients=forum.members.values_list("pk", flat=True),
        kind=Notification.Kind.ESCALATION,
        key=f"escalation:{escalation.uuid}",
        url=reverse("consultations:escalation", args=[escalation.uuid]),
        about_date=timezone.localdate(),
    )
    return escalation


@transaction.atomic
def escalation_withdraw(*, actor: Actor, escalation: Escalation) -> Escalation:
    """The raiser withdraws an escalation not yet decided (off any agenda)."""
    policy.require(actor, Action.ESCALATION_WITHDRAW, escalation)
    escalation = (
        Escalation.objects.select_for_update()
        .select_related("case__household")
        .get(pk=escalation.pk)
    )
    if not escalation.is_open:
        raise EscalationNotOpen()
    item = escalation.item
    escalation.status = Escalation.Status.WITHDRAWN
    escalation.item = None
    escalation.save(update_fields=["status", "item"])
    if item is not None and not Outcome.objects.filter(item=item).exists():
        item.delete()
    audit.record(
        actor=actor,
        action=Action.ESCALATION_WITHDRAW,
        subject=escalation,
        persons=escalation.case.concerned_person_ids(),
    )
    return escalation


@transaction.atomic
def forum_meeting_plan(
    *,
    actor: Actor,
    forum: Forum,
    starts_at: datetime.datetime,
    escalations: Sequence[Escalation],
) -> Consultation:
    """Plan a forum's meeting (an escalation consultation) chaired by the
    planner, with the raised escalations on its agenda. The forum's members
    and the raisers take part."""
    policy.require(actor, Action.FORUM_MEETING_PLAN, forum)
    if not forum.active:
        raise ForumInactive()
    ids = [e.pk for e in escalations]
    if not ids:
        raise EscalationNotForForum()
    rows = list(
        Escalation.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("case__household")
    )
    if len(rows) != len(set(ids)) or any(
        e.forum_id != forum.pk or e.status != Escalation.Status.RAISED for e in rows
    ):
        raise EscalationNotForForum()
    for escalation in rows:
        case_services.require_open(escalation.case)
    _check_start(starts_at)
    consultation = Consultation.objects.create(
        kind=Consultation.Kind.ESCALATION,
        forum=forum,
        starts_at=starts_at,
        chair=actor.acting_user,
        planned_by=actor.acting_user,
    )
    for n, escalation in enumerate(rows):
        escalation.item = AgendaItem.objects.create(
            consultation=consultation,
            case=escalation.case,
            position=n,
            question=escalation.question,
        )
        escalation.status = Escalation.Status.ON_AGENDA
        escalation.save(update_fields=["item", "status"])
    raisers = User.objects.filter(pk__in={e.raised_by_id for e in rows})
    _add_participants(consultation, [actor.acting_user, *forum.members.all(), *raisers])
    audit.record(
        actor=actor,
        action=Action.FORUM_MEETING_PLAN,
        subject=consultation,
        persons=_persons(e.case for e in rows),
    )
    _tell_participants(consultation, actor, "forum_meeting_planned")
    return consultation
