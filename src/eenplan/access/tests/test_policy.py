# SPDX-License-Identifier: EUPL-1.2
"""The access policy: the actor, who sees which households, who may do what, and
that the set-based answers agree with the answers for one object."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import ActorKind
from eenplan.access.categories import Category
from eenplan.access.decisions import Reason, Relation
from eenplan.access.errors import Hidden, Refused
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import (
    DirectorFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
    UserFactory,
    add_membership,
)
from eenplan.cases.models import Case
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.collaboration.models import Referral
from eenplan.intake.models import Request
from eenplan.people.models import Household
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.models import Plan

from .world import ACTORS, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_team):
    """A household served by the other team."""
    return HouseholdFactory(team=other_team)


def visible(user):
    return set(
        policy.restrict(act(user), Action.HOUSEHOLD_VIEW, Household.objects.all())
    )


# The actor


def test_the_actor_is_built_in_one_query_and_loads_relations_on_first_use(
    director, open_case
):
    with CaptureQueriesContext(connection) as built:
        actor = act(director)
    assert len(built) == 1
    assert actor.kind == ActorKind.STAFF
    assert actor.team_ids() == {open_case.team_id}
    with CaptureQueriesContext(connection) as relations:
        assert actor.relations.involved == frozenset()
        assert actor.relations.broken_glass == frozenset()
        assert actor.intake_teams == frozenset()
        assert actor.relations.involved == frozenset()  # loaded once
    assert len(relations) <= 3


def test_the_actor_knows_its_relation_to_a_case_without_a_query(
    director, team_leader, open_case, other_team
):
    involved_inside = ProfessionalFactory(team=open_case.team)
    involved_outside = ProfessionalFactory(team=other_team)
    for professional in (involved_inside, involved_outside):
        InvolvementFactory(case=open_case, professional=professional)
    actors = {
        "director": act(director),
        "leader": act(team_leader),
        "inside": act(involved_inside),
        "outside": act(involved_outside),
        "colleague": act(ProfessionalFactory(team=open_case.team)),
        "stranger": act(ProfessionalFactory(team=other_team)),
    }
    for actor in actors.values():
        actor.relations  # noqa: B018 - load before counting
    with CaptureQueriesContext(connection) as queries:
        relations = {name: a.relation_to(open_case) for name, a in actors.items()}
    assert not queries
    assert relations == {
        "director": Relation.DIRECTOR,
        "leader": Relation.TEAM_LEADER,
        "inside": Relation.INVOLVED,
        "outside": Relation.INVOLVED_EXTERNAL,
        "colleague": Relation.TEAM_MEMBER,
        "stranger": Relation.NONE,
    }


def test_anonymous_is_an_actor_that_may_do_nothing(household):
    actor = act(AnonymousUser())
    assert actor.kind == ActorKind.ANONYMOUS
    decision = policy.can(actor, Action.REQUEST_CREATE)
    assert not decision
    assert decision.reason == Reason.ANONYMOUS
    assert visible(AnonymousUser()) == set()


# Visibility of households


@pytest.mark.parametrize("role", ["front_desk", "professional", "director", "leader"])
def test_team_staff_see_their_teams_households_only(
    role, front_desk, professional, director, team_leader, household, elsewhere
):
    user = {
        "front_desk": front_desk,
        "professional": professional,
        "director": director,
        "leader": team_leader,
    }[role]
    assert visible(user) == {household}


def test_a_director_from_another_team_sees_the_household_of_their_case(
    other_team, household, elsewhere
):
    outside_director = DirectorFactory(team=other_team)
    CaseFactory(household=household, director=outside_director)
    assert visible(outside_director) == {household, elsewhere}


def test_an_involved_colleague_without_a_team_sees_nothing_without_consent(
    open_case, household
):
    """From outside the case's team, involvement opens the household only with
    its basic data shared (consent or a legal basis)."""
    outsider = UserFactory()
    InvolvementFactory(case=open_case, professional=outsider)
    assert visible(outsider) == set()


def test_an_ended_involvement_no_longer_gives_access(open_case, household):
    outsider = ProfessionalFactory(team=open_case.team)
    InvolvementFactory(
        case=open_case, professional=outsider, until=datetime.date(2025, 1, 1)
    )
    assert act(outsider).relation_to(open_case) == Relation.TEAM_MEMBER


def test_a_user_without_a_team_sees_nothing(household):
    assert visible(UserFactory()) == set()


def test_membership_of_two_teams_shows_both(
    front_desk, other_team, household, elsewhere
):
    add_membership(front_desk, other_team, role="front_desk")
    assert visible(front_desk) == {household, elsewhere}


def test_get_gives_one_answer_for_hidden_and_missing(front_desk, elsewhere):
    qs = Household.objects.all()
    actor = act(front_desk)
    with pytest.raises(Hidden) as hidden:
        policy.get(actor, Action.HOUSEHOLD_VIEW, qs, uuid=elsewhere.uuid)
    with pytest.raises(Hidden) as missing:
        policy.get(
            actor,
            Action.HOUSEHOLD_VIEW,
            qs,
            uuid="00000000-0000-0000-0000-000000000000",
        )
    assert hidden.value.message == missing.value.message
    assert hidden.value.status == missing.value.status == 404


# Decisions


def test_only_team_leaders_of_the_households_team_may_open_a_case(
    front_desk, professional, director, team_leader, household, other_team
):
    assert policy.can(act(team_leader), Action.CASE_OPEN, household)
    other = act(TeamLeaderFactory(team=other_team))
    assert not policy.can(other, Action.CASE_OPEN, household)
    for user in (front_desk, professional, director):
        assert not policy.can(act(user), Action.CASE_OPEN, household)


@pytest.mark.parametrize(
    "action",
    [
        Action.CASE_INTAKE,
        Action.CASE_CLOSE,
        Action.ASSESSMENT_CREATE,
        Action.PLAN_CHANGE,
        Action.PLAN_AGREE,
        Action.REVIEW_CREATE,
    ],
)
def test_director_and_team_leader_direct_the_case_others_do_not(
    action, open_case, director, team_leader, professional, front_desk, other_team
):
    assert policy.can(act(director), action, open_case)
    assert policy.can(act(team_leader), action, open_case)
    assert not policy.can(act(professional), action, open_case)
    assert not policy.can(act(front_desk), action, open_case)
    other = act(TeamLeaderFactory(team=other_team))
    assert not policy.can(other, action, open_case)


def test_an_involved_professional_does_not_direct_the_case(open_case):
    involved = ProfessionalFactory(team=open_case.team)
    InvolvementFactory(case=open_case, professional=involved)
    decision = policy.can(act(involved), Action.PLAN_CHANGE, open_case)
    assert not decision
    assert decision.reason == Reason.NOT_DIRECTING


def test_the_policy_decides_who_not_which_state(director, household):
    """A closed case is still the director's: the service refuses the change."""
    case = CaseFactory(household=household, director=director, closed=True)
    assert policy.can(act(director), Action.PLAN_CHANGE, case)
    assert policy.can(act(director), Action.CASE_VIEW, case)


def test_an_action_without_a_rule_is_a_programming_error(front_desk):
    with pytest.raises(ValueError, match="No rule"):
        policy.can(act(front_desk), Action.REFERRAL_ACCEPT)


def test_every_permission_the_code_asks_for_has_a_rule():
    asked = {
        Action.STAFF_USE,
        Action.RULES_VIEW,
        Action.AUDIT_VIEW,
        Action.AUDIT_EXPORT,
        Action.PRIVACY_REVIEW,
        Action.PERSON_EXPORT,
        Action.HOUSEHOLD_VIEW,
        Action.HOUSEHOLD_CREATE,
        Action.HOUSEHOLD_MEMBER_ADD,
        Action.REQUEST_CREATE,
        Action.REQUEST_VIEW,
        Action.REQUEST_TRIAGE,
        Action.CASE_OPEN,
        Action.CASE_VIEW,
        Action.CASE_CHANGE_DIRECTOR,
        Action.CASE_BREAK_GLASS,
        Action.CASE_INTAKE,
        Action.CASE_INVOLVE,
        Action.CASE_JOIN,
        Action.CASE_CLOSE,
        Action.ASSESSMENT_VIEW,
        Action.ASSESSMENT_CREATE,
        Action.PLAN_VIEW,
        Action.PLAN_CHANGE,
        Action.PLAN_AGREE,
        Action.PLAN_PRINT,
        Action.REVIEW_CREATE,
        Action.CONSENT_RECORD,
        Action.LEGAL_BASIS_RECORD,
        Action.JOURNAL_VIEW,
        Action.JOURNAL_CREATE,
        Action.REFERRAL_CREATE,
        Action.REFERRAL_VIEW,
        Action.REFERRAL_ANSWER,
    }
    assert asked <= set(policy.registered())


def test_require_raises_a_403_that_carries_the_decision(front_desk, open_case):
    with pytest.raises(Refused) as info:
        policy.require(act(front_desk), Action.PLAN_CHANGE, open_case)
    assert info.value.status == 403
    assert info.value.code == "denied:plan.change"
    assert info.value.decision.reason == Reason.NOT_DIRECTING
    policy.require(act(open_case.director), Action.PLAN_CHANGE, open_case)


# Sharing: data categories per person


def test_a_partner_sees_per_category_and_per_person(open_case, other_team):
    from eenplan.organisations.tests.factories import OrganisationFactory
    from eenplan.people.tests.factories import members_of
    from eenplan.privacy.tests.factories import consent_for

    partner = OrganisationFactory(name="GGZ", kind="mental_health")
    professional = ProfessionalFactory(team=other_team, organisation=partner)
    InvolvementFactory(case=open_case, professional=professional)
    first, *others = members_of(open_case.household)
    consent_for(first, partner, Category.BASIC, Category.ZRM)
    shares = policy.sharing_of(act(professional), open_case)
    assert shares.relation == Relation.INVOLVED_EXTERNAL
    assert shares.allows(Category.BASIC, [first.pk])
    assert shares.allows(Category.ZRM, [first.pk])
    assert not shares.allows(Category.BASIC, [others[0].pk])
    assert not shares.allows(Category.CASE_FILE)  # about the whole household
    assert shares.shared_persons(Category.BASIC) == {first.pk}
    decision = shares.decide(Category.JOURNAL)
    assert decision.reason == Reason.NOT_SHARED
    assert decision.category == Category.JOURNAL


# One door: the set-based answer is the answer for each object

SETS = {
    Action.HOUSEHOLD_VIEW: lambda w: (Household.objects.all(), w.case.household),
    Action.CASE_VIEW: lambda w: (Case.objects.all(), w.case),
    Action.REQUEST_VIEW: lambda w: (Request.objects.all(), w.routed),
    Action.PLAN_VIEW: lambda w: (Plan.objects.all(), w.plan),
    Action.REFERRAL_VIEW: lambda w: (Referral.objects.all(), w.referral),
}


@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("action", sorted(SETS))
def test_restrict_and_can_give_the_same_answer(action, actor):
    world = World(actor)
    queryset, obj = SETS[action](world)
    who = act(world.user)
    in_set = policy.restrict(who, action, queryset).filter(pk=obj.pk).exists()
    assert in_set == bool(policy.can(who, action, obj)), (action, actor)
