# SPDX-License-Identifier: EUPL-1.2
"""Who may find and register households: the team that serves them."""

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.access.decisions import Decision, Reason, Relation, allow, refuse
from eenplan.access.rules import role_in_team


@policy.rule(Action.HOUSEHOLD_VIEW, scope=lambda actor: Q(team_id__in=actor.team_ids()))
def household_of_my_team(actor: Actor, household: Any) -> Decision:
    """Team members see their team's households: who lives where (basic data)."""
    if household.team_id in actor.team_ids():
        return allow(Reason.TEAM, Relation.TEAM_MEMBER)
    return refuse(Reason.NOT_YOUR_TEAM)


@policy.rule(Action.HOUSEHOLD_CREATE)
def register_in_my_team(actor: Actor, team: Any) -> Decision:
    """The front desk and team leaders register households in their team (`team`;
    without one, whether to offer registering at all)."""
    return role_in_team(
        actor, team.pk if team is not None else None, Role.FRONT_DESK, Role.TEAM_LEADER
    )


@policy.rule(Action.HOUSEHOLD_MEMBER_ADD)
def add_a_member(actor: Actor, household: Any) -> Decision:
    """The front desk and team leaders of the household's team add members."""
    return role_in_team(actor, household.team_id, Role.FRONT_DESK, Role.TEAM_LEADER)
