# SPDX-License-Identifier: EUPL-1.2
"""The access policy: the one place that decides who may see and do what, and why.

Reads: every selector starts from the `visible_*` querysets and asks `can()`
for the object it shows. Writes: every service calls `require()`. Views never
decide on their own. docs/privacy.md explains the rules for a privacy officer.

Relations that open a case (strongest first):

- director of the case;
- team leader of the case's team;
- professional involved in the case: from inside the case's team fully, from
  outside it only within what the household consented to (or a legal basis
  covers) for the professional's organisation;
- break the glass: any staff member, in an emergency, with a reason (view only,
  marked in the audit trail, reviewed by the privacy officer);
- receiver of a referral: the referral's content only, until accepted.

Team members without a relation see a household's basic data (who lives where)
and its requests, not the case. Management, the privacy officer and the
functional admin have no case access at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import NotFoundOrForbidden, PermissionDenied

FRONT_DESK = "front_desk"
PROFESSIONAL = "professional"
TEAM_LEADER = "team_leader"
CASE_ROLES = (FRONT_DESK, PROFESSIONAL, TEAM_LEADER)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    relation: str = ""
    break_glass: bool = False

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


# Relations of a user to a case.
DIRECTOR = "director"
LEADER = "team_leader"
INVOLVED = "involved"
EXTERNAL = "involved_external"
BREAK_GLASS = "break_glass"

# Data categories (privacy/categories.json) that case content falls under.
BASIC = "basis"
CASE_FILE = "hulpvraag-plan"
ZRM = "zrm"
JOURNAL = "rapportage"

BREAK_GLASS_HOURS = 8


def _authenticated(user) -> bool:
    return getattr(user, "is_authenticated", False)


def household_filter(user) -> Q:
    """A Q on Household for who may find it.

    Team members find their team's households; professionals outside the team
    find a household only while they direct, are involved in, or broke the glass
    on its open case. Involvement from another organisation is checked against
    consent per object by `can()`.
    """
    if not _authenticated(user):
        return Q(pk__in=[])
    return (
        Q(team_id__in=team_ids(user))
        | Q(cases__director=user, cases__status="open")
        | Q(
            cases__involvements__professional=user,
            cases__involvements__until__isnull=True,
            cases__status="open",
        )
        | Q(
            cases__break_glasses__user=user,
            cases__break_glasses__expires_at__gt=timezone.now(),
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
    """Cases of households the user may find; `can(user, "case.view", case)` decides."""
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
    if not _authenticated(user):
        return Q(pk__in=[])
    routed = Q(triage__target_team_id__in=team_ids(user))
    if user.organisation_id:
        routed |= Q(triage__target_organisation_id=user.organisation_id)
    return routed


def case_relation(user, case) -> str:
    """The user's strongest relation to `case`, or "" (cached per user and case)."""
    from eenplan.cases.models import Involvement

    from .models import BreakGlass

    if not _authenticated(user):
        return ""
    cache = user.__dict__.setdefault("_eenplan_relations", {})
    if case.pk in cache:
        return cache[case.pk]
    relation = ""
    if case.director_id == user.pk:
        relation = DIRECTOR
    elif case.team_id in team_ids(user, TEAM_LEADER):
        relation = LEADER
    elif Involvement.objects.filter(
        case=case, professional=user, until__isnull=True
    ).exists():
        relation = INVOLVED if case.team_id in team_ids(user) else EXTERNAL
    elif BreakGlass.objects.filter(
        case=case, user=user, expires_at__gt=timezone.now()
    ).exists():
        relation = BREAK_GLASS
    cache[case.pk] = relation
    return relation


def forget_relations(user) -> None:
    """Drop cached relations after a change to involvement or break-the-glass."""
    user.__dict__.pop("_eenplan_relations", None)


def shared_with(organisation_id, case, category: str, persons) -> bool:
    """Whether `category` data about `persons` may flow to `organisation_id`.

    True under a legal basis recorded on the case for that organisation and
    category, or when every one of `persons` has active consent covering both.
    Withdrawal takes effect at once: this is asked on every request.
    """
    from .models import Consent, LegalBasis

    if organisation_id is None:
        return False
    today = timezone.localdate()
    if (
        LegalBasis.objects.filter(
            case=case,
            organisation_id=organisation_id,
            categories__code=category,
            valid_from__lte=today,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .exists()
    ):
        return True
    person_ids = {getattr(p, "pk", p) for p in persons}
    if not person_ids:
        return True
    consenting = set(
        Consent.objects.active()
        .filter(
            person_id__in=person_ids,
            organisations=organisation_id,
            categories__code=category,
        )
        .values_list("person_id", flat=True)
    )
    return person_ids <= consenting


def _content_of_case(category: str, persons=None):
    """View rule for case content of `category` (about `persons`, default: all)."""

    def check(user, case, about=None):
        relation = case_relation(user, case)
        if relation in (DIRECTOR, LEADER, INVOLVED):
            return Decision(True, relation, relation)
        if relation == BREAK_GLASS:
            return Decision(True, "break the glass", relation, break_glass=True)
        if relation == EXTERNAL:
            concerned = about if about is not None else case.household.members()
            if shared_with(user.organisation_id, case, category, concerned):
                return Decision(True, "consent or legal basis", relation)
            return Decision(False, "no consent or legal basis for this data", relation)
        return Decision(False, "no relation to the case")

    return check


def zrm_visible(user, case, person) -> Decision:
    """Whether the user may see `person`'s ZRM within `case`."""
    return _content_of_case(ZRM)(user, case, about=[person.pk])


def _request_view(user, request):
    """The team of the request, its receivers when routed, or those on the case."""
    from eenplan.cases.models import Case

    if request.team_id in team_ids(user):
        return Decision(True, "team member")
    triage = getattr(request, "triage", None)
    if triage is not None and (
        triage.target_team_id in team_ids(user)
        or (
            user.organisation_id
            and triage.target_organisation_id == user.organisation_id
        )
    ):
        return Decision(True, "routed to the user's team or organisation")
    for case in Case.objects.filter(household_id=request.household_id):
        decision = _content_of_case(CASE_FILE)(user, case)
        if decision:
            return decision
    return Decision(False, "no relation to the request")


def _household_view(user, household):
    if household.team_id in team_ids(user):
        return Decision(True, "team member")
    from eenplan.cases.models import Case

    for case in Case.objects.open().filter(household=household):
        decision = _content_of_case(BASIC)(user, case)
        if decision:
            return decision
    return Decision(False, "no relation to the household")


def _journal_view(user, entry):
    if entry.confidential and entry.organisation_id != user.organisation_id:
        return Decision(False, "confidential to the author's organisation")
    return _content_of_case(JOURNAL)(user, entry.case)


def _journal_write(user, case):
    if not case.is_open:
        return Decision(False, "case closed")
    decision = _content_of_case(JOURNAL)(user, case)
    if decision.break_glass:
        return Decision(False, "break the glass is for reading only")
    return decision


def _assessment_view(user, assessment):
    if assessment.case is None:
        return Decision(False, "not part of a case")
    return _content_of_case(ZRM)(user, assessment.case, about=[assessment.person_id])


def _referral_view(user, referral):
    if user.organisation_id and referral.to_organisation_id == user.organisation_id:
        return Decision(True, "referral receiver", "referral_receiver")
    return _content_of_case(CASE_FILE)(user, referral.case)


def _referral_answer(user, referral):
    if referral.status != "sent":
        return Decision(False, "already answered")
    if user.organisation_id and referral.to_organisation_id == user.organisation_id:
        return Decision(True, "referral receiver", "referral_receiver")
    return Decision(False, "not the receiving organisation")


def _case_directing(user, case) -> bool:
    return case_relation(user, case) in (DIRECTOR, LEADER)


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
        return Decision(True, "director or team leader", case_relation(user, case))
    return Decision(False, "not the director or team leader")


def _consent_record(user, household):
    """Front desk and team leaders of the team, or whoever directs its open case."""
    from eenplan.cases.models import Case

    if household.team_id in team_ids(user, FRONT_DESK, TEAM_LEADER):
        return Decision(True, "team member")
    for case in Case.objects.open().filter(household=household):
        if _case_directing(user, case):
            return Decision(True, "director", DIRECTOR)
    return Decision(False, "no relation to the household")


def _break_glass(user, case):
    if not has_role(user, FRONT_DESK, PROFESSIONAL, TEAM_LEADER):
        return Decision(False, "only case workers may break the glass")
    if case_relation(user, case):
        return Decision(False, "already has a relation")
    return Decision(True, "emergency")


def _function(*functions):
    def check(user, obj):
        return Decision(has_function(user, *functions), "function")

    return check


RULES = {
    "audit.view": _function(PRIVACY_OFFICER),
    "audit.export": _function(PRIVACY_OFFICER),
    "privacy.review": _function(PRIVACY_OFFICER),
    "person.export": _function(PRIVACY_OFFICER),
    "insights.view": _function(MANAGEMENT),
    "config.change": _function(FUNCTIONAL_ADMIN),
    "staff.use": _role(FRONT_DESK, PROFESSIONAL, TEAM_LEADER),
    # With an object (the household, or the team of a new household): in that team.
    # Without one: whether to offer the action at all.
    "request.create": _in_team_or_role(FRONT_DESK, TEAM_LEADER),
    "household.create": _in_team_or_role(FRONT_DESK, TEAM_LEADER),
    "household.view": _household_view,
    "request.view": _request_view,
    "request.triage": _in_team(FRONT_DESK, TEAM_LEADER),
    "case.open": _in_team(TEAM_LEADER),
    "case.view": _content_of_case(CASE_FILE),
    "plan.print": lambda user, plan: Decision(
        case_relation(user, plan.case) in (DIRECTOR, LEADER),
        "director or team leader prints the plan for the household",
    ),
    "case.break_glass": _break_glass,
    "case.intake": _directs_case,
    "case.involve": _directs_case,
    "case.close": _directs_case,
    "assessment.view": _assessment_view,
    "assessment.create": _directs_case,
    "plan.view": lambda user, plan: _content_of_case(CASE_FILE)(user, plan.case),
    "plan.change": _directs_case,
    "plan.agree": _directs_case,
    "review.create": _directs_case,
    "consent.record": _consent_record,
    "legal_basis.record": _directs_case,
    "journal.view": _journal_view,
    "journal.create": _journal_write,
    "referral.create": _directs_case,
    "referral.view": _referral_view,
    "referral.answer": _referral_answer,
}


def can(user, action: str, obj=None) -> Decision:
    """Whether `user` may do `action` (on `obj`), and why."""
    if not _authenticated(user):
        return Decision(False, "anonymous")
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}") from None
    return rule(user, obj)


def require(user, action: str, obj=None) -> Decision:
    """Return the decision, or raise PermissionDenied (403) carrying action and subject.

    The error middleware writes the refusal to the audit trail after the
    service's transaction has rolled back.
    """
    decision = can(user, action, obj)
    if not decision:
        error = PermissionDenied(
            _("Your role does not allow this action."), code=f"denied:{action}"
        )
        error.action = action
        error.subject = obj
        error.reason = decision.reason
        raise error
    return decision


def require_visible(queryset: QuerySet, **lookup):
    """Get one object from an already policy-filtered queryset, or 404-like error."""
    obj = queryset.filter(**lookup).first()
    if obj is None:
        raise NotFoundOrForbidden()
    return obj
