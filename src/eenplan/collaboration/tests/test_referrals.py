# SPDX-License-Identifier: EUPL-1.2
"""Answering a referral when the receiver is already on the case."""

import pytest

from eenplan.access.actor import for_user as act
from eenplan.access.tests.world import World
from eenplan.cases.models import Involvement
from eenplan.collaboration import services

pytestmark = pytest.mark.django_db


def test_the_director_accepts_a_referral_to_their_own_organisation():
    """make bench found it: the receiver directing the case was told they
    "already work on this case" and could not accept at all."""
    world = World("receiver")
    world.case.director = world.user
    world.case.save(update_fields=["director"])
    referral = services.referral_answer(
        actor=act(world.user), referral=world.referral, accept=True
    )
    assert referral.status == "accepted" and referral.answered_by == world.user
    assert not Involvement.objects.filter(case=world.case, professional=world.user)


def test_an_involved_receiver_accepts_without_joining_twice():
    world = World("receiver")
    Involvement.objects.create(case=world.case, professional=world.user, role="GGZ")
    services.referral_answer(
        actor=act(world.user), referral=world.referral, accept=True
    )
    assert (
        Involvement.objects.filter(case=world.case, professional=world.user).count()
        == 1
    )
