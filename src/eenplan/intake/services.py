# SPDX-License-Identifier: EUPL-1.2
"""Writes for requests, screening and the first triage."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.assessments.domain import valid_score
from eenplan.assessments.models import LifeDomain
from eenplan.core.errors import DateOutOfRange, InvalidChoice
from eenplan.organisations.models import IntakePoint, Organisation, Team
from eenplan.people.models import Household, Person
from eenplan.privacy import selectors as privacy_selectors
from eenplan.privacy import services as privacy_services
from eenplan.privacy.models import DataCategory
from eenplan.services.models import Offer

from . import domain
from .errors import (
    AlreadyTriaged,
    NoIntakePoint,
    NoScreening,
    NotAwaitingReceiver,
    OverrideNeedsReason,
    PersonsNotInHousehold,
    ReferrerRequired,
    ReturnNeedsReasonAndAdvice,
    RoutingNeedsBasis,
    ScreeningLevelOutOfRange,
    SolvedAtDoorNeedsWhat,
    SolvedOfferNotNamed,
    TargetRequired,
)
from .models import (
    Outcome,
    Request,
    RoutingAnswer,
    Screening,
    ScreeningScore,
    TriageDecision,
    TriageRule,
)


def active_rules() -> list[domain.Rule]:
    return [
        domain.Rule(
            code=r.code,
            name=r.name,
            min_domains=r.min_domains,
            max_level=r.max_level,
            requires_safety_concern=r.requires_safety_concern,
            outcome=r.outcome,
            priority=r.priority,
        )
        for r in TriageRule.objects.filter(active=True)
    ]


def screening_evaluate(screening: Screening) -> domain.Evaluation:
    levels = {s.domain.name: s.level for s in screening.scores.select_related("domain")}
    return domain.evaluate(active_rules(), levels, screening.safety_concerns)


@transaction.atomic
def request_register(
    *,
    actor: Actor,
    household: Household,
    channel: str,
    question: str,
    persons: Iterable[Person],
    underlying_need: str = "",
    referrer: str = "",
    received_on: datetime.date | None = None,
) -> Request:
    """Register a question for help (hulpvraag) for a household."""
    policy.require(actor, Action.REQUEST_CREATE, household)
    if channel not in Request.Channel.values:
        raise InvalidChoice()
    if channel == Request.Channel.REFERRER and not referrer.strip():
        raise ReferrerRequired()
    received_on = received_on or timezone.localdate()
    allowed = domain.received_on_range(timezone.localdate())
    if received_on not in allowed:
        raise DateOutOfRange("received_on", allowed)
    persons = list(persons)
    member_ids = {p.pk for p in household.members()}
    if not persons or any(p.pk not in member_ids for p in persons):
        raise PersonsNotInHousehold()
    request = Request.objects.create(
        household=household,
        team=household.team,
        channel=channel,
        referrer=referrer.strip(),
        question=question.strip(),
        underlying_need=underlying_need.strip(),
        registered_by=actor.acting_user,
        received_on=received_on,
    )
    request.persons.set(persons)
    audit.record(
        actor=actor, action=Action.REQUEST_REGISTER, subject=request, persons=persons
    )
    return request


@transaction.atomic
def request_register_after_follow_up(
    *, actor: Actor, follow_up, question: str
) -> Request:
    """The follow-up check of a closed case found a new question for help:
    register it for the household (all current members), linked to the closed
    case so the household counts as reopened. Asked by the follow-up's service
    (cases), under the right to record that check."""
    policy.require(actor, Action.FOLLOW_UP_RECORD, follow_up)
    case = follow_up.case
    household = case.household
    persons = list(household.members())
    request = Request.objects.create(
        household=household,
        team=household.team,
        channel=Request.Channel.PHONE,
        question=question.strip(),
        registered_by=actor.acting_user,
        received_on=timezone.localdate(),
        follows_case=case,
    )
    request.persons.set(persons)
    audit.record(
        actor=actor, action=Action.REQUEST_REGISTER, subject=request, persons=persons
    )
    return request


@transaction.atomic
def screening_record(
    *,
    actor: Actor,
    request: Request,
    levels: Mapping[LifeDomain, int],
    safety_concerns: bool,
    notes: str = "",
) -> Screening:
    """Record (or redo, before triage) the short scan of a request."""
    policy.require(actor, Action.REQUEST_TRIAGE, request)
    # Ask the database: `request.triage` may hold a cached "no decision yet".
    if TriageDecision.objects.filter(request=request).exists():
        raise AlreadyTriaged()
    if not all(valid_score(level) for level in levels.values()):
        raise ScreeningLevelOutOfRange()
    Screening.objects.filter(request=request).delete()
    screening = Screening.objects.create(
        request=request,
        safety_concerns=safety_concerns,
        notes=notes,
        screened_by=actor.acting_user,
    )
    ScreeningScore.objects.bulk_create(
        ScreeningScore(screening=screening, domain=d, level=level)
        for d, level in levels.items()
    )
    audit.record(
        actor=actor,
        action=Action.REQUEST_SCREEN,
        subject=request,
        persons=request.persons.all(),
    )
    return screening


def routing_consented(request: Request, organisation: Organisation) -> bool:
    """Whether every person of the request consented to sharing it with
    `organisation` (the request-and-plan category)."""
    return privacy_selectors.consented(
        persons=request.persons.all(),
        organisation=organisation,
        category=Category.CASE_FILE,
    )


@transaction.atomic
def triage_decide(
    *,
    actor: Actor,
    request: Request,
    outcome: str,
    override_reason: str = "",
    target_team: Team | None = None,
    target_organisation: Organisation | None = None,
    basis_law: str = "",
    basis_categories: Iterable[DataCategory] = (),
    basis_explanation: str = "",
    solved_with: str = "",
    solved_note: str = "",
    solved_offer: Offer | None = None,
) -> TriageDecision:
    """Confirm or override the suggested triage outcome; route the request.

    Routing to a partner organisation sends the request to its intake for the
    request's team, and rests on the persons' consent or on a legal basis
    (`basis_law`, its categories and explanation), recorded with the triage.
    """
    policy.require(actor, Action.REQUEST_TRIAGE, request)
    if outcome not in Outcome.values:
        raise InvalidChoice()
    request = Request.objects.select_for_update().get(pk=request.pk)
    # A request sent back by its receiver is triaged again: its decision is
    # amended, the earlier routing stays in the receiver's answer.
    earlier = TriageDecision.objects.filter(request=request).first()
    if earlier is not None and request.status != Request.Status.RETURNED:
        raise AlreadyTriaged()
    try:
        screening = request.screening
    except Screening.DoesNotExist:
        raise NoScreening() from None
    evaluation = screening_evaluate(screening)
    override_reason = override_reason.strip()
    if outcome != evaluation.suggested_outcome and not override_reason:
        raise OverrideNeedsReason()
    if outcome == Outcome.ONE_DISCIPLINE and not (target_team or target_organisation):
        raise TargetRequired()
    if outcome != Outcome.ONE_DISCIPLINE:
        target_team = target_organisation = None
    if outcome == Outcome.SOLVED_AT_DOOR:
        if (
            solved_with not in TriageDecision.SolvedWith.values
            or not solved_note.strip()
        ):
            raise SolvedAtDoorNeedsWhat()
        if solved_with == TriageDecision.SolvedWith.OFFER and solved_offer is None:
            raise SolvedOfferNotNamed()
        if solved_with != TriageDecision.SolvedWith.OFFER:
            solved_offer = None
    else:
        solved_with = solved_note = ""
        solved_offer = None
    if target_team is not None:
        target_organisation = None
    if (
        target_organisation is not None
        and not IntakePoint.objects.filter(
            organisation=target_organisation, team_id=request.team_id
        ).exists()
    ):
        raise NoIntakePoint()
    # A partner's own team receives as its organisation does.
    receiving = target_organisation
    if target_team is not None:
        receiving = target_team.organisation
    if (
        receiving is not None
        and not basis_law
        and not routing_consented(request, receiving)
    ):
        raise RoutingNeedsBasis()
    if earlier is not None:
        earlier.delete()  # replaced below; the routing it made is in the answer
    decision = TriageDecision.objects.create(
        request=request,
        suggested_outcome=evaluation.suggested_outcome,
        fired_rules=[
            {
                "code": f.code,
                "name": f.name,
                "outcome": f.outcome,
                "explanation": f.explanation,
            }
            for f in evaluation.fired
        ],
        outcome=outcome,
        override_reason=override_reason
        if outcome != evaluation.suggested_outcome
        else "",
        target_team=target_team,
        target_organisation=target_organisation,
        solved_with=solved_with,
        solved_note=solved_note.strip(),
        solved_offer=solved_offer,
        decided_by=actor.acting_user,
    )
    if receiving is not None and basis_law:
        privacy_services.legal_basis_record(
            actor=actor,
            request=request,
            law=basis_law,
            organisation=receiving,
            categories=basis_categories,
            explanation=basis_explanation,
        )
    request.status = {
        Outcome.SOLVED_AT_DOOR: Request.Status.CLOSED,
        Outcome.ONE_DISCIPLINE: Request.Status.ROUTED,
        Outcome.URGENT: Request.Status.AWAITING_DIRECTOR,
        Outcome.INTEGRAL: Request.Status.AWAITING_DIRECTOR,
    }[Outcome(outcome)]
    request.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=Action.REQUEST_TRIAGE,
        subject=request,
        persons=request.persons.all(),
    )
    return decision


@transaction.atomic
def routed_answer(
    *,
    actor: Actor,
    request: Request,
    accept: bool,
    reason: str = "",
    advice: str = "",
) -> RoutingAnswer:
    """The receiver picks the routed request up, or sends it back to the front
    desk of its team with a reason and advice on where the resident can go."""
    policy.require(actor, Action.REQUEST_ANSWER, request)
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status != Request.Status.ROUTED:
        raise NotAwaitingReceiver()
    if not accept and not (reason.strip() and advice.strip()):
        raise ReturnNeedsReasonAndAdvice()
    triage = TriageDecision.objects.get(request=request)
    answer = RoutingAnswer.objects.create(
        request=request,
        routed_to_team_id=triage.target_team_id,
        routed_to_organisation_id=triage.target_organisation_id,
        accepted=accept,
        reason="" if accept else reason.strip(),
        advice="" if accept else advice.strip(),
        answered_by=actor.acting_user,
    )
    request.status = Request.Status.PICKED_UP if accept else Request.Status.RETURNED
    request.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=Action.REQUEST_PICK_UP if accept else Action.REQUEST_RETURN,
        subject=request,
        persons=request.persons.all(),
    )
    return answer
