# SPDX-License-Identifier: EUPL-1.2
"""Reads of cases, through the access policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Relation
from eenplan.access.errors import Hidden
from eenplan.accounts.models import User
from eenplan.assessments.models import DomainScore, LifeDomain
from eenplan.intake.models import ScreeningScore
from eenplan.organisations.models import Expertise, Membership, Team
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.people.selectors import current_members, current_members_prefetch

from . import domain
from .errors import CaseAccessRefused
from .models import Case, FollowUp, Handover, Involvement


def _known(actor: Actor) -> QuerySet[Case]:
    """Cases the actor knows of, whether or not they are open to them: those of
    households they may find, and those they are on (a partner without consent
    learns why they cannot read it). Any other case is a 404, like one that does
    not exist."""
    households = policy.restrict(actor, Action.HOUSEHOLD_VIEW, Household.objects.all())
    related = Q(director_id=actor.user_id) | Q(
        pk__in=actor.relations.involved | actor.relations.broken_glass
    )
    # EXISTS per case, not `household IN (every visible household)`: a case
    # page looks up one case, not a team's thousands of households.
    return Case.objects.filter(
        Exists(households.filter(pk=OuterRef("household_id"))) | related
    )


@dataclass(frozen=True)
class CaseRead:
    """A case as one actor may see it: the decision, what flows to them by
    category, and the household members whose basic data they may see."""

    case: Case
    access: Decision
    shares: policy.Sharing
    members: list[HouseholdMember]
    withheld: int

    @property
    def persons(self) -> list[Person]:
        return [m.person for m in self.members]


def case_get(*, actor: Actor, uuid: UUID, then: Action | None = None) -> Case:
    """One case open to the actor; audited (see `case_read`)."""
    return case_read(actor=actor, uuid=uuid, then=then).case


def case_read(*, actor: Actor, uuid: UUID, then: Action | None = None) -> CaseRead:
    """One case open to the actor, with the decision and what flows to them by
    category; audited with the persons whose basic data is shown.

    A case of a household the actor may not find is a 404. A case of a household
    they know, but not open to them, is refused (403) with the reason; team
    members without a relation may break the glass. `then` is the action the
    page is for (close, intake …): refused before anything is read or audited.
    """
    qs = _known(actor).select_related(
        "household__team",
        "director__organisation",
        "team",
        "request",
        "follow_up",
        "intake__conducted_by",  # shown on the case page: two queries fewer
    )
    case = _known_or_404(qs, uuid)
    decision = policy.can(actor, Action.CASE_VIEW, case)
    if not decision:
        raise CaseAccessRefused(case, decision)
    if then is not None:
        policy.require(actor, then, case)
    shares = policy.sharing_of(actor, case)
    members = current_members(case.household)
    shown = [m for m in members if shares.allows(Category.BASIC, [m.person_id])]
    audit.record(
        actor=actor,
        action=Action.CASE_VIEW,
        subject=case,
        persons=[m.person_id for m in shown],
        break_glass=decision.break_glass,
        purpose=decision.purpose,
    )
    return CaseRead(case, decision, shares, shown, len(members) - len(shown))


def _known_or_404(qs: QuerySet[Case], uuid: UUID) -> Case:
    case = (
        qs.prefetch_related(current_members_prefetch("household__memberships"))
        .filter(uuid=uuid)
        .first()
    )
    if case is None:
        raise Hidden(Action.CASE_VIEW, "cases.case")
    return case


def case_involvements(*, case: Case) -> list[Involvement]:
    """The professionals working on the case besides the director, now."""
    return list(
        case.involvements.filter(until__isnull=True)
        .select_related("professional__organisation")
        .order_by("since")
    )


def case_known(*, actor: Actor, uuid: UUID) -> Case:
    """A case of a household the actor may find, without reading its content.

    For breaking the glass: nothing of the case is shown, so nothing is audited
    here; a household the actor may not find is a 404 as everywhere.
    """
    return _known_or_404(_known(actor).select_related("household"), uuid)


def sharing_for(*, case: Case, professional: User) -> policy.Sharing:
    """What `professional` will see of `case` once involved: everything from
    inside the team, otherwise what consent or a legal basis allows for their
    organisation. Shown before the director saves the involvement."""
    if Membership.objects.filter(user=professional, team_id=case.team_id).exists():
        return policy.Sharing(Relation.INVOLVED, open=policy.ALL_CATEGORIES)
    return policy.organisation_sharing(professional.organisation_id, [case])[case.pk]


# Data about the whole household: it flows only when everyone's consent (or a
# legal basis) covers it. The other categories flow per person.
HOUSEHOLD_WIDE = (Category.CASE_FILE, Category.JOURNAL)


def sharing_summary(
    shares: policy.Sharing, members: list[Person]
) -> list[dict[str, Any]]:
    """Per data category: whose data is shared and whose is not, for a page.
    For household-wide data (request and plan, reports) it is all or nothing:
    `missing` are the members whose consent is still lacking."""
    rows = []
    for category in Category:
        consenting = [m for m in members if shares.allows(category, [m.pk])]
        missing = [m for m in members if m not in consenting]
        wide = category in HOUSEHOLD_WIDE
        whole = shares.allows(category, [m.pk for m in members])
        rows.append(
            {
                "category": category,
                "household_wide": wide,
                "shared": (members if whole else []) if wide else consenting,
                "withheld": ([] if whole else members) if wide else missing,
                "missing": missing,
            }
        )
    return rows


def team_member_get(*, actor: Actor, team_uuid: UUID, user_uuid: UUID) -> tuple:
    """A team the actor leads and one of its members, for registering an
    absence; anything else is a 404 (no probing for who is in which team)."""
    team = Team.objects.filter(uuid=team_uuid).first()
    if team is None or not policy.can(actor, Action.ABSENCE_REGISTER, team):
        raise Hidden(Action.ABSENCE_REGISTER, "organisations.team")
    member = (
        User.objects.filter(uuid=user_uuid, memberships__team=team)
        .select_related("organisation")
        .first()
    )
    if member is None:
        raise Hidden(Action.ABSENCE_REGISTER, "accounts.user")
    return team, member


def team_people(*, team) -> list[User]:
    """Everyone with a role in `team`, by name (one query)."""
    return list(
        User.objects.filter(memberships__team=team)
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )


def audit_work_list(*, actor: Actor, work: Any) -> None:
    """The absence page lists the households of the professional's work: audit
    whose they are (the leader leads their team, so may read them)."""
    cases = [c for c in work.cases] + [i.case for i in work.involvements]
    cases += [a.case for a in work.assignments]
    if cases:
        audit.record(
            actor=actor,
            action=Action.TEAM_VIEW,
            persons=HouseholdMember.objects.filter(
                household_id__in={c.household_id for c in cases}, until__isnull=True
            ).values_list("person_id", flat=True),
        )


def handover_for_letter(*, actor: Actor, uuid: UUID) -> tuple[Handover, list]:
    """A director hand-over of a case the actor directs (or leads), for the
    letter to the household; audited as printed."""
    handovers = Handover.objects.filter(kind=Handover.Kind.DIRECTOR).select_related(
        "case__household", "to_user__organisation"
    )
    handover = handovers.filter(
        uuid=uuid, case__in=policy.restrict(actor, Action.CASE_VIEW, Case.objects.all())
    ).first()
    if handover is None:
        raise Hidden(Action.HANDOVER_PRINT, "cases.handover")
    policy.require(actor, Action.HANDOVER_PRINT, handover)
    members = current_members(handover.case.household)
    audit.record(
        actor=actor,
        action=Action.HANDOVER_PRINT,
        subject=handover.case,
        persons=[m.person_id for m in members],
        purpose="print for the household",
    )
    return handover, members


def case_handovers(*, case: Case) -> list[Handover]:
    """The case's hand-overs, newest first (one query)."""
    return list(
        Handover.objects.filter(case=case).select_related(
            "from_user", "to_user", "handed_by"
        )
    )


def handovers_to(*, actor: Actor, since) -> list[Handover]:
    """Hand-overs to the actor since `since`, on cases still open: what the new
    director or professional takes over, and why."""
    return list(
        Handover.objects.filter(
            to_user_id=actor.user_id,
            created_at__gte=since,
            case__status=Case.Status.OPEN,
        )
        .select_related("case__household", "from_user")
        .order_by("-created_at")
    )


def follow_up_get(*, actor: Actor, uuid: UUID) -> FollowUp:
    """A follow-up check the actor may record, with its case read as on the
    case page (audited); any other is a 404."""
    check = policy.get(
        actor,
        Action.FOLLOW_UP_RECORD,
        FollowUp.objects.select_related("case", "owner", "recorded_by"),
        uuid=uuid,
    )
    check.case = case_read(actor=actor, uuid=check.case.uuid).case
    return check


def follow_ups_due(*, actor: Actor, today: Any, limit: int = 100) -> list[FollowUp]:
    """Follow-up checks due and not recorded, in one query: the actor's own
    while they are in the case's team, and for team leaders those of their
    teams whose director has left the team. A household with an open case
    again is its new director's, not a follow-up's."""
    owner_left = ~Exists(
        Membership.objects.filter(
            user_id=OuterRef("owner_id"), team_id=OuterRef("team_id")
        )
    )
    reopened = Exists(
        Case.objects.open().filter(household_id=OuterRef("case__household_id"))
    )
    return list(
        FollowUp.objects.pending()
        .filter(due_on__lte=today)
        .filter(
            Q(owner_id=actor.user_id, team_id__in=actor.team_ids())
            | (Q(team_id__in=actor.team_ids(Role.TEAM_LEADER)) & owner_left)
        )
        .exclude(reopened)
        .select_related("case__household", "owner")
        .order_by("due_on", "pk")[:limit]
    )


@dataclass(frozen=True)
class Candidate:
    """A professional of the team as a team leader weighs them: their caseload
    (open cases directed, active involvements on open cases) against their
    hours in the team, and which of the household's domains in trouble their
    expertise covers."""

    user: User
    hours: Any
    directed: int
    involved: int
    expertise: list[Expertise]
    matches: list[LifeDomain]

    @property
    def caseload(self) -> int:
        return self.directed + self.involved

    @property
    def per_ten_hours(self) -> float | None:
        return domain.cases_per_ten_hours(self.caseload, self.hours)


@dataclass(frozen=True)
class Candidates:
    """The candidates, and the household's domains in trouble they were
    matched against (empty: no ZRM or screening yet)."""

    rows: list[Candidate]
    troubled: list[LifeDomain]


def _latest_scores(
    case: Case | None, request: Any
) -> tuple[dict[str, int], dict[str, LifeDomain]]:
    """The household's latest (lowest over its members) level per domain code:
    the latest ZRM of each person on the case, or, before any, the request's
    screening (two queries); and the domains by code."""
    scores: dict[str, int] = {}
    seen: dict[str, LifeDomain] = {}
    if case is not None:
        latest: dict[int, tuple] = {}
        for score in (
            DomainScore.objects.filter(assessment__case=case)
            .select_related("domain", "assessment")
            .order_by("assessment__assessed_on", "assessment__created_at")
        ):
            key = (score.assessment.assessed_on, score.assessment.created_at)
            person = score.assessment.person_id
            if person not in latest or latest[person][0] != key:
                latest[person] = (key, {})
            latest[person][1][score.domain.code] = score.score
            seen[score.domain.code] = score.domain
        for _key, levels in latest.values():
            for code, level in levels.items():
                scores[code] = min(level, scores.get(code, level))
        request_id = case.request_id
    else:
        request_id = request.pk if request is not None else None
    if not scores and request_id is not None:
        for screened in ScreeningScore.objects.filter(
            screening__request_id=request_id
        ).select_related("domain"):
            scores[screened.domain.code] = screened.level
            seen[screened.domain.code] = screened.domain
    return scores, seen


def candidates(
    *,
    team: Any,
    case: Case | None = None,
    request: Any = None,
    directors_only: bool = False,
    exclude: tuple[int, ...] = (),
) -> Candidates:
    """The team's professionals (with `directors_only`, those who may direct)
    with caseload, hours and expertise match, for assigning a director or a
    second worker. A fixed number of queries whatever the team's size."""
    memberships = Membership.objects.filter(team=team, user__is_active=True).exclude(
        role=Membership.Role.FRONT_DESK
    )
    if directors_only:
        memberships = memberships.filter(can_direct=True)
    hours: dict[int, Any] = {}
    users: dict[int, User] = {}
    for m in memberships.select_related("user__organisation"):
        if m.user_id in exclude:
            continue
        users[m.user_id] = m.user
        hours[m.user_id] = hours.get(m.user_id, 0) + m.hours_per_week
    ids = list(users)
    directed = dict(
        Case.objects.open()
        .filter(director_id__in=ids)
        .values("director_id")
        .annotate(n=Count("pk"))
        .values_list("director_id", "n")
    )
    involved = dict(
        Involvement.objects.filter(
            professional_id__in=ids, until__isnull=True, case__status=Case.Status.OPEN
        )
        .values("professional_id")
        .annotate(n=Count("pk"))
        .values_list("professional_id", "n")
    )
    held: dict[int, list[int]] = {}
    for user_id, expertise_id in Expertise.professionals.through.objects.filter(
        user_id__in=ids
    ).values_list("user_id", "expertise_id"):
        held.setdefault(user_id, []).append(expertise_id)
    fields = {e.pk: e for e in Expertise.objects.prefetch_related("life_domains")}
    levels, domains = _latest_scores(case, request)
    troubled_codes = domain.troubled_domains(levels)
    troubled = sorted(
        (d for code, d in domains.items() if code in troubled_codes),
        key=lambda d: (d.position, d.code),
    )
    rows = []
    for user_id, user in users.items():
        expertise = sorted((fields[pk] for pk in held.get(user_id, [])), key=str)
        covered = {d.code for e in expertise for d in e.life_domains.all()}
        match = domain.matching_domains(covered, troubled_codes)
        rows.append(
            Candidate(
                user=user,
                hours=hours[user_id],
                directed=directed.get(user_id, 0),
                involved=involved.get(user_id, 0),
                expertise=expertise,
                matches=[d for d in troubled if d.code in match],
            )
        )
    rows.sort(key=lambda c: (c.user.last_name, c.user.first_name, c.user.pk))
    return Candidates(rows, troubled)


def kitchen_table_figures(*, team_ids: Any = None) -> dict[str, Any]:
    """The quality figure of the kitchen table (aggregates, no personal data):
    how many cases, their average peak of contact professionals at once, and
    how many went beyond the limit of two (one query)."""
    qs = Case.objects.all()
    if team_ids is not None:
        qs = qs.filter(team_id__in=team_ids)
    figures = qs.aggregate(
        cases=Count("pk"),
        average_peak=Avg("kitchen_table_peak"),
        above_limit=Count(
            "pk", filter=Q(kitchen_table_peak__gt=domain.KITCHEN_TABLE_LIMIT)
        ),
    )
    return figures
