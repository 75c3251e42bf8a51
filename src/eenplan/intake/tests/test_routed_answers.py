# SPDX-License-Identifier: EUPL-1.2
"""The receiver of a routed request picks it up, or sends it back with advice;
the front desk triages a returned request again."""

import pytest
from django.urls import reverse

from eenplan.access.tests.actors import act
from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import FrontDeskFactory
from eenplan.intake import services
from eenplan.intake.errors import NotAwaitingReceiver, ReturnNeedsReasonAndAdvice
from eenplan.intake.models import Outcome, Request, RoutingAnswer

pytestmark = pytest.mark.django_db


def test_the_receiver_picks_up_from_its_work_list(client):
    world = World("receiver")
    client.force_login(world.user)
    work = client.get(reverse("workspace:my_work")).content.decode()
    assert reverse("intake:request", kwargs={"uuid": world.routed.uuid}) in work
    url = reverse("intake:request", kwargs={"uuid": world.routed.uuid})
    assert 'name="accept"' in client.get(url).content.decode()
    response = client.post(url, {"step": "answer", "accept": "yes"})
    assert response.status_code == 302
    world.routed.refresh_from_db()
    assert world.routed.status == Request.Status.PICKED_UP
    with pytest.raises(NotAwaitingReceiver):
        services.routed_answer(actor=act(world.user), request=world.routed, accept=True)


def test_sending_back_needs_a_reason_and_advice_and_reaches_the_front_desk(client):
    world = World("receiver")
    url = reverse("intake:request", kwargs={"uuid": world.routed.uuid})
    client.force_login(world.user)
    response = client.post(url, {"step": "answer", "accept": "no", "reason": "Vol"})
    assert response.status_code == 200
    assert 'id="id_advice_error"' in response.content.decode()
    assert world.routed.routing_answers.count() == 0
    with pytest.raises(ReturnNeedsReasonAndAdvice):
        services.routed_answer(
            actor=act(world.user), request=world.routed, accept=False, reason="Vol"
        )
    client.post(
        url,
        {
            "step": "answer",
            "accept": "no",
            "reason": "Geen schulden, wel zorgen over de post",
            "advice": "Thuisadministratie van de welzijnsorganisatie",
        },
    )
    world.routed.refresh_from_db()
    assert world.routed.was_returned
    answer = RoutingAnswer.objects.get(request=world.routed)
    assert answer.routed_to_organisation == world.receiving
    # Back in the front desk's queue, with the advice to read, and triaged again.
    front_desk = FrontDeskFactory(team=world.team)
    client.force_login(front_desk)
    work = client.get(reverse("workspace:my_work")).content.decode()
    assert url in work
    page = client.get(url).content.decode()
    assert "Thuisadministratie van de welzijnsorganisatie" in page
    decision = services.triage_decide(
        actor=act(front_desk),
        request=world.routed,
        outcome=Outcome.INTEGRAL,
        override_reason="Toch een integrale intake",
    )
    world.routed.refresh_from_db()
    assert world.routed.status == Request.Status.AWAITING_DIRECTOR
    assert decision.outcome == Outcome.INTEGRAL
    assert RoutingAnswer.objects.filter(request=world.routed).exists()


def test_solved_at_the_door_says_what_was_given(front_desk, help_request, triage_rules):
    from eenplan.intake.errors import SolvedAtDoorNeedsWhat, SolvedOfferNotNamed
    from eenplan.intake.tests.factories import ScreeningFactory
    from eenplan.services.tests.factories import OfferFactory

    offer = OfferFactory(teams=[help_request.team])

    ScreeningFactory(request=help_request, screened_by=front_desk)
    with pytest.raises(SolvedAtDoorNeedsWhat):
        services.triage_decide(
            actor=act(front_desk),
            request=help_request,
            outcome=Outcome.SOLVED_AT_DOOR,
            override_reason="Alleen informatie",
        )
    with pytest.raises(SolvedOfferNotNamed):  # an offer, but which one?
        services.triage_decide(
            actor=act(front_desk),
            request=help_request,
            outcome=Outcome.SOLVED_AT_DOOR,
            override_reason="Alleen informatie",
            solved_with="offer",
            solved_note="Koffieochtend",
        )
    decision = services.triage_decide(
        actor=act(front_desk),
        request=help_request,
        outcome=Outcome.SOLVED_AT_DOOR,
        override_reason="Alleen informatie",
        solved_with="offer",
        solved_note="Koffieochtend in het buurthuis, dinsdag",
        solved_offer=offer,
    )
    assert decision.solved_offer == offer
    assert decision.get_solved_with_display()
    assert decision.solved_note == "Koffieochtend in het buurthuis, dinsdag"
