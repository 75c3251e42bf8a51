# SPDX-License-Identifier: EUPL-1.2
"""Plan actions assigned to partners (Uitvoeren Actie): assign, answer, report,
and what the assignee sees; every refusal path of the state machine."""

import datetime

import pytest
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.audit.models import AuditEntry
from eenplan.core.errors import (
    DateOutOfRange,
    InvalidChoice,
    NotFoundOrForbidden,
    PermissionDenied,
)
from eenplan.inbox.models import Notification
from eenplan.organisations.tests.factories import OrganisationFactory, intake_for
from eenplan.plans import domain, selectors, services
from eenplan.plans.errors import (
    AlreadyAssigned,
    AssignmentAlreadyAnswered,
    AssignmentNotAccepted,
    AssignOnlyAgreed,
    DeclineNeedsReason,
    EmptyProgress,
    NoIntakeForAction,
    NoSharingForAction,
)
from eenplan.plans.models import Action, Assignment, GoalProgress, Plan
from eenplan.privacy.models import Consent

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
S = Assignment.Status


def agreed_action(plan, due_on=None):
    """An action of an agreed version (saved past the draft-only guard, as the
    factories do for goals)."""
    action = Action(
        plan=plan,
        goal=plan.goals.first(),
        description="Een schuldhulptraject starten",
        performer_kind=Action.PerformerKind.PROFESSIONAL,
        performer="Schuldhulp",
        due_on=due_on or TODAY + 14 * DAY,
    )
    Action.objects.bulk_create([action])
    return Action.objects.select_related("plan__case").get(uuid=action.uuid)


@pytest.fixture
def world():
    """The receiving organisation's intake is the actor; everyone consented."""
    return World("receiver")


def assign(world, action=None, **kwargs):
    kwargs.setdefault("organisation", world.receiving)
    return services.action_assign(
        actor=act(world.director), action=action or agreed_action(world.plan), **kwargs
    )


def test_the_director_assigns_an_action_to_a_partners_intake(world):
    action = agreed_action(world.plan)
    assignment = assign(world, action)
    action.refresh_from_db()
    assert action.assignment == assignment and assignment.status == S.ASSIGNED
    assert assignment.due_on == action.due_on and assignment.professional is None
    told = Notification.objects.get(key=f"assignment:{assignment.uuid}")
    assert told.recipient == world.user and told.kind == "action_assigned"
    assert AuditEntry.objects.filter(
        action="assignment.create", object_uuid=assignment.uuid
    ).exists()


def test_only_the_director_or_team_leader_assigns(world):
    with pytest.raises(PermissionDenied):
        services.action_assign(
            actor=act(world.user),
            action=agreed_action(world.plan),
            organisation=world.receiving,
        )


def test_a_draft_version_is_not_assigned_from(world):
    draft = Plan.objects.create(case=world.case, version=2, created_by=world.director)
    draft_action = Action.objects.create(
        plan=draft,
        description="x",
        performer_kind="professional",
        performer="y",
        due_on=TODAY,
    )
    with pytest.raises(AssignOnlyAgreed):
        assign(world, draft_action)


def test_an_action_is_assigned_once_and_again_after_a_decline(world):
    action = agreed_action(world.plan)
    first = assign(world, action)
    with pytest.raises(AlreadyAssigned):
        assign(world, Action.objects.get(pk=action.pk))
    services.assignment_answer(
        actor=act(world.user), assignment=first, accept=False, reason="Geen capaciteit"
    )
    second = assign(world, Action.objects.get(pk=action.pk))
    assert second != first
    assert Action.objects.get(pk=action.pk).assignment == second


def test_an_organisation_without_intake_needs_a_named_professional(world):
    elsewhere = OrganisationFactory(name="Buurtwerk", kind="welfare")
    with pytest.raises(NoIntakeForAction):
        assign(world, organisation=elsewhere)


def test_no_consent_no_assignment_outside_the_team(world):
    intake_for(ProfessionalFactory(organisation=world.partner), world.team)
    with pytest.raises(NoSharingForAction):
        assign(world, organisation=world.partner)


def test_a_professional_of_the_team_needs_no_consent(world):
    colleague = ProfessionalFactory(team=world.team, organisation=world.partner)
    assignment = assign(world, organisation=world.partner, professional=colleague)
    assert assignment.professional == colleague
    assert Notification.objects.get(key=f"assignment:{assignment.uuid}").recipient == (
        colleague
    )


def test_the_professional_must_work_at_the_organisation(world):
    with pytest.raises(InvalidChoice):
        assign(world, professional=ProfessionalFactory(team=world.team))


def test_accepting_makes_the_accepter_the_professional_and_tells_the_director(world):
    assignment = assign(world)
    done = services.assignment_answer(
        actor=act(world.user), assignment=assignment, accept=True
    )
    assert done.status == S.ACCEPTED and done.professional == world.user
    assert Notification.objects.get(
        key=f"assignment_answered:{assignment.uuid}"
    ).recipient == (world.director)
    with pytest.raises(AssignmentAlreadyAnswered):
        services.assignment_answer(
            actor=act(world.user), assignment=assignment, accept=True
        )


def test_declining_needs_a_reason(world):
    assignment = assign(world)
    with pytest.raises(DeclineNeedsReason):
        services.assignment_answer(
            actor=act(world.user), assignment=assignment, accept=False, reason=" "
        )
    assignment.refresh_from_db()
    assert assignment.status == S.ASSIGNED


def test_only_the_assignee_answers(world):
    assignment = assign(world)
    for other in (world.director, ProfessionalFactory(organisation=world.receiving)):
        with pytest.raises(PermissionDenied):
            services.assignment_answer(
                actor=act(other), assignment=assignment, accept=True
            )


def _accepted(world):
    assignment = assign(world)
    return services.assignment_answer(
        actor=act(world.user), assignment=assignment, accept=True
    )


def test_progress_and_the_result_are_reported_by_the_professional(world):
    assignment = _accepted(world)
    services.assignment_report(
        actor=act(world.user),
        assignment=assignment,
        text="Eerste gesprek gehad.",
        is_result=False,
        reported_on=TODAY,
    )
    services.assignment_report(
        actor=act(world.user),
        assignment=assignment,
        text="Regeling getroffen met alle schuldeisers.",
        is_result=True,
        reported_on=TODAY,
    )
    assignment.refresh_from_db()
    assert assignment.status == S.DONE and assignment.done_on == TODAY
    assert assignment.result == "Regeling getroffen met alle schuldeisers."
    assert assignment.reports.count() == 2
    assert Notification.objects.filter(
        key=f"assignment_result:{assignment.uuid}", recipient=world.director
    ).exists()
    with pytest.raises(AssignmentNotAccepted):
        services.assignment_report(
            actor=act(world.user),
            assignment=assignment,
            text="Nog iets",
            is_result=False,
            reported_on=TODAY,
        )


def test_progress_needs_acceptance_text_and_a_date_up_to_today(world):
    assignment = assign(world)
    report = {"actor": act(world.user), "is_result": False, "reported_on": TODAY}
    with pytest.raises(AssignmentNotAccepted):
        services.assignment_report(assignment=assignment, text="x", **report)
    assignment = services.assignment_answer(
        actor=act(world.user), assignment=assignment, accept=True
    )
    with pytest.raises(EmptyProgress):
        services.assignment_report(assignment=assignment, text="  ", **report)
    report["reported_on"] = TODAY + DAY
    with pytest.raises(DateOutOfRange):
        services.assignment_report(assignment=assignment, text="x", **report)


def test_the_assignee_sees_the_action_and_loses_it_when_consent_goes(world):
    assignment = assign(world)
    read = selectors.assignment_get(actor=act(world.user), uuid=assignment.uuid)
    assert read.action.description == "Een schuldhulptraject starten"
    assert read.withheld == 0 and len(read.persons) == len(
        world.case.household.concerned_person_ids()
    )
    assert {
        row.assignment for row in selectors.assignments_for_me(actor=act(world.user))
    } == {assignment, world.assignment}
    Consent.objects.filter(organisations=world.receiving).update(withdrawn_on=TODAY)
    with pytest.raises(NotFoundOrForbidden):
        selectors.assignment_get(actor=act(world.user), uuid=assignment.uuid)
    assert selectors.assignments_for_me(actor=act(world.user)) == []


def test_staff_of_the_organisation_outside_its_intake_see_nothing(world):
    assignment = assign(world)
    outsider = ProfessionalFactory(organisation=world.receiving)
    with pytest.raises(NotFoundOrForbidden):
        selectors.assignment_get(actor=act(outsider), uuid=assignment.uuid)
    assert selectors.assignments_for_me(actor=act(outsider)) == []


def test_the_review_carries_the_assignment_into_the_next_version(world):
    action = agreed_action(world.plan)
    assignment = assign(world, action)
    draft = services.review_record(
        actor=act(world.director),
        plan=world.plan,
        held_on=TODAY,
        summary="Gaat goed",
        progress={
            g: (GoalProgress.Progress.ON_TRACK, "") for g in world.plan.goals.all()
        },
    )
    copy = draft.actions.get(description=action.description)
    assert copy.assignment == assignment
    with pytest.raises(AssignOnlyAgreed):  # the reviewed version is not assigned from
        assign(world, agreed_action(world.plan))


def test_the_plan_overview_marks_stalled_actions():
    world = World("receiver")
    late = agreed_action(world.plan, due_on=TODAY - 20 * DAY)
    Action.objects.filter(pk=late.pk).update(
        assignment=Assignment.objects.create(
            case=world.case,
            organisation=world.receiving,
            assigned_by=world.director,
            due_on=TODAY - 20 * DAY,
        )
    )
    on_time = agreed_action(world.plan)
    assign(world, on_time)
    plan = selectors.plan_get(actor=act(world.director), uuid=world.plan.uuid)
    assert selectors.mark_stalled(plan, TODAY) == 1
    flags = {a.pk: a.stalled for g in plan.goal_list for a in g.action_list}
    assert flags[late.pk] is True and flags[on_time.pk] is False


@pytest.mark.parametrize(
    ("due", "last", "is_open", "stalled"),
    [
        (-1, None, True, True),  # past its date, never reported
        (0, None, True, False),  # due today: not past it
        (-30, -14, True, False),  # reported 14 days ago: still moving
        (-30, -15, True, True),  # 15 days of silence
        (-30, None, False, False),  # done or declined: not stalled
    ],
)
def test_stalled_is_past_its_date_without_recent_progress(due, last, is_open, stalled):
    assert (
        domain.action_stalled(
            due_on=TODAY + due * DAY,
            last_report_on=None if last is None else TODAY + last * DAY,
            is_open=is_open,
            today=TODAY,
        )
        is stalled
    )
