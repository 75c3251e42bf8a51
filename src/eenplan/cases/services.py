# SPDX-License-Identifier: EUPL-1.2
"""Writes on cases: open with a director, intake, change director, close."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.assessments import services as assessment_services
from eenplan.assessments.models import Assessment, LifeDomain
from eenplan.core.errors import ConcurrentChange, DateOutOfRange, InvalidChoice
from eenplan.inbox.models import Notification
from eenplan.inbox.services import notify
from eenplan.intake import services as intake_services
from eenplan.intake.models import Request
from eenplan.organisations.models import Absence, Membership
from eenplan.people.models import Person
from eenplan.plans import services as plan_services
from eenplan.plans.models import Assignment

from . import domain
from .errors import (
    AlreadyInvolved,
    CaseAlreadyOpen,
    CaseClosed,
    ClosureNoteRequired,
    ClosureReasonRequired,
    EveryCaseNeedsADirector,
    FinalAssessmentRequired,
    FollowUpAlreadyRecorded,
    FollowUpCaseReopened,
    FollowUpMonthsOutOfRange,
    FollowUpNotDue,
    FollowUpQuestionRequired,
    FutureWeek,
    HandoverNeedsNote,
    HouseholdNotTold,
    NotADirector,
    RequestNotAwaitingDirector,
    SameProfessional,
    ThirdProfessionalNeedsReason,
)
from .models import Case, FollowUp, FollowUpDefault, Handover, Intake, Involvement

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


def _handed_over(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    from_user: Any,
    to_user: Any,
    note: str,
    household_told: str = "",
    absence: Any = None,
    assignment: Any = None,
) -> Handover:
    """The hand-over record, and the new professional told where to find it."""
    if not note.strip():
        raise HandoverNeedsNote()
    handover = Handover.objects.create(
        case=case,
        kind=kind,
        from_user=from_user,
        to_user=to_user,
        note=note.strip(),
        household_told=household_told,
        absence=absence,
        assignment=assignment,
        handed_by=actor.acting_user,
    )
    notify(
        recipients=[to_user.pk],
        kind=Notification.Kind.HANDOVER,
        key=f"handover:{handover.uuid}",
        url=reverse("workspace:case", args=[case.uuid]),
    )
    return handover


@transaction.atomic
def case_change_director(
    *,
    actor: Actor,
    case: Case,
    director,
    lock_version: int | None,
    note: str,
    household_told: str,
    absence: Any = None,
) -> Case:
    """Hand the case over to another director (absence, change of need): with a
    note on what is handed over and why, and how the household is told who
    their new contact is. The new director is told."""
    policy.require(actor, Action.CASE_CHANGE_DIRECTOR, case)
    require_open(case)
    _ensure_director(director, case.team)
    if director.pk == case.director_id:
        raise SameProfessional()
    if household_told not in Handover.Told.values:
        raise HouseholdNotTold()
    if not note.strip():
        raise HandoverNeedsNote()
    _bump(case, lock_version)
    previous = case.director
    # The new director may have been at the table: one seat, not two.
    case.involvements.filter(professional=director, until__isnull=True).update(
        until=timezone.localdate()
    )
    case.director = director
    case.save(update_fields=["director"])
    _handed_over(
        actor=actor,
        case=case,
        kind=Handover.Kind.DIRECTOR,
        from_user=previous,
        to_user=director,
        note=note,
        household_told=household_told,
        absence=absence,
    )
    audit.record(
        actor=actor,
        action=Action.CASE_CHANGE_DIRECTOR,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return case


@transaction.atomic
def involvement_hand_over(
    *, actor: Actor, involvement: Involvement, to, note: str, absence: Any = None
) -> Involvement:
    """Give a professional's place at the kitchen table to another, in the same
    role: the count at the table stays the same, so no reason is asked."""
    case = involvement.case
    policy.require(actor, Action.CASE_INVOLVE, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_open(case)
    if involvement.until is not None:
        raise InvalidChoice()
    if to.pk == case.director_id or (
        case.involvements.filter(professional=to, until__isnull=True).exists()
    ):
        raise AlreadyInvolved()
    if not note.strip():
        raise HandoverNeedsNote()
    involvement.until = timezone.localdate()
    involvement.save(update_fields=["until"])
    successor = Involvement.objects.create(
        case=case, professional=to, role=involvement.role, reason=involvement.reason
    )
    _handed_over(
        actor=actor,
        case=case,
        kind=Handover.Kind.INVOLVEMENT,
        from_user=involvement.professional,
        to_user=to,
        note=note,
        absence=absence,
    )
    audit.record(
        actor=actor,
        action=Action.CASE_INVOLVEMENT_HAND_OVER,
        subject=case,
        persons=case.concerned_person_ids(),
    )
    return successor


@dataclass(frozen=True)
class WorkOf:
    """What a professional has in hand in a team: the open cases they direct,
    their places at tables, and the open actions assigned to them."""

    cases: list[Case]
    involvements: list[Involvement]
    assignments: list[Any]

    def items(self) -> list[tuple[str, Any]]:
        """Each piece of work by a key that names it in a form."""
        return (
            [(f"case-{c.uuid}", c) for c in self.cases]
            + [(f"inv-{i.uuid}", i) for i in self.involvements]
            + [(f"act-{a.uuid}", a) for a in self.assignments]
        )


def work_of(*, professional, team) -> WorkOf:
    """The professional's open work on cases of `team` (three queries)."""
    cases = list(
        Case.objects.open()
        .filter(director=professional, team=team)
        .select_related("household")
        .order_by("opened_on", "pk")
    )
    involvements = list(
        Involvement.objects.filter(
            professional=professional,
            until__isnull=True,
            case__status=Case.Status.OPEN,
            case__team=team,
        )
        .select_related("case__household")
        .order_by("since", "pk")
    )
    assignments = list(
        Assignment.objects.filter(
            professional=professional,
            status__in=[Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED],
            case__status=Case.Status.OPEN,
            case__team=team,
        )
        .select_related("case__household", "organisation")
        .order_by("due_on", "pk")
    )
    return WorkOf(cases, involvements, assignments)


@transaction.atomic
def absence_register(
    *,
    actor: Actor,
    team,
    professional,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    reason: str,
    handovers: Mapping[str, tuple[Any, str, str]],
) -> Absence:
    """A team leader registers a professional's absence and hands over, in one
    go, all the cases they direct in the team (each to a director, with a note
    and how the household is told), and their places at tables and open
    actions that are given a successor (`handovers`: key of `WorkOf.items` ->
    (successor, note, household told)). Nothing is left without a director:
    a case without a successor refuses the whole hand-over."""
    policy.require(actor, Action.ABSENCE_REGISTER, team)
    if not Membership.objects.filter(user=professional, team=team).exists():
        raise InvalidChoice()
    if reason not in Absence.Reason.values:
        raise InvalidChoice()
    allowed = domain.absence_starts_on_range(timezone.localdate())
    if starts_on not in allowed:
        raise DateOutOfRange("starts_on", allowed)
    until = domain.absence_ends_on_range(starts_on)
    if ends_on is not None and ends_on not in until:
        raise DateOutOfRange("ends_on", until)
    work = work_of(professional=professional, team=team)
    missing = [c for c in work.cases if f"case-{c.uuid}" not in handovers]
    if missing:
        raise EveryCaseNeedsADirector()
    absence = Absence.objects.create(
        professional=professional,
        team=team,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        registered_by=actor.acting_user,
    )
    for key, item in work.items():
        if key not in handovers:
            continue
        successor, note, told = handovers[key]
        if key.startswith("case-"):
            case_change_director(
                actor=actor,
                case=item,
                director=successor,
                lock_version=None,
                note=note,
                household_told=told,
                absence=absence,
            )
        elif key.startswith("inv-"):
            involvement_hand_over(
                actor=actor, involvement=item, to=successor, note=note, absence=absence
            )
        else:
            plan_services.assignment_hand_over(
                actor=actor, assignment=item, professional=successor
            )
            _handed_over(
                actor=actor,
                case=item.case,
                kind=Handover.Kind.ACTION,
                from_user=professional,
                to_user=successor,
                note=note,
                absence=absence,
                assignment=item,
            )
    audit.record(
        actor=actor,
        action=Action.ABSENCE_REGISTER,
        subject=absence,
        persons=[p for c in work.cases for p in c.concerned_person_ids()],
    )
    return absence


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


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the week `day` lies in."""
    return day - datetime.timedelta(days=day.weekday())


def time_cases(*, actor: Actor, team_id: int) -> list[Case]:
    """The open cases of the team the actor may write direct time on: those
    they direct or are involved in."""
    return list(
        Case.objects.open()
        .filter(team_id=team_id)
        .filter(
            Q(director_id=actor.user_id)
            | Q(involvements__professional_id=actor.user_id, involvements__until=None)
        )
        .distinct()
        .select_related("household")
        .order_by("opened_on", "pk")
    )


@transaction.atomic
def time_week_record(
    *,
    actor: Actor,
    team_id: int,
    week: datetime.date,
    direct: Mapping[int, Any],
    indirect: Mapping[str, Any],
) -> int:
    """The actor's hours of one week in a team: direct hours per case (ids of
    `time_cases`), indirect hours by kind. Replaces that week's own entries;
    returns how many were written."""
    from .models import TimeEntry

    policy.require(actor, Action.TIME_RECORD, team_id)
    week = week_of(week)
    if week > week_of(timezone.localdate()):
        raise FutureWeek()
    allowed = {c.pk for c in time_cases(actor=actor, team_id=team_id)}
    if set(direct) - allowed:
        raise InvalidChoice()
    if set(indirect) - set(TimeEntry.Kind.values) or TimeEntry.Kind.DIRECT in indirect:
        raise InvalidChoice()
    TimeEntry.objects.filter(
        professional_id=actor.user_id, team_id=team_id, week=week
    ).delete()
    rows = [
        TimeEntry(
            professional=actor.acting_user,
            team_id=team_id,
            week=week,
            case_id=case_id,
            kind=TimeEntry.Kind.DIRECT,
            hours=hours,
        )
        for case_id, hours in direct.items()
        if hours
    ] + [
        TimeEntry(
            professional=actor.acting_user,
            team_id=team_id,
            week=week,
            kind=kind,
            hours=hours,
        )
        for kind, hours in indirect.items()
        if hours
    ]
    TimeEntry.objects.bulk_create(rows)
    audit.record(actor=actor, action=Action.TIME_RECORD)
    return len(rows)
