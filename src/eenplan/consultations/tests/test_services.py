# SPDX-License-Identifier: EUPL-1.2
"""The state machines of consultations and escalations, and every refusal."""

import datetime

import pytest
from django.utils import timezone

from eenplan.access.errors import Refused
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import (
    DirectorFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
    UserFactory,
)
from eenplan.audit.models import AuditEntry
from eenplan.cases.errors import HouseholdNotTold
from eenplan.cases.models import Handover
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.collaboration.models import Referral
from eenplan.consultations import errors, services
from eenplan.consultations.models import Consultation, Escalation, Outcome
from eenplan.consultations.services import ActionInput
from eenplan.core.errors import CaseClosed
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.plans.models import Goal, Plan
from eenplan.plans.tests.factories import PlanFactory

from .factories import EscalationFactory, ForumFactory, consultation_for

pytestmark = pytest.mark.django_db

TOMORROW = timezone.now() + datetime.timedelta(days=1)


def _action(**kwargs):
    data = {
        "description": "Samen de post openen",
        "performer_kind": "professional",
        "performer": "Schuldhulp",
        "due_on": timezone.localdate() + datetime.timedelta(days=14),
    }
    data.update(kwargs)
    return ActionInput(**data)


def _record(consultation, actor_user, **kwargs):
    data = {
        "shared_picture": "De schulden groeien; moeder wil hulp.",
        "decisions": "Schuldhulp start deze maand.",
    }
    data.update(kwargs)
    return services.outcome_record(
        actor=act(actor_user), item=consultation.item, **data
    )


# --- Planning ------------------------------------------------------------------


def test_a_team_leader_plans_a_consultation_with_a_partner_professional(
    team_leader, open_case
):
    partner = ProfessionalFactory(organisation=OrganisationFactory(name="GGZ Oost"))
    consultation = services.consultation_plan(
        actor=act(team_leader),
        cases=[open_case],
        starts_at=TOMORROW,
        chair=team_leader,
        participants=[partner],
        questions={open_case.pk: "Wie pakt de schulden op?"},
        household_takes_part=True,
    )
    assert consultation.status == Consultation.Status.PLANNED
    assert consultation.team == open_case.team
    assert consultation.household_takes_part
    assert {p.user for p in consultation.participants.all()} == {team_leader, partner}
    assert consultation.items.get().question == "Wie pakt de schulden op?"
    assert AuditEntry.objects.filter(action="consultation.plan").exists()


def test_a_director_plans_on_the_cases_they_direct_only(director, open_case, team):
    other = CaseFactory(household__team=team)
    services.consultation_plan(
        actor=act(director), cases=[open_case], starts_at=TOMORROW, chair=director
    )
    with pytest.raises(errors.NotYourCase):
        services.consultation_plan(
            actor=act(director),
            cases=[open_case, other],
            starts_at=TOMORROW,
            chair=director,
        )


def test_a_professional_who_may_not_direct_cannot_plan(professional, open_case):
    with pytest.raises(Refused):
        services.consultation_plan(
            actor=act(professional),
            cases=[open_case],
            starts_at=TOMORROW,
            chair=open_case.director,
        )


def test_planning_refusals(team_leader, open_case, other_team):
    leader = act(team_leader)
    plan = services.consultation_plan
    with pytest.raises(errors.AgendaEmpty):
        plan(actor=leader, cases=[], starts_at=TOMORROW, chair=team_leader)
    elsewhere = CaseFactory(household__team=other_team)
    with pytest.raises(errors.AgendaOfOneTeam):
        plan(
            actor=leader,
            cases=[open_case, elsewhere],
            starts_at=TOMORROW,
            chair=team_leader,
        )
    with pytest.raises(Refused):  # another team's case only
        plan(actor=leader, cases=[elsewhere], starts_at=TOMORROW, chair=team_leader)
    with pytest.raises(errors.ChairNotAllowed):
        plan(
            actor=leader,
            cases=[open_case],
            starts_at=TOMORROW,
            chair=ProfessionalFactory(team=open_case.team),
        )
    inactive = ProfessionalFactory(is_active=False)
    no_team = UserFactory()
    for participant in (inactive, no_team):
        with pytest.raises(errors.ParticipantNotAllowed):
            plan(
                actor=leader,
                cases=[open_case],
                starts_at=TOMORROW,
                chair=team_leader,
                participants=[participant],
            )
    with pytest.raises(errors.StartsInThePast):
        plan(
            actor=leader,
            cases=[open_case],
            starts_at=timezone.now() - datetime.timedelta(days=1),
            chair=team_leader,
        )
    closed = CaseFactory(household__team=open_case.team, closed=True)
    with pytest.raises(CaseClosed):
        plan(actor=leader, cases=[closed], starts_at=TOMORROW, chair=team_leader)
    assert not Consultation.objects.exists()


# --- Cancelling ----------------------------------------------------------------


def test_cancel_needs_a_reason_and_only_a_planned_one(director, open_case):
    consultation = consultation_for(open_case, ahead=True)
    with pytest.raises(errors.CancelNeedsReason):
        services.consultation_cancel(
            actor=act(director), consultation=consultation, reason=" "
        )
    services.consultation_cancel(
        actor=act(director), consultation=consultation, reason="Voorzitter ziek"
    )
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CANCELLED
    with pytest.raises(errors.ConsultationNotPlanned):
        services.consultation_cancel(
            actor=act(director), consultation=consultation, reason="Nog eens"
        )
    with pytest.raises(errors.ConsultationCancelled):
        _record(consultation, director)


def test_a_participant_cannot_cancel(director, open_case):
    partner = ProfessionalFactory()
    consultation = consultation_for(open_case, ahead=True, participants=[partner])
    with pytest.raises(Refused):
        services.consultation_cancel(
            actor=act(partner), consultation=consultation, reason="Geen tijd"
        )


# --- Outcomes --------------------------------------------------------------------


def test_the_outcome_puts_agreed_actions_in_the_draft_plan(director, open_case):
    draft = PlanFactory(case=open_case, goals=1)
    consultation = consultation_for(open_case)
    outcome = _record(consultation, director, actions=[_action()])
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.HELD
    assert outcome.director == director and not outcome.director_changed
    assert list(draft.actions.values_list("description", flat=True)) == [
        "Samen de post openen"
    ]
    assert outcome.actions.get().plan == draft
    assert AuditEntry.objects.filter(action="consultation.record").exists()
    assert AuditEntry.objects.filter(action="plan.action_add").exists()


def test_with_only_an_agreed_plan_the_next_version_opens_as_a_copy(director, open_case):
    agreed = PlanFactory(case=open_case, agreed=True, goals=2)
    consultation = consultation_for(open_case)
    _record(consultation, director, actions=[_action()])
    agreed.refresh_from_db()
    assert agreed.status == Plan.Status.AGREED  # unchanged, still current
    assert agreed.actions.count() == 0
    draft = Plan.objects.get(case=open_case, status=Plan.Status.DRAFT)
    assert draft.version == agreed.version + 1
    assert draft.goals.count() == 2
    assert draft.actions.get().description == "Samen de post openen"
    assert AuditEntry.objects.filter(action="plan.next_draft").exists()


def test_a_case_without_a_plan_gets_its_first_draft(director, open_case):
    _record(consultation_for(open_case), director, actions=[_action()])
    plan = Plan.objects.get(case=open_case)
    assert plan.version == 1 and plan.is_draft and plan.actions.count() == 1


def test_a_review_after_the_consultation_keeps_its_draft(director, open_case):
    """The draft the consultation opened stays; goals reached at the review
    leave it."""
    from eenplan.plans import services as plan_services

    agreed = PlanFactory(case=open_case, agreed=True, goals=2)
    for n, goal in enumerate(agreed.goals.all()):
        Goal.objects.filter(pk=goal.pk).update(description=f"Doel {n}")
    _record(consultation_for(open_case), director, actions=[_action()])
    first, second = agreed.goals.all()
    draft = plan_services.review_record(
        actor=act(director),
        plan=agreed,
        held_on=timezone.localdate(),
        summary="Goed gesprek",
        progress={first: ("reached", ""), second: ("on_track", "")},
    )
    assert Plan.objects.filter(case=open_case, status=Plan.Status.DRAFT).count() == 1
    assert [g.description for g in draft.goals.all()] == [second.description]
    assert draft.actions.filter(description="Samen de post openen").exists()


def test_a_new_director_goes_through_the_cases_service(team_leader, open_case):
    successor = DirectorFactory(team=open_case.team)
    consultation = consultation_for(open_case, chair=team_leader)
    with pytest.raises(HouseholdNotTold):
        _record(consultation, team_leader, director=successor)
    outcome = _record(
        consultation, team_leader, director=successor, household_told="phone"
    )
    open_case.refresh_from_db()
    assert open_case.director == successor
    assert outcome.director == successor and outcome.director_changed
    assert AuditEntry.objects.filter(action="case.change_director").exists()
    handover = Handover.objects.get(case=open_case)
    assert "Schuldhulp start deze maand." in handover.note


def test_a_chair_who_does_not_direct_the_case_adds_no_actions(open_case, team):
    chair = DirectorFactory(team=team)
    consultation = consultation_for(open_case, chair=chair)
    with pytest.raises(errors.NotDirectingForActions):
        _record(consultation, chair, actions=[_action()])
    with pytest.raises(errors.NotDirectingForActions):
        _record(consultation, chair, director=chair)
    # Without them the chair records the outcome.
    assert _record(consultation, chair).pk


def test_outcome_refusals(director, open_case):
    early = consultation_for(open_case, ahead=True)
    with pytest.raises(errors.OutcomeTooEarly):
        _record(early, director)
    consultation = consultation_for(open_case)
    with pytest.raises(errors.OutcomeIncomplete):
        _record(consultation, director, shared_picture=" ")
    with pytest.raises(errors.ActionIncomplete):
        _record(consultation, director, actions=[_action(performer=" ")])
    with pytest.raises(errors.ApplicationError):
        _record(
            consultation,
            director,
            actions=[_action(due_on=timezone.localdate() - datetime.timedelta(1))],
        )
    _record(consultation, director)
    with pytest.raises(errors.OutcomeAlreadyRecorded):
        _record(consultation, director)
    assert Outcome.objects.count() == 1


def test_a_participant_does_not_record_the_outcome(open_case):
    partner = ProfessionalFactory()
    consultation = consultation_for(open_case, participants=[partner])
    with pytest.raises(Refused):
        _record(consultation, partner)


def test_no_outcome_for_a_closed_case(director, open_case):
    consultation = consultation_for(open_case)
    open_case.status, open_case.closed_on = "closed", timezone.localdate()
    open_case.closure_reason = "goals_reached"
    open_case.save()
    with pytest.raises(CaseClosed):
        _record(consultation, director)


# --- Escalation -----------------------------------------------------------------


def test_escalation_raised_put_on_agenda_and_decided(open_case, director):
    manager = TeamLeaderFactory(team=TeamFactory())
    forum = ForumFactory(members=[manager])
    escalation = services.escalation_raise(
        actor=act(director),
        case=open_case,
        forum=forum,
        kind="disagreement",
        question="GGZ en jeugdhulp zijn het niet eens: wie neemt de regie?",
    )
    assert escalation.status == Escalation.Status.RAISED
    meeting = services.forum_meeting_plan(
        actor=act(manager),
        forum=forum,
        starts_at=timezone.now() + datetime.timedelta(minutes=1),
        escalations=[escalation],
    )
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.ON_AGENDA
    assert meeting.kind == Consultation.Kind.ESCALATION and meeting.chair == manager
    assert {p.user for p in meeting.participants.all()} == {manager, director}
    Consultation.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    successor = DirectorFactory(team=open_case.team)
    item = escalation.item
    with pytest.raises(errors.DecisionRequired):
        services.outcome_record(
            actor=act(manager), item=item, shared_picture="Vastgelopen", decisions=""
        )
    services.outcome_record(
        actor=act(manager),
        item=item,
        shared_picture="Vastgelopen",
        decisions="Jeugdhulp neemt de regie.",
        director=successor,
        household_told="letter",
    )
    escalation.refresh_from_db()
    open_case.refresh_from_db()
    assert escalation.status == Escalation.Status.DECIDED
    assert escalation.decision == "Jeugdhulp neemt de regie."
    assert open_case.director == successor  # binding, through case_change_director
    assert AuditEntry.objects.filter(action="escalation.decide").exists()


def test_any_involved_professional_escalates(open_case):
    partner = ProfessionalFactory()
    InvolvementFactory(case=open_case, professional=partner)
    escalation = services.escalation_raise(
        actor=act(partner),
        case=open_case,
        forum=ForumFactory(),
        kind="standstill",
        question="Er gebeurt niets.",
    )
    assert escalation.raised_by == partner


def test_escalation_refusals(open_case, director, professional):
    forum = ForumFactory()
    raise_ = services.escalation_raise
    with pytest.raises(Refused):  # neither director nor involved
        raise_(
            actor=act(professional),
            case=open_case,
            forum=forum,
            kind="standstill",
            question="?",
        )
    with pytest.raises(errors.EscalationQuestionRequired):
        raise_(
            actor=act(director),
            case=open_case,
            forum=forum,
            kind="standstill",
            question=" ",
        )
    with pytest.raises(errors.NotEnoughDeclinedReferrals):
        raise_(
            actor=act(director),
            case=open_case,
            forum=forum,
            kind="declined_referrals",
            question="Niemand neemt het op.",
        )
    inactive = ForumFactory(active=False)
    with pytest.raises(errors.ForumInactive):
        raise_(
            actor=act(director),
            case=open_case,
            forum=inactive,
            kind="standstill",
            question="?",
        )
    raise_(
        actor=act(director),
        case=open_case,
        forum=forum,
        kind="standstill",
        question="Er gebeurt niets.",
    )
    with pytest.raises(errors.EscalationOpen):
        raise_(
            actor=act(director),
            case=open_case,
            forum=forum,
            kind="disagreement",
            question="Nog een",
        )
    closed = CaseFactory(closed=True)
    with pytest.raises(CaseClosed):
        raise_(
            actor=act(closed.director),
            case=closed,
            forum=forum,
            kind="standstill",
            question="?",
        )


def test_two_declined_referrals_may_be_escalated(open_case, director):
    organisation = OrganisationFactory(name="Schuldhulp Zuid")
    for _ in range(2):
        Referral.objects.create(
            case=open_case,
            sent_by=director,
            to_organisation=organisation,
            question="?",
            answer_by=timezone.localdate(),
            status="declined",
            decline_reason="Vol",
            advice="Elders",
        )
    escalation = services.escalation_raise(
        actor=act(director),
        case=open_case,
        forum=ForumFactory(),
        kind="declined_referrals",
        question="Twee keer afgewezen.",
    )
    assert escalation.kind == "declined_referrals"


def test_the_raiser_withdraws_also_from_the_agenda(open_case, director):
    manager = TeamLeaderFactory(team=TeamFactory())
    forum = ForumFactory(members=[manager])
    escalation = EscalationFactory(case=open_case, forum=forum)
    with pytest.raises(Refused):
        services.escalation_withdraw(actor=act(manager), escalation=escalation)
    meeting = services.forum_meeting_plan(
        actor=act(manager), forum=forum, starts_at=TOMORROW, escalations=[escalation]
    )
    services.escalation_withdraw(actor=act(director), escalation=escalation)
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.WITHDRAWN
    assert not meeting.items.exists()
    with pytest.raises(errors.EscalationNotOpen):
        services.escalation_withdraw(actor=act(director), escalation=escalation)


def test_forum_meeting_refusals(open_case):
    manager = TeamLeaderFactory(team=TeamFactory())
    forum, other = ForumFactory(members=[manager]), ForumFactory()
    escalation = EscalationFactory(case=open_case, forum=other)
    with pytest.raises(Refused):  # not a member of the other forum
        services.forum_meeting_plan(
            actor=act(manager), forum=other, starts_at=TOMORROW, escalations=[]
        )
    with pytest.raises(errors.EscalationNotForForum):
        services.forum_meeting_plan(
            actor=act(manager),
            forum=forum,
            starts_at=TOMORROW,
            escalations=[escalation],
        )
    with pytest.raises(errors.EscalationNotForForum):
        services.forum_meeting_plan(
            actor=act(manager), forum=forum, starts_at=TOMORROW, escalations=[]
        )


def test_cancelling_a_forum_meeting_puts_its_escalations_back(open_case):
    manager = TeamLeaderFactory(team=TeamFactory())
    forum = ForumFactory(members=[manager])
    escalation = EscalationFactory(case=open_case, forum=forum)
    meeting = services.forum_meeting_plan(
        actor=act(manager), forum=forum, starts_at=TOMORROW, escalations=[escalation]
    )
    services.consultation_cancel(
        actor=act(manager), consultation=meeting, reason="Ziek"
    )
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.RAISED and escalation.item is None


def test_the_database_allows_one_open_escalation_per_case(open_case):
    from django.db import IntegrityError, transaction

    EscalationFactory(case=open_case)
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationFactory(case=open_case)


# --- The inbox --------------------------------------------------------------------


def test_participants_are_told_of_the_plan_and_of_the_outcome(team_leader, open_case):
    from eenplan.inbox.models import Notification

    partner = ProfessionalFactory()
    consultation = services.consultation_plan(
        actor=act(team_leader),
        cases=[open_case],
        starts_at=timezone.now(),
        chair=team_leader,
        participants=[partner, open_case.director],
    )
    told = Notification.objects.filter(kind="consultation")
    assert {n.recipient for n in told} == {partner, open_case.director}
    consultation.item = consultation.items.get()
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    _record(consultation, team_leader)
    assert told.filter(recipient=partner).count() == 2
    # No personal data in a notification: a link to the page, which asks.
    assert all(str(consultation.uuid) in n.url for n in told)


def test_forum_members_are_told_an_escalation_waits(open_case, director):
    from eenplan.inbox.models import Notification

    manager = TeamLeaderFactory(team=TeamFactory())
    forum = ForumFactory(members=[manager])
    escalation = services.escalation_raise(
        actor=act(director),
        case=open_case,
        forum=forum,
        kind="standstill",
        question="Er gebeurt niets.",
    )
    notification = Notification.objects.get(kind="escalation")
    assert notification.recipient == manager
    assert str(escalation.uuid) in notification.url
