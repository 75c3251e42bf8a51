# SPDX-License-Identifier: EUPL-1.2
"""Reads of cases and of "my work", through the access policy."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from eenplan import audit
from eenplan.collaboration import selectors as collaboration_selectors
from eenplan.intake import selectors as intake_selectors
from eenplan.people.models import HouseholdMember
from eenplan.people.selectors import current_members_prefetch
from eenplan.plans.domain import review_state
from eenplan.plans.models import Plan
from eenplan.privacy import policy

from .errors import CaseAccessRefused
from .models import Case


def case_get(*, actor, uuid) -> Case:
    """One case the user has a relation to (or broke the glass for); audited.

    A case of a household the user may not find is a 404. A case of a
    household they know without a relation to the case is refused (403), the
    refusal audited, and the user may break the glass.
    """
    qs = policy.visible_cases(actor).select_related(
        "household__team", "director__organisation", "team", "request"
    )
    case = policy.require_visible(
        qs.prefetch_related(current_members_prefetch("household__memberships")),
        uuid=uuid,
    )
    persons = [m.person for m in case.household.current_members]
    decision = policy.can(actor, "case.view", case)
    if not decision:
        audit.record(
            actor=actor,
            action="case.view",
            subject=case,
            persons=persons,
            outcome="refused",
            reason=decision.reason,
        )
        raise CaseAccessRefused(case)
    audit.record(
        actor=actor,
        action="case.view",
        subject=case,
        persons=persons,
        break_glass=decision.break_glass,
        purpose=decision.relation,
    )
    case.access = decision
    return case


def case_involvements(*, case) -> list:
    """The professionals working on the case besides the director, now."""
    return list(
        case.involvements.filter(until__isnull=True)
        .select_related("professional__organisation")
        .order_by("since")
    )


def case_known(*, actor, uuid) -> Case:
    """A case of a household the user may find, without reading its content.

    For breaking the glass: nothing of the case is shown, so nothing is audited
    here; a household the user may not find is a 404 as everywhere.
    """
    qs = policy.visible_cases(actor).select_related("household")
    return policy.require_visible(qs, uuid=uuid)


def case_plans(*, case) -> dict:
    """The case's plan versions: current (agreed), draft, and all, newest first."""
    plans = list(case.plans.select_related("review").order_by("-version"))
    return {
        "all": plans,
        "current": next((p for p in plans if p.status == Plan.Status.AGREED), None),
        "draft": next((p for p in plans if p.status == Plan.Status.DRAFT), None),
    }


def my_work(*, actor) -> dict:
    """What needs the user's attention: cases, reviews, requests to triage or assign."""
    today = timezone.localdate()
    leader_teams = policy.team_ids(actor, policy.TEAM_LEADER)
    open_cases = list(
        Case.objects.open()
        .filter(director=actor)
        .select_related("household")
        .prefetch_related("plans")
        .order_by("opened_on")
    )
    reviews = list(
        Plan.objects.filter(status=Plan.Status.AGREED, case__status=Case.Status.OPEN)
        .filter(Q(case__director=actor) | Q(case__team_id__in=leader_teams))
        .select_related("case__household", "case__director")
        .order_by("next_review_due")
    )
    for plan in reviews:
        plan.review_state = review_state(plan.next_review_due, today)
    # Reviews of the user's own cases, and for team leaders only those due or overdue.
    reviews = [
        p
        for p in reviews
        if p.case.director_id == actor.pk or p.review_state != "planned"
    ]
    drafts = list(
        Plan.objects.filter(
            status=Plan.Status.DRAFT,
            case__status=Case.Status.OPEN,
            case__director=actor,
        ).select_related("case__household")
    )
    awaiting_triage = list(intake_selectors.requests_awaiting_triage(actor=actor))
    awaiting_director = list(intake_selectors.requests_awaiting_director(actor=actor))
    routed = list(intake_selectors.requests_routed_to_me(actor=actor))
    referrals = collaboration_selectors.referrals_received(actor=actor)
    # Addresses on this page are personal data: audit whose households are listed.
    households = {c.household_id for c in open_cases}
    households |= {p.case.household_id for p in reviews + drafts}
    households |= {r.household_id for r in awaiting_triage + awaiting_director + routed}
    households |= {r.case.household_id for r in referrals}
    if households:
        audit.record(
            actor=actor,
            action="work.view",
            persons=HouseholdMember.objects.filter(
                household_id__in=households, until__isnull=True
            ).values_list("person_id", flat=True),
        )
    return {
        "today": today,
        "open_cases": open_cases,
        "reviews": reviews,
        "drafts": drafts,
        "awaiting_triage": awaiting_triage,
        "awaiting_director": awaiting_director,
        "routed_to_me": routed,
        "referrals_received": referrals,
    }
