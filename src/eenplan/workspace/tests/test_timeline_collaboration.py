# SPDX-License-Identifier: EUPL-1.2
"""Working together is on the household's timeline: referrals sent and
answered, hand-overs and actions done by partners, for those who read the
household's request and plan only."""

import pytest
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.access.tests.world import World
from eenplan.cases.models import Handover
from eenplan.plans.models import Assignment
from eenplan.workspace import selectors

pytestmark = pytest.mark.django_db


def _kinds(world):
    events = selectors.household_timeline(
        actor=act(world.user), household=world.case.household
    )
    return {e["kind"] for e in events if not e["withheld"]}, events


def _done(world):
    Assignment.objects.filter(pk=world.assignment.pk).update(
        status=Assignment.Status.DONE,
        professional=world.director,
        result="Regeling getroffen.",
        done_on=timezone.localdate(),
    )


def test_the_director_reads_referrals_hand_overs_and_results():
    world = World("director")
    _done(world)
    kinds, events = _kinds(world)
    assert {"Verwijzing", "Overdracht", "Actie uitgevoerd door een partner"} <= kinds
    assert any(e["detail"] == "Regeling getroffen." for e in events)
    handover = next(e for e in events if e["kind"] == "Overdracht")
    assert handover["detail"] == Handover.objects.get(case=world.case).note


@pytest.mark.parametrize("actor", ["ext_basis", "ext_none"])
def test_a_partner_without_the_plan_shared_reads_none_of_it(actor):
    world = World(actor)
    _done(world)
    kinds, events = _kinds(world)
    assert not kinds & {"Verwijzing", "Overdracht", "Actie uitgevoerd door een partner"}
    assert not any("Regeling getroffen." in (e["detail"] or "") for e in events)
