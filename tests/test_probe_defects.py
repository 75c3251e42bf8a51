# SPDX-License-Identifier: EUPL-1.2
"""The server errors and security findings of the probe (issue 9), one test each.

The probe itself (every form with every class of bad input) is
`test_bad_input_forms.py`; the concurrency test is `test_concurrency.py`.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import DisallowedHost
from django.db import OperationalError
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve, reverse

from eenplan.access.tests.test_access_matrix import url_of
from eenplan.access.tests.world import World
from eenplan.core import error_views, once
from eenplan.core.middleware import DatabaseBusyMiddleware
from eenplan.people.models import Household
from eenplan.privacy.models import Consent

from .test_bad_input_forms import FormParser, _defaults

pytestmark = pytest.mark.django_db

RELATION = "parent"
EVIL = ["https://evil.example/phish", "//evil.example/x", "/\\evil.example", "abc"]


def _form_of(client, url, action_contains=""):
    page = client.get(url)
    assert page.status_code == 200
    parser = FormParser()
    parser.feed(page.content.decode())
    form = next(
        f
        for f in parser.forms
        if f.method == "post" and f.visible and action_contains in (f.action or url)
    )
    data = _defaults(form)
    # A complete form: one of each group of checkboxes, text in every text.
    for i in form.inputs:
        if i.type == "checkbox" and i.name not in data:
            data[i.name] = [i.value]
        elif i.tag == "textarea" and not i.value.strip():
            data[i.name] = ["Proef"]
    return page, form, data


@pytest.mark.parametrize("bad", EVIL)
def test_consent_form_never_follows_a_next_off_this_site(client, bad):
    world = World("desk")
    client.force_login(world.user)
    url = url_of(world, "privacy:consent_new")
    page, form, data = _form_of(client, f"{url}?next={bad}")
    assert f'href="{bad}"' not in page.content.decode()
    data["next"] = [bad]
    before = Consent.objects.count()
    response = client.post(url, data)
    # Saved once, and back on the household page: not off-site, not a 500
    # after saving (which made people submit twice).
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse(
        "workspace:household", args=[world.case.household.uuid]
    )
    assert Consent.objects.count() == before + 1


@pytest.mark.parametrize("bad", EVIL)
def test_withdraw_form_never_follows_a_next_off_this_site(client, bad):
    world = World("desk")
    client.force_login(world.user)
    url = url_of(world, "privacy:consent_withdraw")
    page, form, data = _form_of(client, f"{url}?next={bad}")
    data["next"] = [bad]
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:my_work")


def test_javascript_never_lands_in_the_cancel_link(client):
    world = World("desk")
    client.force_login(world.user)
    url = url_of(world, "privacy:consent_new")
    page = client.get(url, {"next": "javascript:alert(1)"}).content.decode()
    assert "javascript:" not in page


def test_a_next_on_this_site_is_followed(client):
    world = World("desk")
    client.force_login(world.user)
    url = url_of(world, "privacy:consent_new")
    _page, _form, data = _form_of(client, url)
    data["next"] = ["/people/"]
    assert client.post(url, data)["Location"] == "/people/"


def test_an_over_long_username_is_refused_before_anything_is_stored(client):
    from axes.models import AccessAttempt

    response = client.post(
        reverse("login"), {"username": "u" * 100_000, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "niet meer dan 150 tekens" in response.content.decode()
    assert not AccessAttempt.objects.filter(username__startswith="uuuu").exists()


def test_axes_counts_failures_under_a_username_cut_to_its_column():
    from eenplan.accounts.throttling import username

    request = RequestFactory().post("/login/", {"username": "u" * 300})
    assert len(username(request, {"username": "u" * 300})) == 150
    assert username(request, None) == "u" * 150


@pytest.mark.parametrize("field", ["organisations", "categories"])
def test_a_23_digit_choice_is_an_invalid_choice_not_an_overflow(client, field):
    world = World("desk")
    client.force_login(world.user)
    url = url_of(world, "privacy:consent_new")
    _page, _form, data = _form_of(client, url)
    data[field] = ["12345678901234567890123"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "geldige keuze" in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"date_to": "9999-12-31"}, {"date_from": "0001-01-01"}]
)
@pytest.mark.parametrize("route", ["audit:list", "audit:export"])
def test_the_audit_page_refuses_dates_out_of_range(client, query, route):
    world = World("privacy_officer")
    client.force_login(world.user)
    response = client.get(reverse(route), query, follow=True)
    # The export sends the officer back to the page, where the error is shown.
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Kies een datum" in response.content.decode()


def _layout(response) -> str:
    text = response.content.decode()
    assert "utrecht-page-header" in text, "not in the site's layout"
    assert 'lang="nl"' in text
    return text


def test_a_bad_host_gets_the_dutch_page():
    response = Client().get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Onbekend adres" in _layout(response)


def test_too_many_fields_gets_the_dutch_page(client):
    response = client.post(reverse("login"), {f"f{i}": "x" for i in range(1200)})
    assert response.status_code == 400
    assert "Te veel velden" in _layout(response)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_too_large_gets_the_dutch_413_page(client):
    response = client.post(reverse("login"), {"username": "x" * 5000})
    assert response.status_code == 413
    assert "Te veel tegelijk" in _layout(response)


def test_a_missing_or_foreign_csrf_token_gets_the_dutch_page():
    world = World("desk")
    attacker = Client(enforce_csrf_checks=True)
    attacker.force_login(World("desk").user)
    attacker.get(reverse("workspace:search"))
    token = attacker.cookies["csrftoken"].value
    victim = Client(enforce_csrf_checks=True)
    victim.force_login(world.user)
    url = url_of(world, "privacy:consent_new")
    for data in ({}, {"csrfmiddlewaretoken": token}):
        response = victim.post(url, data)
        assert response.status_code == 403
        text = _layout(response)
        assert "Formulier verlopen" in text and "403 Forbidden" not in text


def test_a_refused_method_gets_the_dutch_405_page(client):
    world = World("desk")
    client.force_login(world.user)
    response = client.delete(url_of(world, "privacy:consent_new"))
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert "Zo niet mogelijk" in _layout(response)


def test_not_found_is_the_dutch_page_in_the_layout(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in _layout(response)


def test_the_server_error_page_is_dutch_without_asking_the_database():
    from django.utils import translation

    with translation.override("nl"):
        response = error_views.server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in text and "utrecht-page-header" in text


def test_a_locked_database_is_a_dutch_503_not_a_500():
    request = RequestFactory().post("/")
    middleware = DatabaseBusyMiddleware(lambda r: None)
    response = middleware.process_exception(
        request, OperationalError("database is locked")
    )
    assert response.status_code == 503
    assert "te druk" in response.content.decode()
    assert middleware.process_exception(request, OperationalError("other")) is None
    assert middleware.process_exception(request, DisallowedHost()) is None


def _new_household(client):
    """The new-household form as a person fills it in: one adult, no BSN."""
    url = reverse("people:household_new")
    _page, form, data = _form_of(client, url)
    data = {k: v for k, v in data.items() if not k.startswith("person-")}
    data.update(
        {
            "postcode": ["2611 AB"],
            "house_number_suffix": [""],
            "person-TOTAL_FORMS": ["1"],
            "person-INITIAL_FORMS": ["0"],
            "person-MIN_NUM_FORMS": ["1"],
            "person-MAX_NUM_FORMS": ["12"],
            "person-0-given_names": ["Anna"],
            "person-0-family_name": ["Jansen"],
            "person-0-birth_date": ["01-02-1980"],
            "person-0-relation": [RELATION],
            "person-0-bsn": [""],
            "person-0-phone": [""],
        }
    )
    return url, data


def test_the_same_new_household_form_sent_twice_creates_one_household(client):
    world = World("desk")
    client.force_login(world.user)
    url, data = _new_household(client)
    assert data.get(once.FIELD), "the form carries no token"
    before = Household.objects.count()
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Household.objects.count() == before + 1
    # A fresh form (a new token) is a new household.
    data[once.FIELD] = [str(uuid.uuid4())]
    client.post(url, data)
    assert Household.objects.count() == before + 2


def test_a_refused_form_can_be_sent_again_with_its_token(client):
    world = World("desk")
    client.force_login(world.user)
    url, data = _new_household(client)
    good = dict(data)
    bad = {**data, "postcode": ["geen postcode"]}
    before = Household.objects.count()
    assert client.post(url, bad).status_code == 200
    assert client.post(url, good).status_code == 302
    assert Household.objects.count() == before + 1


# Forms that only search or download: nothing is created or changed.
READS = {
    "audit:person_search",
    "officer:person_find",
    "officer:export_request_json",
    "workspace:search",
    # Marks the inbox read: sent twice, nothing more happens.
    "inbox:list",
}
NOT_CREATE = {"/login/", "/logout/", "/i18n/setlang/"}


def test_every_create_form_carries_a_token():
    """A form that creates a record sends a token (sent twice, saved once); a
    form that edits one sends the record's version. Found on the pages."""
    from .test_bad_input_forms import PAGES, SCENES, _page

    missing = []
    client = Client()
    for route in [*PAGES, *SCENES]:
        world, url = _page(route)
        client.force_login(world.user)
        parser = FormParser()
        parser.feed(client.get(url, follow=True).content.decode())
        for form in parser.forms:
            names = {i.name for i in form.inputs}
            target = urlsplit(form.action or url).path
            if form.method != "post" or target in NOT_CREATE:
                continue
            match = resolve(target)
            if f"{match.namespace}:{match.url_name}" in READS:
                continue
            versioned = any(n.endswith("lock_version") for n in names)
            if not versioned and once.FIELD not in names:
                missing.append(f"{route}: {form.action or url}")
    assert not missing, "\n".join(missing)


def test_two_people_editing_the_intake_do_not_overwrite_each_other(client):
    from eenplan.cases.models import Intake

    world = World("director")
    client.force_login(world.user)
    url = url_of(world, "cases:intake")
    _page, _form, first = _form_of(client, url)
    _page, _form, second = _form_of(client, url)
    first["notes"] = ["Aantekeningen van de eerste"]
    second["notes"] = ["Aantekeningen van de tweede"]
    assert client.post(url, first).status_code == 302
    refused = client.post(url, second)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in text
    assert "Aantekeningen van de tweede" in text
    assert Intake.objects.get(case=world.case).notes == "Aantekeningen van de eerste"
    # Reloaded, the form carries the new version and saves.
    _page, _form, again = _form_of(client, url)
    again["notes"] = ["Aantekeningen van de tweede"]
    assert client.post(url, again).status_code == 302
    assert Intake.objects.get(case=world.case).notes == "Aantekeningen van de tweede"
