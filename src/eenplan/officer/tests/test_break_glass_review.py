# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's verdict on emergency accesses."""

import pytest
from django.urls import reverse

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import UserFactory
from eenplan.privacy import services
from eenplan.privacy.models import BreakGlass

pytestmark = pytest.mark.django_db

URL = reverse("officer:break_glass_review")


@pytest.fixture
def access(professional, open_case):
    return services.break_glass_open(
        actor=act(professional),
        case=open_case,
        reason="Melding van acute zorgen, regisseur ziek",
    )


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(function="privacy_officer"))
    return client


def test_an_empty_note_is_refused_with_the_message_beside_it(officer_client, access):
    prefix = str(access.uuid)
    response = officer_client.post(
        URL,
        {"access": prefix, f"{prefix}-verdict": "justified", f"{prefix}-note": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{prefix}-note_error"' in page
    assert 'value="justified" checked' in page or "checked" in page
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_a_not_justified_access_stays_listed_for_follow_up(officer_client, access):
    prefix = str(access.uuid)
    response = officer_client.post(
        URL,
        {
            "access": prefix,
            f"{prefix}-verdict": BreakGlass.Verdict.NOT_JUSTIFIED,
            f"{prefix}-note": "Geen noodsituatie; gesprek met teamleider",
        },
    )
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.verdict == BreakGlass.Verdict.NOT_JUSTIFIED
    page = officer_client.get(URL).content.decode()
    follow_up = page[page.index('id="follow-up"') :]
    assert "Geen noodsituatie" in follow_up.split("</ul>")[0]
