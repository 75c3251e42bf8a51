# SPDX-License-Identifier: EUPL-1.2
"""Reads that gather from several apps for one page: my work, the household's
timeline and the people around it, the plans of a case.

Each page asks the policy once for the set it shows (`policy.restrict`,
`policy.sharing`) and decides each item in memory, so its query count does not
grow with the number of requests, cases, assessments or plans.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Role
from eenplan.access.categories import Category
from eenplan.access.decisions import Relation
from eenplan.assessments.models import Assessment
from eenplan.cases import domain as case_domain
from eenplan.cases import selectors as case_selectors
from eenplan.cases.models import Case, Handover, Involvement
from eenplan.collaboration import selectors as collaboration_selectors
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.consultations import selectors as consultation_selectors
from eenplan.intake import selectors as intake_selectors
from eenplan.intake.models import Request
from eenplan.organisations.models import Absence, Team
from eenplan.people import selectors as people_selectors
from eenplan.people.models import HouseholdMember
from eenplan.plans import domain as plans_domain
from eenplan.plans import selectors as plan_selectors
from eenplan.plans.domain import DUE, OVERDUE, PLANNED, due_soon_until, review_state
from eenplan.plans.models import Assignment, AssignmentReport, Plan, Review
from eenplan.services import selectors as grant_selectors


def case_plans(*, case: Case) -> dict[str, Any]:
    """The case's plan versions: the current agreed one, the draft, and all,
    newest first. `to_review` is the agreed version still waiting for its
    review; once reviewed, the next version is being written instead."""
    plans = list(case.plans.select_related("review").order_by("-version"))
    current = next((p for p in plans if p.status == Plan.Status.AGREED), None)
    reviewed = current is not None and _has_review(current)
    return {
        "all": plans,
        "current": current,
        "to_review": current if current is not None and not reviewed else None,
        "draft": next((p for p in plans if p.status == Plan.Status.DRAFT), None),
    }


def _has_review(plan: Plan) -> bool:
    try:
        return plan.review is not None
    except Review.DoesNotExist:
        return False


def _event(date, kind, title="", detail="", url=None, withheld=False) -> dict:
    return {
        "date": date,
        "kind": kind,
        "title": "" if withheld else title,
        "detail": "" if withheld else detail,
        "url": url,
        "withheld": withheld,
    }


def household_timeline(*, actor: Actor, household) -> list[dict]:
    """Everything that happened to the household, newest first.

    Requests, triage decisions, cases opened and closed, intakes, ZRM
    assessments, agreed plan versions and reviews. Each item is shown by the
    data category it belongs to: a partner from outside the team sees "not
    shared with your organisation" where consent or a legal basis does not
    reach. Cases the actor has no relation to show only that they exist.
    A fixed number of queries, whatever the household's history.
    """
    cases = list(
        Case.objects.filter(household=household).select_related("director", "intake")
    )
    requests = list(
        Request.objects.filter(household=household).select_related(
            "triage__target_team"
        )
    )
    case_shares = policy.sharing(actor, cases)
    request_shares = policy.request_sharing(actor, requests, cases)
    events: list[dict] = []
    for req in requests:
        shares = request_shares[req.pk]
        hidden = not shares.allows(Category.CASE_FILE)
        url = ("intake:request", req.uuid) if not hidden else None
        events.append(
            _event(
                req.received_on,
                _("Request"),
                req.get_channel_display(),
                req.question,
                url,
                hidden,
            )
        )
        triage = getattr(req, "triage", None)
        if triage is not None:
            events.append(
                _event(
                    triage.decided_at.date(),
                    _("Triage"),
                    triage.get_outcome_display(),
                    triage.override_reason,
                    url,
                    hidden,
                )
            )
    readable = []
    for case in cases:
        shares = case_shares[case.pk]
        if shares.relation in (Relation.NONE, Relation.TEAM_MEMBER):
            continue  # no relation to the case: its file is not theirs to read
        if not shares.case_file and not shares.any(Category.ZRM):
            # A partner with nothing of the file shared: only that it exists.
            events.append(_event(case.opened_on, _("Case opened"), withheld=True))
            continue
        readable.append(case)
        url = ("workspace:case", case.uuid)
        hidden = not shares.case_file
        events.append(
            _event(
                case.opened_on,
                _("Case opened"),
                _("Director: %(name)s") % {"name": case.director},
                url=url,
            )
        )
        intake = getattr(case, "intake", None)
        if intake is not None:
            events.append(
                _event(
                    intake.held_on,
                    _("Integral intake"),
                    detail=intake.underlying_need,
                    url=url,
                    withheld=hidden,
                )
            )
        if case.closed_on:
            events.append(
                _event(
                    case.closed_on,
                    _("Case closed"),
                    case.get_closure_reason_display(),
                    case.closure_note,
                    url,
                    hidden,
                )
            )
    case_ids = [case.pk for case in readable]
    for assessment in Assessment.objects.filter(case__in=case_ids).select_related(
        "person"
    ):
        if assessment.case_id is None:
            continue
        shares = case_shares[assessment.case_id]
        hidden = not shares.allows(Category.ZRM, [assessment.person_id])
        events.append(
            _event(
                assessment.assessed_on,
                _("ZRM"),
                f"{assessment.person} ({assessment.get_kind_display()})",
                url=("workspace:case", _uuid_of(readable, assessment.case_id)),
                withheld=hidden,
            )
        )
    file_cases = [c.pk for c in readable if case_shares[c.pk].case_file]
    for plan in Plan.objects.filter(case__in=file_cases, agreed_on__isnull=False):
        events.append(
            _event(
                plan.agreed_on,
                _("Plan agreed"),
                _("Version %(version)d") % {"version": plan.version},
                plan.get_agreed_how_display(),
                ("plans:plan", plan.uuid),
            )
        )
    for review in Review.objects.filter(plan__case__in=file_cases).select_related(
        "plan"
    ):
        events.append(
            _event(
                review.held_on,
                _("Review"),
                _("Of version %(version)d") % {"version": review.plan.version},
                review.summary,
                ("plans:plan", review.plan.uuid),
            )
        )
    # Consultation outcomes as the household reads them: no other case of the
    # agenda, no participants, no question.
    for row in consultation_selectors.outcomes_for_household(case_ids=file_cases):
        outcome = row["outcome"]
        events.append(
            _event(
                row["date"],
                _("Consultation outcome"),
                outcome.decisions,
                outcome.shared_picture,
                ("workspace:case", _uuid_of(readable, row["case_id"])),
            )
        )
    events += _working_together(file_cases)
    events.sort(key=lambda e: e["date"], reverse=True)
    return events


def _working_together(case_ids: list[int]) -> list[dict]:
    """Referrals sent and answered, hand-overs, and actions done by partners on
    the cases whose request and plan the actor reads (three queries)."""
    events: list[dict] = []
    for referral in Referral.objects.filter(case__in=case_ids).select_related(
        "to_organisation"
    ):
        url = ("collaboration:referral", referral.uuid)
        events.append(
            _event(
                timezone.localtime(referral.created_at).date(),
                _("Referral"),
                str(referral.to_organisation),
                referral.question,
                url,
            )
        )
        if referral.answered_at is not None:
            events.append(
                _event(
                    timezone.localtime(referral.answered_at).date(),
                    _("Referral answered"),
                    f"{referral.to_organisation}: {referral.get_status_display()}",
                    referral.advice,
                    url,
                )
            )
    for handover in Handover.objects.filter(case__in=case_ids).select_related(
        "case", "to_user"
    ):
        events.append(
            _event(
                timezone.localtime(handover.created_at).date(),
                _("Hand-over"),
                f"{handover.get_kind_display()}: {handover.to_user}",
                handover.note,
                ("workspace:case", handover.case.uuid),
            )
        )
    for assignment in Assignment.objects.filter(
        case__in=case_ids, status=Assignment.Status.DONE
    ).select_related("organisation"):
        events.append(
            _event(
                assignment.done_on,
                _("Action done by a partner"),
                str(assignment.organisation),
                assignment.result,
                ("plans:assignment", assignment.uuid),
            )
        )
    return events


def _uuid_of(cases, case_id):
    return next(case.uuid for case in cases if case.pk == case_id)


@dataclass(frozen=True)
class KnownCase:
    """An open case as a search shows it: who directs it (always: so nobody
    opens a second case) and which other organisations are involved — by
    name only where the household's request and plan flow to the actor,
    else only that there are some (that a GGZ organisation is involved is
    itself sensitive)."""

    case: Case
    organisations: list[Any]
    others_involved: bool


@dataclass(frozen=True)
class Found:
    """A household found by a search, with its open cases and their directors,
    so nobody opens a second case for a household that has one."""

    household: Any
    known: list[KnownCase]

    @property
    def open_cases(self) -> list[Case]:
        return [k.case for k in self.known]


def household_search(*, actor: Actor, **criteria: Any) -> list[Found]:
    """Households the actor may see (see `people.selectors.household_search`,
    which audits the persons shown), each with its open cases, their
    directors and the organisations involved: a fixed number of queries for
    any number of results (the cases, their involvements, the sharing facts)."""
    households = people_selectors.household_search(actor=actor, **criteria)
    if not households:
        return []
    cases = list(
        Case.objects.open()
        .filter(household__in=households)
        .select_related("director__organisation")
        .order_by("opened_on", "pk")
    )
    involved: dict[int, dict[int, Any]] = {case.pk: {} for case in cases}
    if cases:
        for inv in Involvement.objects.filter(
            case__in=cases, until__isnull=True
        ).select_related("professional__organisation"):
            organisation = inv.professional.organisation
            if organisation is not None:
                involved[inv.case_id][organisation.pk] = organisation
    shares = policy.sharing(actor, cases)
    known: dict[int, list[KnownCase]] = {h.pk: [] for h in households}
    for case in cases:
        others = {
            pk: org
            for pk, org in involved[case.pk].items()
            if pk != case.director.organisation_id
        }
        named = shares[case.pk].allows(Category.CASE_FILE)
        known[case.household_id].append(
            KnownCase(
                case,
                sorted(others.values(), key=str) if named else [],
                bool(others) and not named,
            )
        )
    return [Found(household=h, known=known[h.pk]) for h in households]


def household_open_cases(*, household) -> list[Case]:
    """The household's open case(s), to link to; opening one asks the policy."""
    return list(
        Case.objects.open().filter(household=household).select_related("director")
    )


def household_professionals(*, household, actor: Actor | None = None) -> list[dict]:
    """Professionals around the household: directors and involvements of open
    cases (two queries, and the sharing facts the actor remembers).

    With `actor`: as on the search, the director always, professionals of
    other organisations only where the household's request and plan flow to
    the actor; the rest is one row saying other organisations are involved."""
    cases = list(
        Case.objects.open()
        .filter(household=household)
        .select_related("director__organisation")
    )
    involvements = Involvement.objects.filter(
        case__in=cases, until__isnull=True
    ).select_related("professional__organisation")
    shares = policy.sharing(actor, cases) if actor is not None and cases else {}
    directors = {case.pk: case.director.organisation_id for case in cases}
    people = [{"user": case.director, "is_director": True} for case in cases]
    others = False
    for inv in involvements:
        named = actor is None or shares[inv.case_id].allows(Category.CASE_FILE)
        own = inv.professional.organisation_id == directors[inv.case_id]
        if named or own:
            people.append({"user": inv.professional, "role": inv.role})
        else:
            others = True
    if others:
        people.append({"others": True})
    return people


@dataclass(frozen=True)
class InvolvedCase:
    """A case the actor works on without directing it, as far as they may see:
    the address when basic data is shared, the director, the next review."""

    case: Case
    basis: bool
    next_review_due: Any

    @property
    def label(self) -> str:
        return self.case.household.address if self.basis else ""


def _involved_cases(actor: Actor) -> list[InvolvedCase]:
    """Open cases the actor is involved in (two queries, and the sharing facts of
    partner cases, which the actor remembers for the page)."""
    ids = [stub.pk for stub in actor.relations.involved_cases if stub.is_open]
    if not ids:
        return []
    cases = list(
        Case.objects.filter(pk__in=ids)
        .select_related("household", "director__organisation")
        .order_by("opened_on")
    )
    reviews = dict(
        Plan.objects.filter(
            case__in=ids, status=Plan.Status.AGREED, review__isnull=True
        ).values_list("case_id", "next_review_due")
    )
    shares = policy.sharing(actor, cases)
    return [
        InvolvedCase(case, shares[case.pk].any(Category.BASIC), reviews.get(case.pk))
        for case in cases
    ]


@dataclass(frozen=True)
class RoutedRequest:
    """A request in the queue of the actor's team or organisation: the address
    when its basic data flows to the actor, so requests can be told apart."""

    request: Request
    basis: bool


def _routed_to_me(actor: Actor) -> list[RoutedRequest]:
    requests = list(intake_selectors.requests_routed_to_me(actor=actor))
    shares = policy.request_sharing(actor, requests)
    return [RoutedRequest(r, shares[r.pk].any(Category.BASIC)) for r in requests]


@dataclass(frozen=True)
class ReviewDue:
    """An agreed plan version and how its next review stands (planned, due soon,
    overdue)."""

    plan: Plan
    state: str

    @property
    def label(self) -> str:
        return {OVERDUE: _("overdue"), DUE: _("due soon")}.get(self.state, _("planned"))


# Hand-overs to the actor stay on "my work" this long, with their note.
HANDED_OVER_SHOWN = datetime.timedelta(days=30)
QUEUE_LIMIT = 100  # requests of a queue shown on "my work", oldest first
# Escalations waiting for the actor's forum shown on "my work", oldest first:
# a monthly forum takes a handful; the meeting form lists them all.
ESCALATIONS_SHOWN = 20


class Queue(list):
    """The first QUEUE_LIMIT requests of a queue, and whether more wait."""

    more: bool = False


def _first(queryset, limit: int = QUEUE_LIMIT) -> Queue:
    rows = Queue(queryset[: limit + 1])
    rows.more = len(rows) > limit
    del rows[limit:]
    return rows


def my_work(*, actor: Actor) -> dict[str, Any]:
    """What needs the actor's attention: cases, reviews, requests to triage or
    assign, routed requests and referrals for their organisation."""
    today = timezone.localdate()
    leader_teams = actor.team_ids(Role.TEAM_LEADER)
    open_cases = list(
        Case.objects.open()
        .filter(director_id=actor.user_id)
        .select_related("household")
        .order_by("opened_on")
    )
    # One query for the plans on the list: the agreed versions still waiting
    # for their review (a reviewed one has a next version being written: that
    # is on the list as a draft), and the drafts of the actor's own cases.
    # A team leader's agreed versions are those due soon or overdue only: read
    # just those, not every plan of the team (hundreds at a million residents).
    plans = list(
        Plan.objects.filter(case__status=Case.Status.OPEN)
        .filter(
            Q(status=Plan.Status.AGREED, review__isnull=True)
            & (
                Q(case__director_id=actor.user_id)
                | Q(
                    case__team_id__in=leader_teams,
                    next_review_due__lte=due_soon_until(today),
                )
            )
            | Q(status=Plan.Status.DRAFT, case__director_id=actor.user_id)
        )
        .select_related("case__household", "case__director")
        .order_by("next_review_due", "case_id", "-version")
    )
    # Reviews of the actor's own cases, and for team leaders those due or overdue.
    reviews = [
        ReviewDue(plan, review_state(plan.next_review_due, today))
        for plan in plans
        if plan.status == Plan.Status.AGREED and plan.next_review_due is not None
    ]
    reviews = [
        r
        for r in reviews
        if r.plan.case.director_id == actor.user_id or r.state != PLANNED
    ]
    drafts = sorted(
        (p for p in plans if p.status == Plan.Status.DRAFT),
        key=lambda p: (p.case_id, -p.version),  # as Plan's default order
    )
    involved = _involved_cases(actor)
    awaiting_triage = _first(intake_selectors.requests_awaiting_triage(actor=actor))
    awaiting_director = _first(intake_selectors.requests_awaiting_director(actor=actor))
    routed = _routed_to_me(actor)
    referrals = collaboration_selectors.referrals_received(actor=actor)
    # Dates, teams and forums only: no personal data on these two lists.
    consultations = consultation_selectors.upcoming_for(actor=actor)
    escalations = _first(
        consultation_selectors.escalations_waiting(actor=actor), ESCALATIONS_SHOWN
    )
    assigned = plan_selectors.assignments_for_me(actor=actor)
    # Service, requester and cost only: no personal data on this list.
    approvals = grant_selectors.approvals_waiting(actor=actor)
    handed_over = case_selectors.handovers_to(
        actor=actor, since=timezone.now() - HANDED_OVER_SHOWN
    )
    follow_ups = case_selectors.follow_ups_due(
        actor=actor, today=today, limit=QUEUE_LIMIT
    )
    # Second workers (Beter Thuis) whose six weeks are over, on the actor's
    # own cases: decide together whether they stay (no query without cases).
    second_workers = (
        list(
            Involvement.objects.filter(
                case__in=[c.pk for c in open_cases],
                until__isnull=True,
                planned_until__lte=today,
            )
            .select_related("professional", "case__household")
            .order_by("planned_until", "pk")
        )
        if open_cases
        else []
    )
    # Addresses on this page are personal data: audit whose households are listed.
    households = {c.household_id for c in open_cases}
    households |= {row.case.household_id for row in involved if row.basis}
    households |= {r.plan.case.household_id for r in reviews}
    households |= {p.case.household_id for p in drafts}
    households |= {r.household_id for r in awaiting_triage + awaiting_director}
    households |= {row.request.household_id for row in routed if row.basis}
    households |= {r.case.household_id for r in referrals}
    households |= {row.assignment.case.household_id for row in assigned if row.basis}
    households |= {h.case.household_id for h in handed_over}
    households |= {f.case.household_id for f in follow_ups}
    if households:
        audit.record(
            actor=actor,
            action=Action.WORK_VIEW,
            persons=HouseholdMember.objects.filter(
                household_id__in=households, until__isnull=True
            ).values_list("person_id", flat=True),
        )
    return {
        "today": today,
        "open_cases": open_cases,
        "involved": involved,
        "reviews": reviews,
        "drafts": drafts,
        "awaiting_triage": awaiting_triage,
        "awaiting_director": awaiting_director,
        "queue_limit": QUEUE_LIMIT,
        "routed_to_me": routed,
        "referrals_received": referrals,
        "consultations": consultations,
        "escalations_waiting": escalations,
        "escalations_shown": ESCALATIONS_SHOWN,
        "assigned_to_me": assigned,
        "approvals": approvals,
        "handed_over": handed_over,
        "follow_ups": follow_ups,
        "second_workers": second_workers,
    }


@dataclass(frozen=True)
class MemberLoad:
    """A team member: role, hours in the team, open cases directed and places at
    tables, and whether they are away today."""

    membership: Any
    directed: int
    involved: int
    absent: Any


def _last_activity() -> Any:
    """The latest date anything happened on a case: opened, a plan agreed, a
    review held, a report written, progress reported on an action."""

    def latest(model, field, path="case"):
        return Subquery(
            model.objects.filter(**{path: OuterRef("pk")})
            .order_by()
            .values(path)
            .annotate(last=Max(field))
            .values("last")[:1]
        )

    return Greatest(
        F("opened_on"),
        Coalesce(latest(Plan, "agreed_on"), F("opened_on")),
        Coalesce(latest(Review, "held_on", "plan__case"), F("opened_on")),
        Coalesce(latest(JournalEntry, "written_on"), F("opened_on")),
        Coalesce(
            latest(AssignmentReport, "reported_on", "assignment__case"), F("opened_on")
        ),
    )


LIST_LIMIT = 100  # rows per list on the team overview, oldest first


def team_overview(*, actor: Actor, team: Any) -> dict[str, Any]:
    """What a team leader watches: who is in the team and how loaded, who is
    away, and what is stuck: overdue reviews and referrals, stalled actions and
    cases that stood still. A fixed number of queries; audited for the
    households it lists."""
    policy.require(actor, Action.TEAM_VIEW, team)
    today = timezone.localdate()
    memberships = list(
        team.memberships.select_related("user__organisation").order_by(
            "user__last_name", "user__first_name", "role"
        )
    )
    directed = dict(
        Case.objects.open()
        .filter(team=team)
        .values("director_id")
        .annotate(n=Count("pk"))
        .values_list("director_id", "n")
    )
    involved = dict(
        Involvement.objects.filter(
            until__isnull=True, case__status=Case.Status.OPEN, case__team=team
        )
        .values("professional_id")
        .annotate(n=Count("pk"))
        .values_list("professional_id", "n")
    )
    absent = {
        a.professional_id: a
        for a in Absence.objects.filter(team=team, starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
    }
    members = [
        MemberLoad(
            m,
            directed.get(m.user_id, 0),
            involved.get(m.user_id, 0),
            absent.get(m.user_id),
        )
        for m in memberships
    ]
    overdue_reviews = list(
        Plan.objects.filter(
            status=Plan.Status.AGREED,
            review__isnull=True,
            case__status=Case.Status.OPEN,
            case__team=team,
            next_review_due__lt=today,
        )
        .select_related("case__household", "case__director")
        .order_by("next_review_due", "pk")[:LIST_LIMIT]
    )
    overdue_referrals = list(
        Referral.objects.filter(
            status=Referral.Status.SENT,
            case__status=Case.Status.OPEN,
            case__team=team,
            answer_by__lt=today,
        )
        .select_related("case__household", "to_organisation")
        .order_by("answer_by", "pk")[:LIST_LIMIT]
    )
    late_actions = (
        Assignment.objects.filter(
            status__in=[Assignment.Status.ASSIGNED, Assignment.Status.ACCEPTED],
            case__status=Case.Status.OPEN,
            case__team=team,
            due_on__lt=today,
        )
        .annotate(last_report_on=Max("reports__reported_on"))
        .select_related("case__household", "organisation", "professional")
        .order_by("due_on", "pk")
    )
    stalled = [
        a
        for a in late_actions[: LIST_LIMIT * 5]
        if plans_domain.action_stalled(
            due_on=a.due_on,
            last_report_on=a.last_report_on,
            is_open=True,
            today=today,
        )
    ][:LIST_LIMIT]
    days = settings.EENPLAN_STANDSTILL_DAYS
    standing = list(
        Case.objects.open()
        .filter(team=team)
        .annotate(last_activity=_last_activity())
        .filter(last_activity__lt=case_domain.standstill_before(today, days))
        .select_related("household", "director")
        .order_by("last_activity", "pk")[:LIST_LIMIT]
    )
    households = {p.case.household_id for p in overdue_reviews}
    households |= {r.case.household_id for r in overdue_referrals}
    households |= {a.case.household_id for a in stalled}
    households |= {c.household_id for c in standing}
    if households:
        audit.record(
            actor=actor,
            action=Action.TEAM_VIEW,
            persons=HouseholdMember.objects.filter(
                household_id__in=households, until__isnull=True
            ).values_list("person_id", flat=True),
        )
    return {
        "team": team,
        "today": today,
        "members": members,
        "overdue_reviews": overdue_reviews,
        "overdue_referrals": overdue_referrals,
        "stalled_actions": stalled,
        "standing_still": standing,
        "standstill_days": days,
        "list_limit": LIST_LIMIT,
        "can_register_absence": bool(policy.can(actor, Action.ABSENCE_REGISTER, team)),
    }


def teams_led(*, actor: Actor) -> list[Any]:
    """The teams the actor leads, by name (one query)."""
    return list(Team.objects.filter(pk__in=actor.team_ids(Role.TEAM_LEADER)))
