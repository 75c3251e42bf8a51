# SPDX-License-Identifier: EUPL-1.2
"""Sending a structured referral and answering it: what it carries, what it
rests on, who is told."""

import datetime

import pytest
from django.utils import timezone

from eenplan.access.actor import for_user as act
from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import ProfessionalFactory, add_membership
from eenplan.cases.models import Involvement
from eenplan.collaboration import services
from eenplan.collaboration.errors import (
    DeclineNeedsReasonAndAdvice,
    ReferralAlreadyOpen,
    ReferralIncomplete,
)
from eenplan.collaboration.models import Referral
from eenplan.inbox.models import Notification
from eenplan.organisations.models import Membership

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


def _send(world, *, keep_open=False, **overrides):
    """A new referral to the world's receiving organisation; the world's own
    one to it counts as answered unless `keep_open` (one open at a time)."""
    if not keep_open:
        Referral.objects.filter(pk=world.referral.pk).update(
            status=Referral.Status.ACCEPTED, answered_at=timezone.now()
        )
    fields = {
        "question": "Kunnen jullie de schulden oppakken?",
        "reason": "De schulden lopen op.",
        "tried": "Samen de post geordend.",
        "recommendation": "Begin met een budgetplan.",
        "answer_by": timezone.localdate() + datetime.timedelta(days=10),
    }
    fields.update(overrides)
    return services.referral_send(
        actor=act(world.director),
        case=world.case,
        to_organisation=world.receiving,
        **fields,
    )


def test_a_referral_carries_reason_tried_and_advice_and_rests_on_consent():
    world = World("receiver")
    referral = _send(world)
    assert (referral.reason, referral.tried, referral.recommendation) == (
        "De schulden lopen op.",
        "Samen de post geordend.",
        "Begin met een budgetplan.",
    )
    assert referral.legal_basis is None  # the world's members consented


def test_a_referral_records_the_legal_basis_it_rests_on():
    world = World("receiver")
    basis = world._legal_basis(world.receiving, "basis", "hulpvraag-plan")
    assert _send(world).legal_basis == basis


@pytest.mark.parametrize("field", ["question", "reason"])
def test_a_referral_without_question_or_reason_is_refused(field):
    world = World("receiver")
    with pytest.raises(ReferralIncomplete):
        _send(world, **{field: "  "})


def test_a_second_open_referral_to_the_same_organisation_is_refused():
    """The browser walk found it: back and send again made a second referral
    to the same intake, with the answer date moved."""
    world = World("receiver")
    with pytest.raises(ReferralAlreadyOpen):
        _send(world, keep_open=True)
    assert Referral.objects.filter(case=world.case).count() == 1
    # Once that one is answered, the household may be referred again.
    services.referral_answer(
        actor=act(world.user),
        referral=world.referral,
        accept=False,
        decline_reason="Geen plek.",
        advice="Probeer het wijkteam schuldhulp.",
    )
    assert _send(world, keep_open=True).status == Referral.Status.SENT


def test_the_intake_is_told_of_a_new_referral():
    world = World("receiver")
    referral = _send(world)
    told = Notification.objects.get(key=f"referral:{referral.uuid}")
    assert told.recipient == world.user
    assert told.kind == Notification.Kind.REFERRAL_RECEIVED
    assert told.url == f"/collaboration/referrals/{referral.uuid}/"


@pytest.mark.parametrize(
    ("accept", "kind"),
    [
        (True, Notification.Kind.REFERRAL_ACCEPTED),
        (False, Notification.Kind.REFERRAL_DECLINED),
    ],
)
def test_the_sender_and_the_director_are_told_the_answer_once(accept, kind):
    world = World("receiver")
    sender = ProfessionalFactory(team=world.team)
    add_membership(sender, world.team, Membership.Role.TEAM_LEADER)
    world.referral.sent_by = sender
    world.referral.save(update_fields=["sent_by"])
    services.referral_answer(
        actor=act(world.user),
        referral=world.referral,
        accept=accept,
        reason="Schuldhulp is nodig naast de buurtwerker.",
        decline_reason="" if accept else "Geen plek.",
        advice="" if accept else "Probeer de kredietbank.",
    )
    told = Notification.objects.filter(key=f"referral_answered:{world.referral.uuid}")
    assert {(n.recipient_id, n.kind) for n in told} == {
        (sender.pk, kind),
        (world.director.pk, kind),
    }


def test_a_decline_without_advice_tells_nobody_and_changes_nothing():
    world = World("receiver")
    with pytest.raises(DeclineNeedsReasonAndAdvice):
        services.referral_answer(
            actor=act(world.user),
            referral=world.referral,
            accept=False,
            decline_reason="Geen plek.",
        )
    world.referral.refresh_from_db()
    assert world.referral.status == "sent"
    assert not Notification.objects.filter(kind__startswith="referral_").exists()
