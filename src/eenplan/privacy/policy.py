# SPDX-License-Identifier: EUPL-1.2
"""The access policy: the one place that decides who may see and do what.

Reads: every selector filters through `visible_households(user)` (or the
`visible_to` helpers built on it). Writes: every service calls
`require(user, action, obj)`. For now a household is visible to the staff of
its team and to the professionals involved in its case (director or
involvement). The privacy issue tightens this module, not the views.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import NotFoundOrForbidden, PermissionDenied

FRONT_DESK = "front_desk"
PROFESSIONAL = "professional"
TEAM_LEADER = "team_leader"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def team_ids(user, *roles: str) -> set[int]:
    """Ids of the teams where `user` has one of `roles` (any role when none given)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache_key = "_eenplan_memberships"
    memberships = getattr(user, cache_key, None)
    if memberships is None:
        memberships = list(
            user.memberships.values_list("team_id", "role", "can_direct")
        )
        setattr(user, cache_key, memberships)
    return {team for team, role, _direct in memberships if not roles or role in roles}


PRIVACY_OFFICER = "privacy_officer"
MANAGEMENT = "management"
FUNCTIONAL_ADMIN = "functional_admin"


def has_function(user, *functions: str) -> bool:
    """Organisation-wide functions (privacy officer, management, functional admin)."""
    return getattr(user, "is_authenticated", False) and user.function in functions


def has_role(user, *roles: str) -> bool:
    return bool(team_ids(user, *roles))


def can_direct(user) -> bool:
    team_ids(user)
    return any(direct for _t, _r, direct in getattr(user, "_eenplan_memberships", []))


def household_filter(user, prefix: str = "") -> Q:
    """A Q on Household (or on a model reaching it through `prefix`) for visibility."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    p = prefix
    # Professionals outside the team see a household only while its case is open
    # and they direct it or are involved in it (need to know).
    return (
        Q(**{f"{p}team_id__in": team_ids(user)})
        | Q(**{f"{p}cases__director": user, f"{p}cases__status": "open"})
        | Q(
            **{
                f"{p}cases__involvements__professional": user,
                f"{p}cases__involvements__until__isnull": True,
                f"{p}cases__status": "open",
            }
        )
    )


def visible_households(user, queryset: QuerySet | None = None) -> QuerySet:
    from eenplan.people.models import Household

    qs = Household.objects.all() if queryset is None else queryset
    visible_ids = Household.objects.filter(household_filter(user)).values("pk")
    return qs.filter(pk__in=visible_ids)


def visible_persons(user, queryset: QuerySet | None = None) -> QuerySet:
    from eenplan.people.models import Person

    qs = Person.objects.all() if queryset is None else queryset
    households = visible_households(user).values("pk")
    return qs.filter(household_memberships__household__in=households).distinct()


def visible_cases(user, queryset: QuerySet | None = None) -> QuerySet:
    from eenplan.cases.models import Case

    qs = Case.objects.all() if queryset is None else queryset
    return qs.filter(household__in=visible_households(user).values("pk"))


def visible_requests(user, queryset: QuerySet | None = None) -> QuerySet:
    from eenplan.intake.models import Request

    qs = Request.objects.all() if queryset is None else queryset
    return qs.filter(
        Q(team_id__in=team_ids(user))
        | Q(household__in=visible_households(user).values("pk"))
        | routed_to_filter(user)
    )


def routed_to_filter(user) -> Q:
    """Requests triaged as one discipline to one of the user's teams or their employer.

    The receiving team or organisation sees the request itself (question and
    people involved), not the rest of the household's file.
    """
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    routed = Q(triage__target_team_id__in=team_ids(user))
    if user.organisation_id:
        routed |= Q(triage__target_organisation_id=user.organisation_id)
    return routed


def _case_directing(user, case) -> bool:
    return case.director_id == user.pk or case.team_id in team_ids(user, TEAM_LEADER)


# action -> function(user, obj) -> Decision. Object-less actions get obj=None.
def _role(*roles):
    def check(user, obj):
        if has_role(user, *roles):
            return Decision(True, "role")
        return Decision(False, "role")

    return check


def _in_team(*roles):
    def check(user, obj):
        # A Team is its own team; anything else (household, request, case) has one.
        team_id = obj.pk if obj._meta.label == "organisations.Team" else obj.team_id
        if team_id in team_ids(user, *roles):
            return Decision(True, "team member")
        return Decision(False, "not in the team with this role")

    return check


def _in_team_or_role(*roles):
    in_team, has_role_ = _in_team(*roles), _role(*roles)

    def check(user, obj):
        return has_role_(user, obj) if obj is None else in_team(user, obj)

    return check


def _directs_case(user, case):
    if not case.is_open:
        return Decision(False, "case closed")
    if _case_directing(user, case):
        return Decision(True, "director or team leader")
    return Decision(False, "not the director or team leader")


def _function(*functions):
    def check(user, obj):
        return Decision(has_function(user, *functions), "function")

    return check


RULES = {
    "audit.view": _function(PRIVACY_OFFICER),
    "audit.export": _function(PRIVACY_OFFICER),
    "insights.view": _function(MANAGEMENT),
    "config.change": _function(FUNCTIONAL_ADMIN),
    "staff.use": _role(FRONT_DESK, PROFESSIONAL, TEAM_LEADER),
    # With an object (the household, or the team of a new household): in that team.
    # Without one: whether to offer the action at all.
    "request.create": _in_team_or_role(FRONT_DESK, TEAM_LEADER),
    "household.create": _in_team_or_role(FRONT_DESK, TEAM_LEADER),
    "request.triage": _in_team(FRONT_DESK, TEAM_LEADER),
    "case.open": _in_team(TEAM_LEADER),
    "case.intake": _directs_case,
    "case.involve": _directs_case,
    "case.close": _directs_case,
    "assessment.create": _directs_case,
    "plan.change": _directs_case,
    "plan.agree": _directs_case,
    "review.create": _directs_case,
}


def can(user, action: str, obj=None) -> Decision:
    """Whether `user` may do `action` (on `obj`), and why."""
    if not getattr(user, "is_authenticated", False):
        return Decision(False, "anonymous")
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}") from None
    return rule(user, obj)


def require(user, action: str, obj=None) -> None:
    """Raise PermissionDenied (403) unless `user` may do `action` on `obj`."""
    decision = can(user, action, obj)
    if not decision:
        raise PermissionDenied(
            _("Your role does not allow this action."), code=f"denied:{action}"
        )


def require_visible(queryset: QuerySet, **lookup):
    """Get one object from an already policy-filtered queryset, or 404-like error."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise NotFoundOrForbidden()
    return obj
