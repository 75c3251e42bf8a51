# SPDX-License-Identifier: EUPL-1.2
"""Who plans, opens, cancels and concludes a consultation, and who escalates a
case, reads an escalation and plans a forum's meeting.

Being invited opens the consultation, never the file: what a participant sees
of each agenda case is decided per data category by `selectors.agenda_sharing`.
State (planned, held, the date, a closed case) is the services' business.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.access.decisions import FULL, Decision, Reason, Relation, allow, refuse
from eenplan.access.rules import NOTHING, case_scope, external_cases

from .models import Consultation, Escalation, Forum, Participant


def _forums_of(actor: Actor):
    """The forums the actor is a member of, as a subquery of forum ids."""
    return Forum.members.through.objects.filter(user_id=actor.user_id).values(
        "forum_id"
    )


def may_plan_in(actor: Actor, team_id: int | None) -> Decision:
    """A team leader of the team, or a professional who may direct in it (for
    the cases they direct: the service checks which). None: in any team."""
    leading = actor.team_ids(Role.TEAM_LEADER)
    directing = frozenset(m.team_id for m in actor.memberships if m.can_direct)
    teams = leading | directing
    ok = bool(teams) if team_id is None else team_id in teams
    if ok:
        return allow(Reason.TEAM, Relation.TEAM_MEMBER)
    return refuse(Reason.NOT_YOUR_TEAM)


@policy.rule(Action.CONSULTATION_PLAN, scope=lambda actor: NOTHING)
def plan_a_consultation(actor: Actor, team: Any) -> Decision:
    return may_plan_in(actor, getattr(team, "pk", None))


def _view_scope(actor: Actor) -> Q:
    if actor.user is None:
        return NOTHING
    uid = actor.user.pk
    return (
        Q(chair_id=uid)
        | Q(planned_by_id=uid)
        | Q(team_id__in=actor.team_ids(Role.TEAM_LEADER))
        | Q(pk__in=Participant.objects.filter(user_id=uid).values("consultation_id"))
        | Q(forum_id__in=_forums_of(actor))
    )


@policy.rule(Action.CONSULTATION_VIEW, scope=_view_scope)
def open_a_consultation(actor: Actor, consultation: Any) -> Decision:
    """The chair, the planner, the participants, the team's team leaders and,
    for a forum's meeting, the forum's members (one query)."""
    if Consultation.objects.filter(_view_scope(actor), pk=consultation.pk).exists():
        return allow(Reason.PARTICIPANT, Relation.PARTICIPANT)
    return refuse(Reason.NOT_PARTICIPANT)


def _leads(actor: Actor, consultation: Any) -> bool:
    return (
        consultation.chair_id == actor.user_id
        or consultation.team_id in actor.team_ids(Role.TEAM_LEADER)
    )


@policy.rule(Action.CONSULTATION_RECORD)
def record_an_outcome(actor: Actor, consultation: Any) -> Decision:
    """The chair or a team leader of the team records the outcome; of a
    forum's meeting: its chair or a member of the forum."""
    if _leads(actor, consultation):
        return allow(Reason.PARTICIPANT, Relation.PARTICIPANT)
    if (
        consultation.forum_id is not None
        and Forum.members.through.objects.filter(
            forum_id=consultation.forum_id, user_id=actor.user_id
        ).exists()
    ):
        return allow(Reason.PARTICIPANT, Relation.PARTICIPANT)
    return refuse(Reason.NOT_PARTICIPANT)


@policy.rule(Action.CONSULTATION_CANCEL)
def cancel_a_consultation(actor: Actor, consultation: Any) -> Decision:
    if _leads(actor, consultation) or consultation.planned_by_id == actor.user_id:
        return allow(Reason.PARTICIPANT, Relation.PARTICIPANT)
    return refuse(Reason.NOT_PARTICIPANT)


# --- Escalation ---------------------------------------------------------------


ESCALATING = FULL | {Relation.INVOLVED_EXTERNAL}


@policy.rule(Action.ESCALATION_RAISE)
def raise_an_escalation(actor: Actor, case: Any) -> Decision:
    """The director, the team leader and every professional involved, also from
    a partner organisation (no query)."""
    relation = actor.relation_to(case)
    if relation in ESCALATING:
        return allow(Reason.RELATION, relation)
    return refuse(Reason.NO_RELATION, relation)


def _escalation_scope(actor: Actor) -> Q:
    if actor.user is None:
        return NOTHING
    return (
        Q(raised_by_id=actor.user.pk)
        | case_scope(actor, "case__")
        | Q(case_id__in=[c.pk for c in external_cases(actor)])
        | Q(forum_id__in=_forums_of(actor))
    )


@policy.rule(Action.ESCALATION_VIEW, scope=_escalation_scope)
def read_an_escalation(actor: Actor, escalation: Any) -> Decision:
    """Those on the case and the forum's members open it; its content shows by
    what flows to them (see selectors)."""
    if Escalation.objects.filter(_escalation_scope(actor), pk=escalation.pk).exists():
        return allow(Reason.RELATION, Relation.PARTICIPANT)
    return refuse(Reason.NO_RELATION)


@policy.rule(Action.ESCALATION_WITHDRAW)
def withdraw_an_escalation(actor: Actor, escalation: Any) -> Decision:
    if escalation.raised_by_id == actor.user_id:
        return allow(Reason.RELATION, Relation.DIRECTOR)
    return refuse(Reason.NOT_PARTICIPANT)


@policy.rule(Action.FORUM_MEETING_PLAN)
def plan_a_forum_meeting(actor: Actor, forum: Any) -> Decision:
    """Members of the forum (of any forum, to offer the page)."""
    members = Forum.members.through.objects.filter(user_id=actor.user_id)
    if forum is not None:
        members = members.filter(forum_id=forum.pk)
    if actor.user is not None and members.exists():
        return allow(Reason.PARTICIPANT, Relation.PARTICIPANT)
    return refuse(Reason.NOT_PARTICIPANT)


@policy.rule(Action.CASE_CHANGE_DIRECTOR)
def forum_names_a_director(actor: Actor, case: Any) -> Decision:
    """A forum's decision is binding: a team leader who is a member of the forum
    with the case's escalation on its agenda carries out a change of director
    it decides, also for another team's case. (Team leaders only: the check
    asks nothing of anyone else, so pages pay no query for it.)"""
    if actor.user is None or not actor.has_role(Role.TEAM_LEADER):
        return refuse(Reason.NOT_YOUR_TEAM)
    if Escalation.objects.filter(
        case_id=case.pk,
        status=Escalation.Status.ON_AGENDA,
        forum__members=actor.user,
    ).exists():
        return allow(Reason.PARTICIPANT, Relation.PARTICIPANT)
    return refuse(Reason.NOT_YOUR_TEAM)
