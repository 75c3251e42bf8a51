# SPDX-License-Identifier: EUPL-1.2
"""Reads of plan versions, through the access policy."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Max, Prefetch, Q, QuerySet

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Relation
from eenplan.access.errors import Hidden
from eenplan.accounts.models import User
from eenplan.organisations.models import Membership, Organisation
from eenplan.people.selectors import current_members, current_members_prefetch

from . import domain
from .models import Action as PlanAction
from .models import Assignment, Goal, Plan, Review


def _plans() -> QuerySet[Plan]:
    """A plan version with everything its pages show, in a fixed number of queries:
    goals with their domain and their actions, the actions without a goal."""
    actions = (
        PlanAction.objects.select_related(
            "organisation",
            "assignment__organisation",
            "assignment__professional",
            "offer",
            "service",
        )
        .annotate(last_report_on=Max("assignment__reports__reported_on"))
        .order_by("due_on", "id")
    )
    return Plan.objects.select_related(
        "case__household", "case__team", "case__director__organisation", "created_by"
    ).prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("domain").prefetch_related(
                Prefetch("actions", queryset=actions, to_attr="action_list")
            ),
            to_attr="goal_list",
        ),
        Prefetch(
            "actions",
            queryset=actions.filter(goal__isnull=True),
            to_attr="loose_actions",
        ),
        current_members_prefetch("case__household__memberships"),
    )


def plan_get(*, actor: Actor, uuid, then: Action | None = None) -> Plan:
    """One plan version the actor may read, with goals, actions; audited.
    `then` is the action on its case the page is for (review): refused before
    anything is audited as read."""
    plan = policy.get(actor, Action.PLAN_VIEW, _plans(), uuid=uuid)
    decision = policy.require(actor, Action.PLAN_VIEW, plan)
    if then is not None:
        policy.require(actor, then, plan.case)
    audit.record(
        actor=actor,
        action=Action.PLAN_VIEW,
        subject=plan,
        persons=[m.person_id for m in current_members(plan.case.household)],
        break_glass=decision.break_glass,
        purpose=decision.purpose,
    )
    return plan


# Sections that apps above this one add to the household's print (the
# consultations app: outcomes of consultations), registered when they load.
PrintSection = Callable[[Plan], dict[str, Any] | None]
_PRINT_SECTIONS: list[PrintSection] = []


def print_section(provider: PrintSection) -> PrintSection:
    """Register a provider of one section of the print: a dict with a `title`
    and `items` (each `heading`, `parts` as (label, text) pairs, `list`), or
    None when it has nothing for the plan. Only what the household may read."""
    if provider not in _PRINT_SECTIONS:
        _PRINT_SECTIONS.append(provider)
    return provider


def print_sections(*, plan: Plan) -> list[dict[str, Any]]:
    sections = (provider(plan) for provider in _PRINT_SECTIONS)
    return [section for section in sections if section]


def plan_for_print(*, actor: Actor, uuid) -> Plan:
    """A plan version to print for the household; audited as a print."""
    plan = policy.get(actor, Action.PLAN_VIEW, _plans(), uuid=uuid)
    policy.require(actor, Action.PLAN_PRINT, plan)
    audit.record(
        actor=actor,
        action=Action.PLAN_PRINT,
        subject=plan,
        persons=[m.person_id for m in current_members(plan.case.household)],
        purpose="print for the household",
    )
    return plan


def plan_review(*, plan: Plan) -> Review | None:
    """The review of this version with its goal progress, or None."""
    return (
        Review.objects.filter(plan=plan)
        .select_related("held_by")
        .prefetch_related("progress__goal")
        .first()
    )


def mark_stalled(plan: Plan, today: datetime.date) -> int:
    """Set `.stalled` on every action of `plan` (loaded by `_plans`): assigned,
    open, past its date and without recent progress. Returns how many."""
    count = 0
    goals = getattr(plan, "goal_list", [])
    loose = getattr(plan, "loose_actions", [])
    for action in [a for goal in goals for a in goal.action_list] + list(loose):
        assignment = action.assignment
        action.stalled = assignment is not None and domain.action_stalled(
            due_on=assignment.due_on,
            last_report_on=action.last_report_on,
            is_open=assignment.is_open,
            today=today,
        )
        count += action.stalled
    return count


@dataclass(frozen=True)
class AssignmentRead:
    """An assigned action as one actor may see it: the action as the latest
    version words it, its reports, and whom it is about as far as shared."""

    assignment: Assignment
    access: Decision
    action: PlanAction | None
    reports: list
    persons: list
    withheld: int


def assignment_get(*, actor: Actor, uuid: UUID) -> AssignmentRead:
    """One assigned action for those on the case or its assignee; audited."""
    qs = Assignment.objects.select_related(
        "case__household", "case__director", "organisation", "professional"
    )
    assignment = policy.get(actor, Action.ASSIGNMENT_VIEW, qs, uuid=uuid)
    decision = policy.require(actor, Action.ASSIGNMENT_VIEW, assignment)
    case = assignment.case
    members = current_members(case.household)
    if decision.relation == Relation.ASSIGNEE and case.team_id in actor.team_ids():
        persons = [m.person for m in members]  # inside the team: no consent needed
    else:
        shares = (
            policy.receiver_sharing(actor, [case])[case.pk]
            if decision.relation == Relation.ASSIGNEE
            else policy.sharing_of(actor, case)
        )
        persons = [
            m.person for m in members if shares.allows(Category.BASIC, [m.person_id])
        ]
    action = (
        assignment.actions.select_related("goal__domain", "plan")
        .order_by("-plan__version")
        .first()
    )
    reports = list(assignment.reports.select_related("reported_by"))
    audit.record(
        actor=actor,
        action=Action.ASSIGNMENT_VIEW,
        subject=assignment,
        persons=[p.pk for p in persons],
        purpose=decision.purpose,
        break_glass=decision.break_glass,
    )
    return AssignmentRead(
        assignment, decision, action, reports, persons, len(members) - len(persons)
    )


@dataclass(frozen=True)
class AssignedToMe:
    """An open assigned action on the actor's work list, with the household's
    address when its basic data flows to the actor."""

    assignment: Assignment
    basis: bool

    @property
    def label(self) -> str:
        return self.assignment.case.household.address if self.basis else ""


def assignments_for_me(*, actor: Actor) -> list[AssignedToMe]:
    """Open actions assigned to the actor, or to their organisation's intake:
    the partner's work list. A fixed number of queries."""
    rows = list(
        policy.restrict(
            actor,
            Action.ASSIGNMENT_ANSWER,
            Assignment.objects.filter(
                status__in=[Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED]
            ),
        )
        .select_related("case__household", "organisation")
        .order_by("due_on", "id")
    )
    inside = actor.team_ids()
    shares = policy.receiver_sharing(
        actor, [a.case for a in rows if a.case.team_id not in inside]
    )
    return [
        AssignedToMe(
            a, a.case.team_id in inside or shares[a.case_id].any(Category.BASIC)
        )
        for a in rows
    ]


def action_for_assigning(*, actor: Actor, uuid: UUID) -> PlanAction:
    """An action of a plan the actor may read and whose case they direct, with
    its plan and case; the page shows the action: audited as a read of the plan."""
    plans = policy.restrict(actor, Action.PLAN_VIEW, Plan.objects.all())
    action = (
        PlanAction.objects.select_related(
            "plan__case__household", "goal__domain", "assignment__organisation"
        )
        .filter(uuid=uuid, plan__in=plans)
        .first()
    )
    if action is None:
        raise Hidden(Action.PLAN_VIEW, "plans.action")
    policy.require(actor, Action.ASSIGNMENT_CREATE, action.plan.case)
    audit.record(
        actor=actor,
        action=Action.PLAN_VIEW,
        subject=action.plan,
        persons=action.plan.case.concerned_person_ids(),
    )
    return action


def assignees_for(*, case) -> tuple[list, list]:
    """Whom an action of `case` can go to: the organisations with an intake for
    its team, and the professionals involved in it or in its team (two queries)."""
    organisations = list(
        Organisation.objects.filter(intake_points__team_id=case.team_id)
        .distinct()
        .order_by("name")
    )
    professionals = list(
        User.objects.filter(
            Q(involvements__case=case, involvements__until__isnull=True)
            | Q(
                memberships__team_id=case.team_id,
                memberships__role=Membership.Role.PROFESSIONAL,
            )
        )
        .exclude(pk=case.director_id)
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )
    return organisations, professionals
