# SPDX-License-Identifier: EUPL-1.2
"""Registering a request, screening it and the first triage, on the database."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from eenplan.access.categories import Category
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import FrontDeskFactory, ProfessionalFactory
from eenplan.assessments.models import LifeDomain
from eenplan.audit.models import AuditEntry
from eenplan.core.errors import PermissionDenied
from eenplan.intake import services
from eenplan.intake.errors import (
    AlreadyTriaged,
    NoScreening,
    OverrideNeedsReason,
    PersonsNotInHousehold,
    TargetRequired,
)
from eenplan.intake.models import (
    Outcome,
    Request,
    Screening,
    ScreeningScore,
    TriageDecision,
    TriageRule,
)
from eenplan.intake.tests.factories import (
    ScreeningFactory,
    TriageDecisionFactory,
    published_rules_data,
)
from eenplan.organisations.tests.factories import (
    IntakePointFactory,
    OrganisationFactory,
)
from eenplan.people.tests.factories import PersonFactory, members_of
from eenplan.privacy.tests.factories import consent_for

pytestmark = pytest.mark.django_db

# Solved at the door says what was given.
SOLVED = {"solved_with": "information", "solved_note": "Folder schuldhulp meegegeven"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def request_(help_request):
    return help_request


def domain(code):
    return LifeDomain.objects.get(code=code)


def screen(actor, request, safety=False, **levels):
    return services.screening_record(
        actor=act(actor),
        request=request,
        levels={domain(code.replace("_", "-")): lvl for code, lvl in levels.items()},
        safety_concerns=safety,
    )


# Registering


def test_front_desk_registers_a_request_for_household_members(front_desk, household):
    persons = members_of(household)[:2]
    request = services.request_register(
        actor=act(front_desk),
        household=household,
        channel=Request.Channel.PHONE,
        question="  Ik wil een scootmobiel.  ",
        underlying_need=" Ik kom de deur niet meer uit. ",
        persons=persons,
    )
    request.refresh_from_db()
    assert request.status == Request.Status.AWAITING_TRIAGE
    assert request.team == household.team
    assert request.question == "Ik wil een scootmobiel."
    assert request.underlying_need == "Ik kom de deur niet meer uit."
    assert request.registered_by == front_desk
    assert request.received_on == timezone.localdate()
    assert set(request.persons.all()) == set(persons)
    entry = AuditEntry.objects.get(action="request.register")
    assert entry.person_ids == sorted(p.pk for p in persons)
    assert entry.object_uuid == request.uuid


def test_a_request_for_someone_outside_the_household_is_refused(front_desk, household):
    stranger = PersonFactory()
    with pytest.raises(PersonsNotInHousehold):
        services.request_register(
            actor=act(front_desk),
            household=household,
            channel=Request.Channel.DESK,
            question="Vraag",
            persons=[members_of(household)[0], stranger],
        )
    assert not Request.objects.exists()


def test_a_request_needs_at_least_one_person(front_desk, household):
    with pytest.raises(PersonsNotInHousehold):
        services.request_register(
            actor=act(front_desk),
            household=household,
            channel=Request.Channel.DESK,
            question="Vraag",
            persons=[],
        )


def test_a_professional_cannot_register_a_request(professional, household):
    with pytest.raises(PermissionDenied):
        services.request_register(
            actor=act(professional),
            household=household,
            channel=Request.Channel.DESK,
            question="Vraag",
            persons=members_of(household),
        )


# Screening


def test_screening_stores_the_levels_and_safety_concern(front_desk, request_):
    screening = screen(front_desk, request_, safety=True, financien=2, huisvesting=3)
    assert screening.safety_concerns
    assert {(s.domain.code, s.level) for s in screening.scores.all()} == {
        ("financien", 2),
        ("huisvesting", 3),
    }
    assert AuditEntry.objects.filter(action="request.screen").count() == 1


def test_screening_again_before_triage_replaces_the_first(front_desk, request_):
    screen(front_desk, request_, financien=2)
    screen(front_desk, request_, justitie=3)
    assert Screening.objects.filter(request=request_).count() == 1
    assert list(
        ScreeningScore.objects.filter(screening__request=request_).values_list(
            "domain__code", flat=True
        )
    ) == ["justitie"]


def test_screening_after_triage_is_refused(front_desk, request_):
    # The same instance throughout: it remembers "no triage yet" from the
    # first screening, so the service must ask the database.
    screen(front_desk, request_)
    services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.SOLVED_AT_DOOR,
        **SOLVED,
    )
    with pytest.raises(AlreadyTriaged):
        screen(front_desk, request_, financien=1)
    assert not ScreeningScore.objects.filter(screening__request=request_).exists()


def test_front_desk_of_another_team_cannot_screen(other_team, request_):
    with pytest.raises(PermissionDenied):
        screen(FrontDeskFactory(team=other_team), request_, financien=1)


def test_a_professional_of_the_team_cannot_screen(team, request_):
    with pytest.raises(PermissionDenied):
        screen(ProfessionalFactory(team=team), request_, financien=1)


# Triage rules in the database


def test_the_migration_publishes_the_rules_of_triage_rules_json(triage_rules):
    expected = {
        d["code"]: (d["outcome"], d["priority"]) for d in published_rules_data()
    }
    assert {r.code: (r.outcome, r.priority) for r in services.active_rules()} == (
        expected
    )


def test_an_inactive_rule_does_not_fire(front_desk, request_, triage_rules):
    TriageRule.objects.filter(code="one-discipline").update(active=False)
    screening = screen(front_desk, request_, financien=3)
    evaluation = services.screening_evaluate(screening)
    assert evaluation.suggested_outcome == Outcome.SOLVED_AT_DOOR
    assert "one-discipline" not in [f.code for f in evaluation.fired]


# Triage decision and the request's status


def test_solved_at_the_door_closes_the_request(front_desk, request_):
    screen(front_desk, request_, financien=4)
    decision = services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.SOLVED_AT_DOOR,
        **SOLVED,
    )
    request_.refresh_from_db()
    assert request_.status == Request.Status.CLOSED
    assert decision.suggested_outcome == Outcome.SOLVED_AT_DOOR
    assert not decision.overridden
    assert decision.decided_by == front_desk


def test_one_discipline_routes_the_request_to_the_chosen_partner(front_desk, request_):
    partner = OrganisationFactory(name="Schuldhulp Westland")
    IntakePointFactory(organisation=partner, team=request_.team)
    for person in request_.persons.all():
        consent_for(person, partner, Category.CASE_FILE)
    screen(front_desk, request_, financien=3)
    decision = services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.ONE_DISCIPLINE,
        target_organisation=partner,
    )
    request_.refresh_from_db()
    assert request_.status == Request.Status.ROUTED
    assert decision.target_organisation == partner


def test_one_discipline_needs_a_team_or_partner(front_desk, request_):
    screen(front_desk, request_, financien=3)
    with pytest.raises(TargetRequired):
        services.triage_decide(
            actor=act(front_desk), request=request_, outcome=Outcome.ONE_DISCIPLINE
        )
    request_.refresh_from_db()
    assert request_.status == Request.Status.AWAITING_TRIAGE
    assert not TriageDecision.objects.exists()


def test_integral_waits_for_a_director(front_desk, request_):
    screen(front_desk, request_, financien=2, huisvesting=1)
    decision = services.triage_decide(
        actor=act(front_desk), request=request_, outcome=Outcome.INTEGRAL
    )
    request_.refresh_from_db()
    assert request_.status == Request.Status.AWAITING_DIRECTOR
    assert decision.suggested_outcome == Outcome.INTEGRAL


def test_urgent_waits_for_a_director(front_desk, request_):
    screen(front_desk, request_, safety=True, huiselijke_relaties=1)
    decision = services.triage_decide(
        actor=act(front_desk), request=request_, outcome=Outcome.URGENT
    )
    request_.refresh_from_db()
    assert request_.status == Request.Status.AWAITING_DIRECTOR
    assert decision.suggested_outcome == Outcome.URGENT


def test_the_decision_keeps_the_fired_rules_and_their_explanations(
    front_desk, request_
):
    screen(front_desk, request_, safety=True, financien=1, huisvesting=2)
    decision = services.triage_decide(
        actor=act(front_desk), request=request_, outcome=Outcome.URGENT
    )
    decision.refresh_from_db()
    codes = [rule["code"] for rule in decision.fired_rules]
    assert codes == [
        "urgent-acute-and-unsafe",
        "integral-two-domains-not-self-reliant",
        "one-discipline",
        "solved-at-door",
    ]
    urgent = decision.fired_rules[0]
    assert urgent["outcome"] == "urgent"
    assert urgent["name"] == "Acute problematiek met zorgen over veiligheid"
    assert "Financiën" in urgent["explanation"]
    assert "safety" in urgent["explanation"]
    assert "Financiën, Huisvesting" in decision.fired_rules[1]["explanation"]


def test_overriding_the_suggestion_without_a_reason_is_refused(front_desk, request_):
    screen(front_desk, request_, financien=3)
    with pytest.raises(OverrideNeedsReason):
        services.triage_decide(
            actor=act(front_desk), request=request_, outcome=Outcome.INTEGRAL
        )
    with pytest.raises(OverrideNeedsReason):
        services.triage_decide(
            actor=act(front_desk),
            request=request_,
            outcome=Outcome.INTEGRAL,
            override_reason="   ",
        )
    request_.refresh_from_db()
    assert request_.status == Request.Status.AWAITING_TRIAGE
    assert not TriageDecision.objects.exists()


def test_overriding_the_suggestion_with_a_reason_is_recorded(front_desk, request_):
    screen(front_desk, request_, financien=3)
    decision = services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.INTEGRAL,
        override_reason="  Moeder vertelt over schulden én opvoedzorgen.  ",
    )
    decision.refresh_from_db()
    assert decision.suggested_outcome == Outcome.ONE_DISCIPLINE
    assert decision.outcome == Outcome.INTEGRAL
    assert decision.overridden
    assert decision.override_reason == "Moeder vertelt over schulden én opvoedzorgen."
    request_.refresh_from_db()
    assert request_.status == Request.Status.AWAITING_DIRECTOR


def test_a_reason_given_when_following_the_suggestion_is_not_stored(
    front_desk, request_
):
    screen(front_desk, request_)
    decision = services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.SOLVED_AT_DOOR,
        **SOLVED,
        override_reason="niet nodig",
    )
    assert decision.override_reason == ""


def test_a_target_is_dropped_when_the_outcome_is_not_one_discipline(
    front_desk, request_, team
):
    screen(front_desk, request_, financien=2, huisvesting=2)
    decision = services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.INTEGRAL,
        target_team=team,
        target_organisation=OrganisationFactory(),
    )
    assert decision.target_team is None
    assert decision.target_organisation is None


def test_triage_without_a_screening_is_refused(front_desk, request_):
    with pytest.raises(NoScreening):
        services.triage_decide(
            actor=act(front_desk),
            request=request_,
            outcome=Outcome.SOLVED_AT_DOOR,
            **SOLVED,
        )


def test_a_request_is_triaged_once(front_desk, request_):
    screen(front_desk, request_)
    services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.SOLVED_AT_DOOR,
        **SOLVED,
    )
    with pytest.raises(AlreadyTriaged):
        services.triage_decide(
            actor=act(front_desk),
            request=request_,
            outcome=Outcome.INTEGRAL,
            override_reason="toch",
        )
    assert TriageDecision.objects.count() == 1


def test_the_team_leader_may_triage(team_leader, request_):
    screen(team_leader, request_)
    services.triage_decide(
        actor=act(team_leader),
        request=request_,
        outcome=Outcome.SOLVED_AT_DOOR,
        **SOLVED,
    )
    request_.refresh_from_db()
    assert request_.status == Request.Status.CLOSED


def test_triage_is_audited(front_desk, request_):
    screen(front_desk, request_)
    services.triage_decide(
        actor=act(front_desk),
        request=request_,
        outcome=Outcome.SOLVED_AT_DOOR,
        **SOLVED,
    )
    entry = AuditEntry.objects.get(action="request.triage")
    assert entry.actor == front_desk
    assert entry.person_ids == sorted(p.pk for p in request_.persons.all())


# Database constraints


def test_database_refuses_an_override_without_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageDecisionFactory(
            suggested_outcome=Outcome.ONE_DISCIPLINE, outcome=Outcome.INTEGRAL
        )


def test_database_accepts_an_override_with_a_reason():
    decision = TriageDecisionFactory(
        suggested_outcome=Outcome.ONE_DISCIPLINE,
        outcome=Outcome.INTEGRAL,
        override_reason="Meer aan de hand",
    )
    assert decision.overridden


def test_database_refuses_a_screening_level_out_of_range():
    screening = ScreeningFactory()
    for level in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            ScreeningScore.objects.create(
                screening=screening, domain=domain("financien"), level=level
            )


def test_database_refuses_a_triage_rule_level_out_of_range():
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageRule.objects.create(
            code="kapot",
            name="Kapot",
            description="",
            min_domains=1,
            max_level=6,
            outcome=Outcome.URGENT,
            priority=1,
        )
