# SPDX-License-Identifier: EUPL-1.2
"""Writes on cases: open with a director, intake, change director, close."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.assessments import services as assessment_services
from eenplan.assessments.models import Assessment, LifeDomain
from eenplan.core.errors import ConcurrentChange, DateOutOfRange, InvalidChoice
from eenplan.intake import services as intake_services
from eenplan.intake.models import Request
from eenplan.organisations.models import Membership
from eenplan.people.models import Person
from eenplan.plans import services as plan_services

from . import domain
from .errors import (
    AlreadyInvolved,
    CaseAlreadyOpen,
    CaseClosed,
    ClosureNoteRequired,
    ClosureReasonRequired,
    FinalAssessmentRequired,
    FollowUpAlreadyRecorded,
    FollowUpCaseReopened,
    FollowUpMonthsOutOfRange,
    FollowUpNotDue,
    FollowUpQuestionRequired,
    NotADirector,
    RequestNotAwaitingDirector,
    ThirdProfessionalNeedsReason,
)
from .models import Case, FollowUp, FollowUpDefault, Intake, Involvement

User = get_user_model()


def directors_for_team(team) -> list:
    """Professionals of `team` who may be assigned as director."""
    return list(
        User.objects.filter(memberships__team=team, memberships__can_direct=True)
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )


def require_open(case: Case) -> None:
    """The state rule of every change to a case: it is open. A closed case can
    still be read by those related to it (the policy decides who)."""
    if not case.is_open:
        raise CaseClosed()


def _ensure_director(director, team) -> None:
    if not Membership.objects.filter(
        user=director, team=team, can_direct=True
    ).exists():
        raise NotADirector()


def _bump(case: Case, lock_version: int | None) -> None:
    """Optimistic lock: refuse a change made on a stale copy of the case."""
    if lock_version is None:
        lock_version = case.lock_version
    updated = Case.objects.filter(pk=case.pk, lock_version=lock_version).update(
        lock_version=lock_version + 1
    )
    if not updated:
        raise ConcurrentChange()
    case.lock_version = lock_version + 1


@transaction.atomic
def case_open(*, actor: Actor, request: Request, director) -> Case:
    """Assign a director to an integral request: this opens the household's one case."""
    household = request.household
    policy.require(actor, Action.CASE_OPEN, household)
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != Request.Status.AWAITING_DIRECTOR:
        raise RequestNotAwaitingDirector()
    _ensure_director(director, household.team)
    if Case.objects.open().filter(household=household).exists():
        raise CaseAlreadyOpen()
    try:
        with transaction.atomic():
            case = Case.objects.create(
                household=household,
                team=household.team,
                request=request,
                director=director,
                opened_on=timezone.localdate(),
            )
    except IntegrityError as exc:  # a concurrent open lost the race to the unique index
        raise CaseAlreadyOpen() from exc
    request.status = Request.Status.IN_CASE
    request.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=Action.CASE_OPEN,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return case


@transaction.atomic
def case_change_director(
    *, actor: Actor, case: Case, director, lock_version: int
) -> Case:
    """Hand the case over to another director (absence, change of need)."""
    policy.require(actor, Action.CASE_CHANGE_DIRECTOR, case)
    require_open(case)
    _ensure_director(director, case.team)
    _bump(case, lock_version)
    case.director = director
    case.save(update_fields=["director"])
    audit.record(
        actor=actor,
        action=Action.CASE_CHANGE_DIRECTOR,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return case


FOLLOW_UP_DEFAULT = "default"  # case_close: the term configured for the reason

KITCHEN_TABLE_LIMIT = domain.KITCHEN_TABLE_LIMIT


@transaction.atomic
def involvement_add(
    *,
    actor: Actor,
    case: Case,
    professional,
    role: str,
    reason: str = "",
    at_kitchen_table: bool = True,
    second_worker: bool = False,
) -> Involvement:
    """Involve a professional in the case. A third contact professional at the
    kitchen table (director included) needs a reason; one in the background
    (`at_kitchen_table` False) does not. The case keeps the most contacts it
    had at once (`kitchen_table_peak`). A second worker (Beter Thuis) gets a
    planned end six weeks ahead. The director or team leader involves others;
    a professional joins themselves when the policy lets them (accepting a
    referral to the case)."""
    joining = professional.pk == actor.user_id
    policy.require(actor, Action.CASE_JOIN if joining else Action.CASE_INVOLVE, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_open(case)
    active = case.involvements.filter(until__isnull=True)
    if (
        professional.pk == case.director_id
        or active.filter(professional=professional).exists()
    ):
        raise AlreadyInvolved()
    contacts = 1 + active.filter(at_kitchen_table=True).count()
    if (
        at_kitchen_table
        and domain.needs_reason_for_contact(contacts)
        and not reason.strip()
    ):
        raise ThirdProfessionalNeedsReason()
    today = timezone.localdate()
    involvement = Involvement.objects.create(
        case=case,
        professional=professional,
        role=role.strip(),
        reason=reason.strip(),
        since=today,
        at_kitchen_table=at_kitchen_table,
        planned_until=domain.second_worker_until(today) if second_worker else None,
    )
    if at_kitchen_table and contacts + 1 > case.kitchen_table_peak:
        case.kitchen_table_peak = contacts + 1
        case.save(update_fields=["kitchen_table_peak"])
    audit.record(
        actor=actor,
        action=Action.CASE_INVOLVE,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return involvement


@transaction.atomic
def involvement_end(*, actor: Actor, involvement: Involvement) -> Involvement:
    """The professional stops working on the case (and loses access through it)."""
    policy.require(actor, Action.CASE_INVOLVE, involvement.case)
    involvement.until = timezone.localdate()
    involvement.save(update_fields=["until"])
    audit.record(
        actor=actor,
        action=Action.CASE_INVOLVEMENT_END,
        subject=involvement.case,
        persons=involvement.case.concerned_person_ids(),
    )
    return involvement


@transaction.atomic
def intake_record(
    *,
    actor: Actor,
    case: Case,
    held_on: datetime.date,
    underlying_need: str,
    notes: str = "",
    consent_answer: str = Intake.ConsentAnswer.NO,
    lock_version: int | None = None,
) -> Intake:
    """Record (or correct) the integral intake conversation.

    `lock_version` is the version the form was opened on (0: no intake yet);
    if someone saved the intake since, this is refused with ConcurrentChange
    instead of writing over their notes. None: whatever the version is."""
    policy.require(actor, Action.CASE_INTAKE, case)
    # One writer per case at a time: the first intake of two at once is the
    # only one, and the second sees it (instead of a unique-index error).
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_open(case)
    current = Intake.objects.filter(case=case).first()
    if lock_version is not None and lock_version != (
        current.lock_version if current else 0
    ):
        raise ConcurrentChange()
    allowed = domain.intake_held_on_range(timezone.localdate(), case.opened_on)
    if held_on not in allowed:
        raise DateOutOfRange("held_on", allowed)
    if consent_answer not in Intake.ConsentAnswer.values:
        raise InvalidChoice()
    intake, _created = Intake.objects.update_or_create(
        case=case,
        defaults={
            "held_on": held_on,
            "conducted_by": actor.acting_user,
            "underlying_need": underlying_need.strip(),
            "notes": notes.strip(),
            "consent_answer": consent_answer,
            "lock_version": (current.lock_version if current else 0) + 1,
        },
    )
    audit.record(
        actor=actor,
        action=Action.CASE_INTAKE,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return intake


def adults_of(case: Case, on: datetime.date) -> list[Person]:
    return [p for p in case.household.members() if p.is_adult_on(on)]


@transaction.atomic
def case_close(
    *,
    actor: Actor,
    case: Case,
    reason: str,
    note: str,
    closed_on: datetime.date,
    final_scores: Mapping[Person, Mapping[LifeDomain, int]],
    lock_version: int,
    follow_up_months: int | None | str = FOLLOW_UP_DEFAULT,
) -> Case:
    """Close the case with a reason and a final ZRM for every adult member.

    `follow_up_months`: the follow-up check so many months after closing
    (None or 0: none); FOLLOW_UP_DEFAULT: the term configured for the reason."""
    policy.require(actor, Action.CASE_CLOSE, case)
    require_open(case)
    if not reason:
        raise ClosureReasonRequired()
    if reason not in Case.ClosureReason.values:
        raise InvalidChoice()
    if reason == Case.ClosureReason.OTHER and not note.strip():
        raise ClosureNoteRequired()
    allowed = domain.closed_on_range(timezone.localdate(), case.opened_on)
    if closed_on not in allowed:
        raise DateOutOfRange("closed_on", allowed)
    adults = adults_of(case, closed_on)
    if any(person not in final_scores for person in adults):
        raise FinalAssessmentRequired()
    months = (
        follow_up_default(reason)
        if follow_up_months == FOLLOW_UP_DEFAULT
        else follow_up_months
    )
    try:
        due_on = domain.follow_up_due(closed_on, months)  # type: ignore[arg-type]
    except (ValueError, TypeError) as exc:
        raise FollowUpMonthsOutOfRange() from exc
    _bump(case, lock_version)
    for person, scores in final_scores.items():
        assessment_services.assessment_record(
            actor=actor,
            case=case,
            person=person,
            kind=Assessment.Kind.CLOSURE,
            assessed_on=closed_on,
            scores=scores,
        )
    # Nobody writes the next version of a closed case's plan.
    plan_services.plan_discard_draft(actor=actor, case=case)
    case.status = Case.Status.CLOSED
    case.closed_on = closed_on
    case.closure_reason = reason
    case.closure_note = note.strip()
    case.save(update_fields=["status", "closed_on", "closure_reason", "closure_note"])
    if due_on is not None:
        # The director who closes owns the check; the team covers when they leave.
        FollowUp.objects.create(
            case=case, due_on=due_on, owner_id=case.director_id, team_id=case.team_id
        )
    audit.record(
        actor=actor,
        action=Action.CASE_CLOSE,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return case


def follow_up_default(reason: str) -> int | None:
    """The configured follow-up term for a closure reason (None: no check)."""
    row = FollowUpDefault.objects.filter(closure_reason=reason).first()
    return row.months if row is not None else None


def follow_up_defaults() -> dict[str, int | None]:
    """Every reason's configured term, for the closing form (one query)."""
    return dict(FollowUpDefault.objects.values_list("closure_reason", "months"))


@transaction.atomic
def follow_up_record(
    *,
    actor: Actor,
    follow_up: FollowUp,
    outcome: str,
    note: str = "",
    question: str = "",
) -> FollowUp:
    """Record how the household is doing at the follow-up check. "New request"
    registers a request for the household that follows the closed case.

    Refused: another's check (the policy), recorded already, not due yet (the
    check measures whether things held for the agreed term: a household that
    asks earlier registers a request at the front desk), and a household with
    an open case again (its director follows it up)."""
    policy.require(actor, Action.FOLLOW_UP_RECORD, follow_up)
    follow_up = (
        FollowUp.objects.select_for_update()
        .select_related("case__household")
        .get(pk=follow_up.pk)
    )
    if follow_up.is_recorded:
        raise FollowUpAlreadyRecorded()
    if follow_up.due_on > timezone.localdate():
        raise FollowUpNotDue()
    if Case.objects.open().filter(household_id=follow_up.case.household_id).exists():
        raise FollowUpCaseReopened()
    if outcome not in FollowUp.Outcome.values:
        raise InvalidChoice()
    if outcome == FollowUp.Outcome.NEW_REQUEST and not question.strip():
        raise FollowUpQuestionRequired()
    follow_up.outcome = outcome
    follow_up.note = note.strip()
    follow_up.recorded_by = actor.acting_user
    follow_up.recorded_at = timezone.now()
    follow_up.save(update_fields=["outcome", "note", "recorded_by", "recorded_at"])
    if outcome == FollowUp.Outcome.NEW_REQUEST:
        intake_services.request_register_after_follow_up(
            actor=actor, follow_up=follow_up, question=question
        )
    audit.record(
        actor=actor,
        action=Action.FOLLOW_UP_RECORD,
        subject=follow_up.case,
        persons=follow_up.case.concerned_person_ids(),
    )
    return follow_up
