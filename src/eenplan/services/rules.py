# SPDX-License-Identifier: EUPL-1.2
"""Who reads the catalogue and the grants, who asks for a grant, and who holds
the mandate to decide on one (four eyes: never the requester)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, ActorKind
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Reason, Relation, allow, refuse
from eenplan.access.rules import NOTHING, case_content, case_scope, directing

from . import domain
from .models import MandateRule


@policy.rule(Action.CATALOGUE_VIEW, scope=lambda actor: NOTHING)
def read_the_catalogue(actor: Actor, obj: Any) -> Decision:
    """The catalogue and the social map are not personal data: all staff."""
    if actor.kind == ActorKind.STAFF:
        return allow(Reason.ROLE)
    return refuse(Reason.NO_ROLE)


@policy.rule(Action.GRANT_VIEW, scope=lambda actor: case_scope(actor, "case__"))
def read_a_grant(actor: Actor, grant: Any) -> Decision:
    """A grant is case content about its person, in the services category."""
    return case_content(actor, grant.case, Category.SERVICES, [grant.person_id])


@policy.rule(Action.GRANT_LETTER)
def read_a_letter(actor: Actor, grant: Any) -> Decision:
    return read_a_grant(actor, grant)


@policy.rule(Action.GRANT_REQUEST)
def ask_for_a_grant(actor: Actor, case: Any) -> Decision:
    """The director and the team leader, who write the plan the grant serves."""
    return directing(actor, case)


@policy.rule(Action.GRANT_APPROVALS, scope=lambda actor: NOTHING)
def see_approvals(actor: Actor, obj: Any) -> Decision:
    return read_the_catalogue(actor, obj)


def _mandates(actor: Actor) -> list[MandateRule]:
    """The mandate rules that may apply to the actor: theirs, and their roles'
    (one query per actor)."""
    if actor.user_id is None:
        return []
    roles = {m.role for m in actor.memberships}
    return actor.remember(
        "services.mandates",
        lambda: list(
            MandateRule.objects.filter(
                Q(user_id=actor.user_id) | Q(user__isnull=True, role__in=roles)
            )
        ),
    )


def _applies(rule: MandateRule, actor: Actor, team_id: int, service: Any) -> bool:
    if rule.user_id is not None and rule.user_id != actor.user_id:
        return False
    if rule.role and team_id not in actor.team_ids(rule.role):
        return False
    if rule.service_id is not None and rule.service_id != service.pk:
        return False
    return not (rule.law and rule.law != service.law)


def mandate(
    actor: Actor,
    *,
    team_id: int,
    service: Any,
    cost_per_year: Decimal,
    weeks: Decimal | None,
) -> Decision:
    """Whether the actor holds a mandate, in the team `team_id`, to grant
    `service` at this cost per year and duration in weeks (None: open)."""
    for rule in _mandates(actor):
        if _applies(rule, actor, team_id, service) and domain.within(
            rule.limit, cost_per_year, weeks
        ):
            return allow(Reason.MANDATE, Relation.TEAM_MEMBER)
    return refuse(Reason.NO_MANDATE)


@policy.rule(Action.GRANT_DECIDE)
def decide_above_a_mandate(actor: Actor, version: Any) -> Decision:
    """Four eyes: someone else than the requester, in the case's team, holding
    the mandate for what the version costs."""
    if actor.user_id is None or version.requested_by_id == actor.user_id:
        return refuse(Reason.OWN_REQUEST)
    grant = version.grant
    if grant.case.team_id not in actor.team_ids():
        return refuse(Reason.NOT_YOUR_TEAM)
    return mandate(
        actor,
        team_id=grant.case.team_id,
        service=grant.service,
        cost_per_year=version.cost_per_year,
        weeks=domain.duration(version.starts_on, version.ends_on, version.period),
    )
