# SPDX-License-Identifier: EUPL-1.2
"""The access policy: who sees which households, and who may do what."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from eenplan.accounts.tests.factories import (
    DirectorFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
    UserFactory,
    add_membership,
)
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.core.errors import NotFoundOrForbidden, PermissionDenied
from eenplan.intake.tests.factories import RequestFactory
from eenplan.people.models import Household
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.privacy import policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_team):
    """A household served by the other team."""
    return HouseholdFactory(team=other_team)


def visible(user):
    return set(policy.visible_households(user))


# Visibility


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


def test_an_involved_professional_sees_the_household_of_the_case(
    open_case, household, elsewhere
):
    outsider = UserFactory()  # no team at all
    assert visible(outsider) == set()
    InvolvementFactory(case=open_case, professional=outsider)
    assert visible(outsider) == {household}


def test_an_ended_involvement_no_longer_gives_access(open_case, household):
    outsider = UserFactory()
    InvolvementFactory(
        case=open_case, professional=outsider, until=datetime.date(2025, 1, 1)
    )
    assert visible(outsider) == set()


def test_anonymous_users_see_nothing(household):
    assert visible(AnonymousUser()) == set()


def test_a_user_without_a_team_sees_nothing(household):
    assert visible(UserFactory()) == set()


def test_membership_of_two_teams_shows_both(
    front_desk, other_team, household, elsewhere
):
    add_membership(front_desk, other_team, role="front_desk")
    assert visible(front_desk) == {household, elsewhere}


def test_visible_households_filters_a_given_queryset(front_desk, household, elsewhere):
    qs = Household.objects.filter(pk__in=[household.pk, elsewhere.pk])
    assert set(policy.visible_households(front_desk, qs)) == {household}


def test_visible_persons_follow_their_household(front_desk, household, elsewhere):
    persons = set(policy.visible_persons(front_desk))
    assert persons == {m.person for m in household.memberships.all()}


def test_visible_cases_and_requests_follow_the_household(
    front_desk, open_case, elsewhere
):
    CaseFactory(household=elsewhere)
    RequestFactory(household=elsewhere)
    mine = RequestFactory(household=open_case.household)
    assert list(policy.visible_cases(front_desk)) == [open_case]
    assert list(policy.visible_requests(front_desk)) == [mine]


def test_require_visible_gives_one_answer_for_hidden_and_missing(front_desk, elsewhere):
    qs = policy.visible_households(front_desk)
    with pytest.raises(NotFoundOrForbidden) as hidden:
        policy.require_visible(qs, uuid=elsewhere.uuid)
    with pytest.raises(NotFoundOrForbidden) as missing:
        policy.require_visible(qs, uuid="00000000-0000-0000-0000-000000000000")
    assert hidden.value.message == missing.value.message
    assert hidden.value.status == missing.value.status == 404


# Decisions


def test_only_team_leaders_of_the_households_team_may_open_a_case(
    front_desk, professional, director, team_leader, household, other_team
):
    assert policy.can(team_leader, "case.open", household)
    assert not policy.can(TeamLeaderFactory(team=other_team), "case.open", household)
    for user in (front_desk, professional, director):
        assert not policy.can(user, "case.open", household)


@pytest.mark.parametrize(
    "action",
    [
        "case.intake",
        "case.close",
        "assessment.create",
        "plan.change",
        "plan.agree",
        "review.create",
    ],
)
def test_director_and_team_leader_direct_the_case_others_do_not(
    action, open_case, director, team_leader, professional, front_desk, other_team
):
    assert policy.can(director, action, open_case)
    assert policy.can(team_leader, action, open_case)
    assert not policy.can(professional, action, open_case)
    assert not policy.can(front_desk, action, open_case)
    assert not policy.can(TeamLeaderFactory(team=other_team), action, open_case)


def test_an_involved_professional_does_not_direct_the_case(open_case):
    involved = ProfessionalFactory(team=open_case.team)
    InvolvementFactory(case=open_case, professional=involved)
    assert not policy.can(involved, "plan.change", open_case)


def test_nobody_directs_a_closed_case(director, team_leader, household):
    case = CaseFactory(household=household, director=director, closed=True)
    decision = policy.can(director, "plan.change", case)
    assert not decision
    assert decision.reason == "case closed"
    assert not policy.can(team_leader, "case.close", case)


def test_anonymous_users_may_do_nothing(household):
    decision = policy.can(AnonymousUser(), "request.create")
    assert not decision
    assert decision.reason == "anonymous"


def test_an_unknown_action_is_a_programming_error(front_desk):
    with pytest.raises(ValueError, match="Unknown action"):
        policy.can(front_desk, "case.delete")


def test_require_raises_a_403_with_the_action_in_the_code(front_desk, open_case):
    with pytest.raises(PermissionDenied) as info:
        policy.require(front_desk, "plan.change", open_case)
    assert info.value.status == 403
    assert info.value.code == "denied:plan.change"
    policy.require(open_case.director, "plan.change", open_case)  # no exception
