# SPDX-License-Identifier: EUPL-1.2
"""Withdrawing consent: confirmed with who asked and when, then at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.people.tests.factories import members_of
from eenplan.privacy.models import Consent
from eenplan.privacy.tests.factories import consent_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent(open_case, director):
    partner = OrganisationFactory(name="GGZ Zuid", kind="mental_health")
    return consent_for(
        members_of(open_case.household)[0], partner, recorded_by=director
    )


def url(consent, next_url=""):
    base = reverse("privacy:consent_withdraw", kwargs={"uuid": consent.uuid})
    return f"{base}?next={next_url}" if next_url else base


def test_a_withdrawal_asks_who_asked_and_when_before_it_takes_effect(
    client, director, consent
):
    client.force_login(director)
    page = client.get(url(consent)).content.decode()
    assert 'name="asked_by"' in page and 'name="asked_on"' in page
    response = client.post(url(consent), {"asked_by": "", "asked_on": "", "note": ""})
    assert response.status_code == 200
    assert 'id="id_asked_by_error"' in response.content.decode()
    consent.refresh_from_db()
    assert consent.is_active
    response = client.post(
        url(consent),
        {
            "asked_by": "De bewoner zelf",
            "asked_on": timezone.localdate().isoformat(),
            "note": "Telefonisch, wil geen GGZ meer",
        },
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert not consent.is_active
    assert consent.withdrawal_asked_by == "De bewoner zelf"
    assert consent.withdrawal_asked_on == timezone.localdate()


def test_a_withdrawal_asked_in_the_future_is_refused(client, director, consent):
    client.force_login(director)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url(consent), {"asked_by": "De bewoner", "asked_on": tomorrow, "note": "x"}
    )
    assert response.status_code == 200
    assert 'id="id_asked_on_error"' in response.content.decode()
    assert Consent.objects.get(pk=consent.pk).is_active


@pytest.mark.parametrize(
    "next_url",
    ["abc", "https://evil.example/phish", "//evil.example/x", "javascript:alert(1)"],
)
def test_only_a_path_on_this_site_is_followed_after_the_withdrawal(
    client, director, consent, next_url
):
    client.force_login(director)
    page = client.get(url(consent, next_url)).content.decode()
    assert "evil.example" not in page and "javascript:" not in page
    response = client.post(
        url(consent, next_url),
        {"asked_by": "De bewoner", "asked_on": timezone.localdate(), "note": "x"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:my_work")
