# SPDX-License-Identifier: EUPL-1.2
"""Writes on the household's one plan: draft, goals, actions, agreement, reviews."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.assessments.domain import valid_score
from eenplan.core.errors import (
    CaseClosed,
    ConcurrentChange,
    DateOutOfRange,
    InvalidChoice,
)
from eenplan.inbox.models import Notification
from eenplan.inbox.services import Notice, notify, notify_all
from eenplan.organisations.models import IntakePoint, Membership

from . import domain
from .errors import (
    AgreementIncomplete,
    AlreadyAssigned,
    AssignmentAlreadyAnswered,
    AssignmentNotAccepted,
    AssignmentNotOpen,
    AssignOnlyAgreed,
    DeclineNeedsReason,
    EmptyProgress,
    NoIntakeForAction,
    NoSharingForAction,
    NotReviewable,
    OfferOrService,
    PlanExists,
    PlanWithoutGoals,
    ProgressIncomplete,
    ReviewTooLate,
    TargetLevelOutOfRange,
)
from .models import Action as PlanAction
from .models import (
    Assignment,
    AssignmentReport,
    Goal,
    GoalProgress,
    Plan,
    PlanLocked,
    Review,
)


def require_open(case: Any) -> None:
    """A plan changes only while its case is open (read it when closed)."""
    if not case.is_open:
        raise CaseClosed()


def require_reviewable(plan: Plan) -> None:
    """Only the agreed version without a review yet is reviewed (once)."""
    if plan.status != Plan.Status.AGREED or Review.objects.filter(plan=plan).exists():
        raise NotReviewable()


@transaction.atomic
def plan_discard_draft(*, actor: Actor, case: Any) -> None:
    """Remove the draft version of a case that is being closed: nobody writes it
    any more. Its goals and actions go with it; agreed versions stay."""
    policy.require(actor, Action.CASE_CLOSE, case)
    drafts = list(Plan.objects.filter(case=case, status=Plan.Status.DRAFT))
    for draft in drafts:
        draft.delete()
        audit.record(
            actor=actor,
            action=Action.PLAN_DISCARD,
            subject=draft,
            persons=case.concerned_person_ids(),
        )


def _lock(plan: Plan, lock_version: int | None) -> None:
    """Refuse a change to a plan version that is agreed, or that changed meanwhile."""
    if plan.status != Plan.Status.DRAFT:
        raise PlanLocked()
    if lock_version is None:
        lock_version = plan.lock_version
    updated = Plan.objects.filter(
        pk=plan.pk, lock_version=lock_version, status=Plan.Status.DRAFT
    ).update(lock_version=lock_version + 1)
    if not updated:
        raise ConcurrentChange()
    plan.lock_version = lock_version + 1


@transaction.atomic
def plan_start(*, actor: Actor, case) -> Plan:
    """Start the first version of the household's plan as a draft."""
    policy.require(actor, Action.PLAN_CHANGE, case)
    require_open(case)
    if case.plans.exists():
        raise PlanExists()
    plan = Plan.objects.create(case=case, version=1, created_by=actor.acting_user)
    audit.record(
        actor=actor,
        action=Action.PLAN_START,
        subject=plan,
        persons=case.concerned_person_ids(),
    )
    return plan


@transaction.atomic
def goal_add(
    *,
    actor: Actor,
    plan: Plan,
    domain,
    description: str,
    target_level: int,
    lock_version: int,
) -> Goal:
    policy.require(actor, Action.PLAN_CHANGE, plan.case)
    require_open(plan.case)
    if not valid_score(target_level):
        raise TargetLevelOutOfRange()
    _lock(plan, lock_version)
    goal = Goal.objects.create(
        plan=plan,
        domain=domain,
        description=description.strip(),
        target_level=target_level,
        position=plan.goals.count(),
    )
    audit.record(
        actor=actor,
        action=Action.PLAN_GOAL_ADD,
        subject=plan,
        persons=plan.case.concerned_person_ids(),
    )
    return goal


@transaction.atomic
def goal_remove(*, actor: Actor, goal: Goal, lock_version: int) -> None:
    plan = goal.plan
    policy.require(actor, Action.PLAN_CHANGE, plan.case)
    require_open(plan.case)
    _lock(plan, lock_version)
    goal.delete()
    audit.record(
        actor=actor,
        action=Action.PLAN_GOAL_REMOVE,
        subject=plan,
        persons=plan.case.concerned_person_ids(),
    )


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    plan: Plan,
    goal: Goal | None,
    description: str,
    performer_kind: str,
    performer: str,
    due_on: datetime.date,
    organisation=None,
    offer=None,
    service=None,
    lock_version: int,
) -> PlanAction:
    policy.require(actor, Action.PLAN_CHANGE, plan.case)
    if offer is not None and service is not None:
        raise OfferOrService()
    require_open(plan.case)
    if performer_kind not in PlanAction.PerformerKind.values:
        raise InvalidChoice()
    if goal is not None and goal.plan_id != plan.pk:
        raise InvalidChoice()
    allowed = domain.due_on_range(timezone.localdate())
    if due_on not in allowed:
        raise DateOutOfRange("due_on", allowed)
    _lock(plan, lock_version)
    action = PlanAction.objects.create(
        plan=plan,
        goal=goal,
        description=description.strip(),
        performer_kind=performer_kind,
        performer=performer.strip(),
        organisation=organisation,
        due_on=due_on,
        offer=offer,
        service=service,
    )
    audit.record(
        actor=actor,
        action=Action.PLAN_ACTION_ADD,
        subject=plan,
        persons=plan.case.concerned_person_ids(),
    )
    return action


@transaction.atomic
def action_remove(*, actor: Actor, action: PlanAction, lock_version: int) -> None:
    plan = action.plan
    policy.require(actor, Action.PLAN_CHANGE, plan.case)
    require_open(plan.case)
    _lock(plan, lock_version)
    action.delete()
    audit.record(
        actor=actor,
        action=Action.PLAN_ACTION_REMOVE,
        subject=plan,
        persons=plan.case.concerned_person_ids(),
    )


@transaction.atomic
def plan_agree(
    *,
    actor: Actor,
    plan: Plan,
    agreed_on: datetime.date,
    agreed_how: str,
    agreed_with: str,
    next_review_due: datetime.date,
    lock_version: int,
) -> Plan:
    """Mark the draft as agreed with the household; it becomes the current version.

    The next review is at most six weeks after agreement. The previous agreed
    version becomes superseded but stays readable.
    """
    policy.require(actor, Action.PLAN_AGREE, plan.case)
    require_open(plan.case)
    if not (agreed_on and agreed_how and agreed_with.strip()):
        raise AgreementIncomplete()
    if agreed_how not in Plan.AgreedHow.values:
        raise InvalidChoice()
    allowed = domain.agreed_on_range(timezone.localdate(), plan.case.opened_on)
    if agreed_on not in allowed:
        raise DateOutOfRange("agreed_on", allowed)
    if not domain.review_date_allowed(agreed_on, next_review_due):
        raise ReviewTooLate()
    if not plan.goals.exists():
        raise PlanWithoutGoals()
    _lock(plan, lock_version)
    Plan.objects.filter(case=plan.case, status=Plan.Status.AGREED).update(
        status=Plan.Status.SUPERSEDED
    )
    plan.status = Plan.Status.AGREED
    plan.agreed_on = agreed_on
    plan.agreed_how = agreed_how
    plan.agreed_with = agreed_with.strip()
    plan.next_review_due = next_review_due
    plan.save(
        update_fields=[
            "status",
            "agreed_on",
            "agreed_how",
            "agreed_with",
            "next_review_due",
        ]
    )
    audit.record(
        actor=actor,
        action=Action.PLAN_AGREE,
        subject=plan,
        persons=plan.case.concerned_person_ids(),
    )
    return plan


def _copy_action(action: PlanAction, *, plan: Plan, goal: Goal | None) -> PlanAction:
    return PlanAction.objects.create(
        plan=plan,
        goal=goal,
        description=action.description,
        performer_kind=action.performer_kind,
        performer=action.performer,
        organisation_id=action.organisation_id,
        due_on=action.due_on,
        offer_id=action.offer_id,
        service_id=action.service_id,
        assignment_id=action.assignment_id,  # the work on it goes on
    )


@transaction.atomic
def review_record(
    *,
    actor: Actor,
    plan: Plan,
    held_on: datetime.date,
    summary: str,
    progress: Mapping[Goal, tuple[str, str]],
) -> Plan:
    """Review the current plan with the household and open the next version as a draft.

    Goals that are not reached or dropped, their actions and the actions without
    a goal carry over to the new draft; the reviewed version stays as it was.
    """
    policy.require(actor, Action.REVIEW_CREATE, plan.case)
    require_open(plan.case)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_reviewable(plan)
    goals = list(plan.goals.select_related("domain").prefetch_related("actions"))
    if {g.pk for g in goals} != {g.pk for g in progress}:
        raise ProgressIncomplete()
    if any(
        value not in GoalProgress.Progress.values for value, _note in progress.values()
    ):
        raise InvalidChoice()
    if plan.agreed_on is None:
        raise NotReviewable()
    allowed = domain.review_held_on_range(timezone.localdate(), plan.agreed_on)
    if held_on not in allowed:
        raise DateOutOfRange("held_on", allowed)
    review = Review.objects.create(
        plan=plan, held_on=held_on, held_by=actor.acting_user, summary=summary
    )
    GoalProgress.objects.bulk_create(
        GoalProgress(review=review, goal=goal, progress=value, note=note)
        for goal, (value, note) in progress.items()
    )
    carried = {GoalProgress.Progress.ON_TRACK, GoalProgress.Progress.NO_PROGRESS}
    draft = Plan.objects.filter(case=plan.case, status=Plan.Status.DRAFT).first()
    if draft is not None:
        # The next version was opened already (a consultation agreed actions,
        # see `plan_next_draft`): it is a copy of this version, so keep it and
        # take out the copies of the goals now reached or dropped.
        _drop_finished_goals(draft, goals, progress, carried)
        audit.record(
            actor=actor,
            action=Action.REVIEW_CREATE,
            subject=review,
            persons=plan.case.concerned_person_ids(),
        )
        return draft
    draft = Plan.objects.create(
        case=plan.case, version=plan.version + 1, created_by=actor.acting_user
    )
    _copy_into(draft, [g for g in goals if progress[g][0] in carried], source=plan)
    audit.record(
        actor=actor,
        action=Action.REVIEW_CREATE,
        subject=review,
        persons=plan.case.concerned_person_ids(),
    )
    return draft


def _copy_into(draft: Plan, goals: Any, *, source: Plan) -> None:
    """Copy `goals` with their actions, and the actions of `source` without a
    goal, into `draft` (the next version)."""
    for goal in goals:
        copy = Goal.objects.create(
            plan=draft,
            domain=goal.domain,
            description=goal.description,
            target_level=goal.target_level,
            position=goal.position,
        )
        for action in goal.actions.all():
            _copy_action(action, plan=draft, goal=copy)
    for action in source.actions.filter(goal__isnull=True):
        _copy_action(action, plan=draft, goal=None)


def _drop_finished_goals(draft: Plan, goals, progress, carried) -> None:
    finished = {
        (goal.domain_id, goal.description)
        for goal in goals
        if progress[goal][0] not in carried
    }
    for copy in list(draft.goals.all()):
        if (copy.domain_id, copy.description) in finished:
            copy.delete()


@transaction.atomic
def plan_next_draft(*, actor: Actor, case: Any) -> Plan:
    """The draft to add to: the case's draft if it has one; else the next
    version, opened as a copy of the current agreed version (its goals and
    actions), or the first version when the case has no plan yet.

    For changes agreed outside a review, such as the actions of a consultation:
    the agreed version stays current and unchanged until the household agrees
    the new draft. A review of the agreed version keeps this draft.
    """
    policy.require(actor, Action.PLAN_CHANGE, case)
    require_open(case)
    draft = Plan.objects.filter(case=case, status=Plan.Status.DRAFT).first()
    if draft is not None:
        return draft
    current = (
        Plan.objects.select_for_update()
        .filter(case=case, status=Plan.Status.AGREED)
        .first()
    )
    if current is None:
        return plan_start(actor=actor, case=case)
    draft = Plan.objects.create(
        case=case, version=current.version + 1, created_by=actor.acting_user
    )
    _copy_into(
        draft,
        current.goals.select_related("domain").prefetch_related("actions"),
        source=current,
    )
    audit.record(
        actor=actor,
        action=Action.PLAN_NEXT_DRAFT,
        subject=draft,
        persons=case.concerned_person_ids(),
    )
    return draft


REVIEW_DUE = Notification.Kind.REVIEW_DUE
REVIEW_OVERDUE = Notification.Kind.REVIEW_OVERDUE


@dataclass(frozen=True)
class Reminded:
    """What one reminder run put in inboxes."""

    due: int  # notifications to directors of reviews due soon
    overdue: int  # notifications to team leaders of overdue reviews


@transaction.atomic
def review_reminders_send(*, today: datetime.date, soon_days: int) -> Reminded:
    """The 6-weekly cycle's reminders (a background task runs this daily).

    - The director of an open case whose agreed plan waits for a review due
      within `soon_days` is told, once per plan version.
    - The team leaders of the case's team are told of a review that is overdue,
      once per plan version (a director who was told it was due is not told
      again: the leader now has to act).
    A fixed number of queries whatever the number of plans.
    """
    waiting = Plan.objects.filter(
        status=Plan.Status.AGREED,
        case__status="open",  # cases.Case.Status.OPEN (cases stands above plans)
        review__isnull=True,
        next_review_due__lte=domain.due_soon_until(today, soon_days),
    ).values_list("uuid", "next_review_due", "case__director_id", "case__team_id")
    leaders: dict[int, list[int]] = {}
    plans = list(waiting)
    for team_id, user_id in Membership.objects.filter(
        role=Membership.Role.TEAM_LEADER,
        team_id__in={team for *_rest, team in plans},
    ).values_list("team_id", "user_id"):
        leaders.setdefault(team_id, []).append(user_id)
    notices = []
    for plan_uuid, review_on, director_id, team_id in plans:
        url = reverse("plans:plan", args=[plan_uuid])
        if review_on is None:  # agreed versions always have one (a constraint)
            continue
        if review_on < today:
            notices += [
                Notice(
                    leader,
                    REVIEW_OVERDUE,
                    f"review_overdue:{plan_uuid}",
                    url,
                    review_on,
                )
                for leader in leaders.get(team_id, [])
            ]
        else:
            notices.append(
                Notice(
                    director_id, REVIEW_DUE, f"review_due:{plan_uuid}", url, review_on
                )
            )
    created = notify_all(notices)
    overdue = sum(1 for n in created if n.kind == REVIEW_OVERDUE)
    return Reminded(due=len(created) - overdue, overdue=overdue)


# --- Actions assigned to partners (Uitvoeren Actie) -----------------------------


def _intake_staff(organisation_id: int, team_id: int) -> list[int]:
    return list(
        IntakePoint.objects.filter(
            organisation_id=organisation_id, team_id=team_id
        ).values_list("staff", flat=True)
    )


def _reaches(case: Any, organisation: Any, professional: Any) -> bool:
    """Whether the assignee may read the request and plan the action is part
    of: a professional of the case's own team, or an organisation that consent
    or a legal basis lets the household's request and plan flow to."""
    if (
        professional is not None
        and Membership.objects.filter(user=professional, team_id=case.team_id).exists()
    ):
        return True
    shared = policy.organisation_sharing(organisation.pk, [case])[case.pk]
    return shared.allows(Category.CASE_FILE)


@transaction.atomic
def action_assign(
    *, actor: Actor, action: PlanAction, organisation: Any, professional: Any = None
) -> Assignment:
    """Assign an action of the agreed plan to a partner organisation, or to a
    professional there; they are told, and see it on their work list.

    The agreed version does not change: the action (and its copies in later
    versions) only points to the assignment that holds the work's state. An
    action whose assignment was declined can be assigned again.
    """
    plan = action.plan
    case = plan.case
    policy.require(actor, Action.ASSIGNMENT_CREATE, case)
    require_open(case)
    # On the version in force, before its review: the review copies the action,
    # with its assignment, into the next version.
    if plan.status != Plan.Status.AGREED or Review.objects.filter(plan=plan).exists():
        raise AssignOnlyAgreed()
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    current = action.assignment
    if current is not None and current.status != Assignment.Status.DECLINED:
        raise AlreadyAssigned()
    if professional is not None and professional.organisation_id != organisation.pk:
        raise InvalidChoice()
    intake = _intake_staff(organisation.pk, case.team_id)
    if professional is None and not intake:
        raise NoIntakeForAction()
    if not _reaches(case, organisation, professional):
        raise NoSharingForAction()
    assignment = Assignment.objects.create(
        case=case,
        organisation=organisation,
        professional=professional,
        assigned_by=actor.acting_user,
        due_on=action.due_on,
    )
    # Only the link: the agreed version's content stays as it was agreed.
    PlanAction.objects.filter(pk=action.pk).update(assignment=assignment)
    audit.record(
        actor=actor,
        action=Action.ASSIGNMENT_CREATE,
        subject=assignment,
        persons=case.concerned_person_ids(),
    )
    notify(
        recipients=[professional.pk] if professional is not None else intake,
        kind=Notification.Kind.ACTION_ASSIGNED,
        key=f"assignment:{assignment.uuid}",
        url=reverse("plans:assignment", args=[assignment.uuid]),
        about_date=assignment.due_on,
    )
    return assignment


def _tell_the_director(assignment: Assignment, kind: str, key: str) -> None:
    notify(
        recipients={assignment.case.director_id, assignment.assigned_by_id},
        kind=kind,
        key=key,
        url=reverse("plans:assignment", args=[assignment.uuid]),
        about_date=assignment.due_on,
    )


@transaction.atomic
def assignment_answer(
    *, actor: Actor, assignment: Assignment, accept: bool, reason: str = ""
) -> Assignment:
    """The assignee accepts the action (with no professional named, whoever
    accepts it does it) or declines it with a reason; the director is told."""
    policy.require(actor, Action.ASSIGNMENT_ANSWER, assignment)
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("case")
        .get(pk=assignment.pk)
    )
    require_open(assignment.case)
    if assignment.status != Assignment.Status.ASSIGNED:
        raise AssignmentAlreadyAnswered()
    if not accept and not reason.strip():
        raise DeclineNeedsReason()
    if accept:
        assignment.status = Assignment.Status.ACCEPTED
        assignment.professional = assignment.professional or actor.acting_user
    else:
        assignment.status = Assignment.Status.DECLINED
        assignment.decline_reason = reason.strip()
    assignment.answered_at = timezone.now()
    assignment.save(
        update_fields=["status", "professional", "decline_reason", "answered_at"]
    )
    audit.record(
        actor=actor,
        action=Action.ASSIGNMENT_ACCEPT if accept else Action.ASSIGNMENT_DECLINE,
        subject=assignment,
        persons=assignment.case.concerned_person_ids(),
    )
    _tell_the_director(
        assignment,
        Notification.Kind.ACTION_ANSWERED,
        f"assignment_answered:{assignment.uuid}",
    )
    return assignment


@transaction.atomic
def assignment_report(
    *,
    actor: Actor,
    assignment: Assignment,
    text: str,
    is_result: bool,
    reported_on: datetime.date,
) -> AssignmentReport:
    """The professional who does the action reports progress, or the result
    (the action is then done, and the director is told)."""
    policy.require(actor, Action.ASSIGNMENT_REPORT, assignment)
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("case")
        .get(pk=assignment.pk)
    )
    require_open(assignment.case)
    if assignment.status != Assignment.Status.ACCEPTED:
        raise AssignmentNotAccepted()
    if not text.strip():
        raise EmptyProgress()
    allowed = domain.report_on_range(
        timezone.localdate(), timezone.localtime(assignment.created_at).date()
    )
    if reported_on not in allowed:
        raise DateOutOfRange("reported_on", allowed)
    report = AssignmentReport.objects.create(
        assignment=assignment,
        reported_on=reported_on,
        reported_by=actor.acting_user,
        text=text.strip(),
        is_result=is_result,
    )
    if is_result:
        assignment.status = Assignment.Status.DONE
        assignment.result = text.strip()
        assignment.done_on = reported_on
        assignment.save(update_fields=["status", "result", "done_on"])
    audit.record(
        actor=actor,
        action=Action.ASSIGNMENT_REPORT,
        subject=assignment,
        persons=assignment.case.concerned_person_ids(),
    )
    if is_result:
        _tell_the_director(
            assignment,
            Notification.Kind.ACTION_RESULT,
            f"assignment_result:{assignment.uuid}",
        )
    return report


@transaction.atomic
def assignment_hand_over(
    *, actor: Actor, assignment: Assignment, professional: Any
) -> Assignment:
    """Give an open assigned action to another professional of the same
    organisation (absence, change of need); its state and reports stay. The
    hand-over note is the cases app's (`cases.services`)."""
    policy.require(actor, Action.ASSIGNMENT_CREATE, assignment.case)
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("case")
        .get(pk=assignment.pk)
    )
    require_open(assignment.case)
    if not assignment.is_open:
        raise AssignmentNotOpen()
    if professional.organisation_id != assignment.organisation_id:
        raise InvalidChoice()
    if not _reaches(assignment.case, assignment.organisation, professional):
        raise NoSharingForAction()
    assignment.professional = professional
    assignment.save(update_fields=["professional"])
    audit.record(
        actor=actor,
        action=Action.ASSIGNMENT_HAND_OVER,
        subject=assignment,
        persons=assignment.case.concerned_person_ids(),
    )
    return assignment
