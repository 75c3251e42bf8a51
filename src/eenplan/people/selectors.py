# SPDX-License-Identifier: EUPL-1.2
"""Reads of persons and households, always through the access policy."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet

from eenplan import audit
from eenplan.core.bsn import normalise_bsn
from eenplan.privacy import policy

from .models import Household, HouseholdMember


def current_members_prefetch(lookup: str = "memberships") -> Prefetch:
    """Prefetch a household's current members (oldest first) as `current_members`."""
    return Prefetch(
        lookup,
        queryset=HouseholdMember.objects.filter(until__isnull=True)
        .select_related("person")
        .order_by("person__birth_date"),
        to_attr="current_members",
    )


def household_search(
    *,
    actor,
    name: str = "",
    birth_date: datetime.date | None = None,
    postcode: str = "",
    house_number: int | None = None,
    bsn: str = "",
    limit: int = 25,
) -> list[Household]:
    """Find visible households by a member's name, date of birth or BSN, or by address.

    Every given criterion must match (AND). Returns an empty list when no
    criterion is given: we never list everyone.
    """
    person_q = Q()
    household_q = Q()
    if name:
        for word in name.split():
            person_q &= Q(person__given_names__icontains=word) | Q(
                person__family_name__icontains=word
            )
    if birth_date:
        person_q &= Q(person__birth_date=birth_date)
    if bsn:
        person_q &= Q(person__bsn=normalise_bsn(bsn))
    if postcode:
        household_q &= Q(postcode=postcode.replace(" ", "").upper())
    if house_number:
        household_q &= Q(house_number=house_number)
    if not person_q and not household_q:
        return []
    qs = policy.visible_households(actor).filter(household_q)
    if person_q:
        member_ids = HouseholdMember.objects.filter(
            person_q, until__isnull=True
        ).values("household_id")
        qs = qs.filter(pk__in=member_ids)
    households = [
        household
        for household in qs.select_related("team").prefetch_related(
            current_members_prefetch()
        )[:limit]
        if policy.can(actor, "household.view", household)
    ]
    persons = [m.person for h in households for m in h.current_members]
    if households:
        audit.record(actor=actor, action="household.search", persons=persons)
    return households


def household_get(*, actor, uuid) -> Household:
    """One visible household with its current members; audited as a read."""
    qs: QuerySet = policy.visible_households(actor).select_related("team")
    household = policy.require_visible(
        qs.prefetch_related(current_members_prefetch()), uuid=uuid
    )
    policy.require(actor, "household.view", household)
    audit.record(
        actor=actor,
        action="household.view",
        subject=household,
        persons=[m.person for m in household.current_members],
    )
    return household


def household_timeline(*, actor, household) -> list[dict]:
    """Everything that happened to the household, newest first, in fixed queries.

    Requests, triage decisions, cases opened and closed, intakes, ZRM
    assessments, agreed plan versions and reviews.
    """
    from django.utils.translation import gettext as _

    from eenplan.assessments.models import Assessment
    from eenplan.cases.models import Case
    from eenplan.intake.models import Request
    from eenplan.plans.models import Plan, Review

    events: list[dict] = []
    requests = Request.objects.filter(household=household).select_related(
        "triage", "registered_by"
    )
    for req in requests:
        events.append(
            {
                "date": req.received_on,
                "kind": _("Request"),
                "title": req.get_channel_display(),
                "detail": req.question,
                "url": ("intake:request", req.uuid),
            }
        )
        triage = getattr(req, "triage", None)
        if triage is not None:
            events.append(
                {
                    "date": triage.decided_at.date(),
                    "kind": _("Triage"),
                    "title": triage.get_outcome_display(),
                    "detail": triage.override_reason,
                    "url": ("intake:request", req.uuid),
                }
            )
    cases = [
        case
        for case in Case.objects.filter(household=household).select_related(
            "director", "intake"
        )
        if policy.can(actor, "case.view", case)
    ]
    case_ids = [case.pk for case in cases]
    for case in cases:
        events.append(
            {
                "date": case.opened_on,
                "kind": _("Case opened"),
                "title": _("Director: %(name)s") % {"name": case.director},
                "detail": "",
                "url": ("cases:case", case.uuid),
            }
        )
        intake = getattr(case, "intake", None)
        if intake is not None:
            events.append(
                {
                    "date": intake.held_on,
                    "kind": _("Integral intake"),
                    "title": "",
                    "detail": intake.underlying_need,
                    "url": ("cases:case", case.uuid),
                }
            )
        if case.closed_on:
            events.append(
                {
                    "date": case.closed_on,
                    "kind": _("Case closed"),
                    "title": case.get_closure_reason_display(),
                    "detail": case.closure_note,
                    "url": ("cases:case", case.uuid),
                }
            )
    assessments = Assessment.objects.filter(case__in=case_ids).select_related(
        "person", "case"
    )
    # One decision per (case, person), not per assessment: for a partner
    # professional each decision is a consent query.
    zrm_visible: dict[tuple[int, int], bool] = {}
    for assessment in assessments:
        key = (assessment.case_id, assessment.person_id)
        if key not in zrm_visible:
            zrm_visible[key] = bool(policy.can(actor, "assessment.view", assessment))
        if not zrm_visible[key]:
            continue
        events.append(
            {
                "date": assessment.assessed_on,
                "kind": _("ZRM"),
                "title": f"{assessment.person} ({assessment.get_kind_display()})",
                "detail": "",
                "url": ("cases:case", assessment.case.uuid),
            }
        )
    plans = Plan.objects.filter(case__in=case_ids, agreed_on__isnull=False)
    for plan in plans:
        events.append(
            {
                "date": plan.agreed_on,
                "kind": _("Plan agreed"),
                "title": _("Version %(version)d") % {"version": plan.version},
                "detail": plan.get_agreed_how_display(),
                "url": ("plans:plan", plan.uuid),
            }
        )
    reviews = Review.objects.filter(plan__case__in=case_ids).select_related("plan")
    for review in reviews:
        events.append(
            {
                "date": review.held_on,
                "kind": _("Review"),
                "title": _("Of version %(version)d") % {"version": review.plan.version},
                "detail": review.summary,
                "url": ("plans:plan", review.plan.uuid),
            }
        )
    events.sort(key=lambda e: e["date"], reverse=True)
    return events


def household_open_cases(*, household) -> list:
    """The household's open case(s), to link to; opening one asks the policy."""
    from eenplan.cases.models import Case

    return list(
        Case.objects.open().filter(household=household).select_related("director")
    )


def household_professionals(*, household) -> list[dict]:
    """Professionals around the household: directors and involvements of open cases."""
    from eenplan.cases.models import Case, Involvement

    people = []
    for case in (
        Case.objects.open()
        .filter(household=household)
        .select_related("director__organisation")
    ):
        people.append({"user": case.director, "role": "director"})
        for inv in Involvement.objects.filter(
            case=case, until__isnull=True
        ).select_related("professional__organisation"):
            people.append({"user": inv.professional, "role": inv.role})
    return people


PERSON_LOOKUP_LIMIT = 20


def person_lookup(*, name: str = "", birth_date=None, bsn: str = "") -> list:
    """Persons matching every given criterion (none given: nobody).

    Only for callers that asked the policy first and audit what they show:
    the privacy officer's audit trail and data export.
    """
    from .models import Person

    q = Q()
    for word in name.split():
        q &= Q(given_names__icontains=word) | Q(family_name__icontains=word)
    if birth_date:
        q &= Q(birth_date=birth_date)
    if bsn:
        q &= Q(bsn=normalise_bsn(bsn))
    if not q:
        return []
    return list(
        Person.objects.filter(q).order_by("family_name", "birth_date")[
            :PERSON_LOOKUP_LIMIT
        ]
    )
