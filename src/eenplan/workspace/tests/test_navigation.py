# SPDX-License-Identifier: EUPL-1.2
"""The navigation offers what the actor may open, and no dead ends.

Issue 8: management got 403 on the triage rules, which every staff member may
read; a refusal page's way back led non-case-workers to "My work".
"""

import pytest
from django.urls import reverse

from eenplan.access.tests.world import ACTORS, World

pytestmark = pytest.mark.django_db


def _logged_in(client, actor):
    world = World(actor)
    client.force_login(world.user)
    return world


@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_every_staff_member_finds_and_reads_the_triage_rules(client, actor):
    _logged_in(client, actor)
    start = client.get(reverse("workspace:my_work"), follow=True)
    assert start.status_code == 200
    assert f'href="{reverse("intake:rules")}"' in start.content.decode()
    assert client.get(reverse("intake:rules")).status_code == 200


@pytest.mark.parametrize("actor", ["management", "privacy_officer", "stranger"])
def test_the_way_back_from_a_refusal_leads_to_a_page_the_actor_may_open(client, actor):
    world = _logged_in(client, actor)
    refused = client.get(reverse("workspace:case", args=[world.case.uuid]))
    # A stranger does not learn that the case exists (404), the others are
    # refused (403); both pages offer the way back.
    assert refused.status_code == (404 if actor == "stranger" else 403)
    text = refused.content.decode()
    assert "Terug naar de startpagina" in text or "Back to the start page" in text
    back = client.get(reverse("workspace:my_work"), follow=True)
    assert back.status_code == 200
