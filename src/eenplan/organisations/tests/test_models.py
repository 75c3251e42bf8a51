# SPDX-License-Identifier: EUPL-1.2
"""Teams and memberships: constraints and the postcode rule."""

import pytest
from django.db import IntegrityError, transaction

from eenplan.organisations.models import Membership, Team
from eenplan.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_a_team_serves_its_four_digit_postcode_areas():
    team = Team(name="Noord", postcode_areas="2671, 2672")
    assert team.serves_postcode("2671AB")
    assert team.serves_postcode("2672 XY")
    assert not team.serves_postcode("2673AB")


def test_a_team_without_areas_serves_nobody():
    assert not Team(name="Leeg", postcode_areas="").serves_postcode("2671AB")


@pytest.mark.parametrize("hours", [-1, 61])
def test_database_refuses_impossible_hours(hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(hours_per_week=hours)


def test_database_refuses_the_same_role_twice_in_a_team(front_desk, team):
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(user=front_desk, team=team, role=Membership.Role.FRONT_DESK)


def test_one_person_may_hold_two_roles_in_a_team(front_desk, team):
    MembershipFactory(user=front_desk, team=team, role=Membership.Role.TEAM_LEADER)
    assert front_desk.memberships.count() == 2
