# SPDX-License-Identifier: EUPL-1.2
"""The referral form and page as the director and the receiving intake use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.world import World
from eenplan.collaboration.models import Referral

pytestmark = pytest.mark.django_db


def _post(client, world, **fields):
    url = reverse("collaboration:referral_new", args=[world.case.uuid])
    data = {
        "to_organisation": world.receiving.pk,
        "question": "Kunnen jullie de schulden oppakken?",
        "reason": "De schulden lopen op.",
        "tried": "",
        "recommendation": "",
        "answer_by": (timezone.localdate() + datetime.timedelta(days=7)).strftime(
            "%d-%m-%Y"
        ),
    }
    data.update(fields)
    return client.post(url, data)


def _answered(world):
    """The world's referral to the receiving organisation, answered: one open
    referral per organisation and case."""
    Referral.objects.filter(pk=world.referral.pk).update(
        status=Referral.Status.ACCEPTED, answered_at=timezone.now()
    )


def test_the_director_sends_a_structured_referral(client):
    world = World("receiver")
    _answered(world)
    client.force_login(world.director)
    response = _post(client, world, tried="Budgetcursus gevolgd.")
    assert response.status_code == 302
    sent = Referral.objects.exclude(pk=world.referral.pk).get()
    assert sent.tried == "Budgetcursus gevolgd." and sent.reason


def test_a_referral_without_a_reason_is_shown_again_with_an_error(client):
    world = World("receiver")
    client.force_login(world.director)
    response = _post(client, world, reason="", question="Mijn vraag blijft staan")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mijn vraag blijft staan" in page  # nothing typed is lost
    assert 'aria-invalid="true"' in page
    assert Referral.objects.count() == 1


def test_sending_the_form_again_does_not_make_a_second_referral(client):
    world = World("receiver")
    _answered(world)
    client.force_login(world.director)
    assert _post(client, world).status_code == 302
    again = _post(client, world, question="Nog een keer verstuurd")
    assert again.status_code == 200  # the form again, with what was typed
    page = again.content.decode()
    assert "al een open verwijzing" in page and "Nog een keer verstuurd" in page
    assert Referral.objects.filter(status=Referral.Status.SENT).count() == 1


def test_the_receiver_reads_reason_and_what_it_rests_on(client):
    world = World("receiver")
    world.referral.reason = "Er is een beslag op het loon."
    world.referral.save(update_fields=["reason"])
    client.force_login(world.user)
    page = client.get(
        reverse("collaboration:referral", args=[world.referral.uuid])
    ).content.decode()
    assert "Er is een beslag op het loon." in page
    assert 'id="referral-basis"' in page


def test_the_sender_sees_who_answered_and_when(client):
    """The browser walk: an accepted referral did not say who accepted it."""
    from eenplan.access.actor import for_user
    from eenplan.collaboration import services

    world = World("receiver")
    services.referral_answer(
        actor=for_user(world.user),
        referral=world.referral,
        accept=False,
        decline_reason="Geen plek deze maand.",
        advice="Probeer het maatschappelijk werk.",
    )
    client.force_login(world.director)
    page = client.get(
        reverse("collaboration:referral", args=[world.referral.uuid])
    ).content.decode()
    answered = page.split('id="referral-answered"', 1)[1].split("</dd>", 1)[0]
    assert str(world.user) in answered
    assert str(world.user.organisation) in answered
    assert timezone.localdate().strftime("%d-%m-%Y") in answered
