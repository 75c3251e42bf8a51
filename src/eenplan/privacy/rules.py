# SPDX-License-Identifier: EUPL-1.2
"""Who records consent and legal bases, and who may break the glass."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role, relation_loader
from eenplan.access.decisions import Decision, Reason, Relation, allow, refuse
from eenplan.access.rules import CASE_ROLES, directing, role_in_team

from . import sharing  # noqa: F401  (registers the policy's sharing source)
from .models import BreakGlass


@relation_loader("broken_glass")
def broken_glass_cases(user_id: int) -> Iterable[int]:
    return BreakGlass.objects.filter(
        user_id=user_id, expires_at__gt=timezone.now()
    ).values_list("case_id", flat=True)


@policy.rule(Action.CONSENT_RECORD)
def consent_by_the_team(actor: Actor, household: Any) -> Decision:
    """The front desk and team leaders of the household's team record consent;
    the director of its open case too (see cases.rules)."""
    return role_in_team(actor, household.team_id, Role.FRONT_DESK, Role.TEAM_LEADER)


@policy.rule(Action.LEGAL_BASIS_RECORD)
def legal_basis_by_the_director(actor: Actor, case: Any) -> Decision:
    return directing(actor, case)


@policy.rule(Action.CASE_BREAK_GLASS)
def break_the_glass(actor: Actor, case: Any) -> Decision:
    """A case worker of the team without a relation to the case, in an emergency."""
    if not actor.has_role(*CASE_ROLES):
        return refuse(Reason.NO_ROLE)
    relation = actor.relation_to(case)
    if relation == Relation.TEAM_MEMBER:
        return allow(Reason.EMERGENCY, relation)
    if relation == Relation.NONE:
        return refuse(Reason.NOT_YOUR_TEAM)
    return refuse(Reason.ALREADY_RELATED, relation)
