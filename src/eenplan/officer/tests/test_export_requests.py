# SPDX-License-Identifier: EUPL-1.2
"""The register of requests for access: no export without a request, deadlines."""

import datetime
import json

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from eenplan.accounts.tests.factories import UserFactory
from eenplan.audit.models import AuditEntry
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.privacy import domain
from eenplan.privacy.models import ExportRequest
from eenplan.privacy.tests.factories import ExportRequestFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def officer(db):
    return UserFactory(function="privacy_officer", username="fg")


@pytest.fixture
def person(db):
    return members_of(HouseholdFactory())[0]


def valid(**changes):
    data = {
        "requester": "person",
        "requester_name": "",
        "received_on": TODAY().isoformat(),
        "identity_check": "document",
        "ground": "avg_15",
        "note": "",
    }
    return data | changes


def new_url(person):
    return reverse("officer:export_request_new", args=[person.uuid])


@pytest.mark.parametrize(
    "received, due",
    [
        (datetime.date(2026, 3, 15), datetime.date(2026, 4, 15)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 20), datetime.date(2027, 1, 20)),
    ],
)
def test_the_deadline_is_one_calendar_month_after_receipt(received, due):
    assert domain.export_deadline(received) == due


def test_there_is_no_export_without_a_request():
    for name in ("officer:person_export", "officer:person_export_json"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=["6b9f1dc4-8e7e-477c-b982-e82ed9d92684"])


def test_a_registered_request_leads_to_its_export(client, officer, person):
    client.force_login(officer)
    page = client.get(new_url(person))
    assert page.status_code == 200
    assert escape(str(person)) in page.content.decode()  # "van 't Wel" is &#x27;

    response = client.post(
        new_url(person),
        valid(requester="representative", requester_name="Mr. De Vries, advocaat"),
    )

    item = ExportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("officer:export_request", args=[item.uuid])
    assert (item.person, item.registered_by, item.status) == (person, officer, "open")
    assert item.deadline == domain.export_deadline(TODAY())
    entry = AuditEntry.objects.get(action="export_request.register")
    assert entry.person_ids == [person.pk] and entry.legal_basis == "AVG art. 15"
    # The export names its request.
    export_page = client.get(response["Location"]).content.decode()
    assert str(item.uuid) in export_page and "Mr. De Vries, advocaat" in export_page
    download = client.post(reverse("officer:export_request_json", args=[item.uuid]))
    assert json.loads(download.content)["request"]["uuid"] == str(item.uuid)
    assert str(item.uuid) in download["Content-Disposition"]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"requester": "authority"}, "requester_name"),
        ({"requester": "representative", "requester_name": "   "}, "requester_name"),
        ({"identity_check": "other"}, "note"),
        ({"ground": "other"}, "note"),
        ({"received_on": (TODAY() + datetime.timedelta(days=1)).isoformat()}, None),
        ({"received_on": (TODAY() - datetime.timedelta(days=400)).isoformat()}, None),
        ({"received_on": "0001-01-01"}, "received_on"),
        ({"ground": "because"}, "ground"),
        ({"requester": ""}, "requester"),
    ],
)
def test_an_incomplete_request_is_refused_with_the_input_kept(
    client, officer, person, changes, field, settings
):
    settings.LANGUAGE_CODE = "nl"
    client.force_login(officer)
    data = valid(**changes)
    response = client.post(new_url(person), data, HTTP_ACCEPT_LANGUAGE="nl")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors
    assert (field or "received_on") in form.errors
    assert not ExportRequest.objects.exists()
    assert not AuditEntry.objects.filter(action="export_request.register").exists()


def test_the_register_lists_open_requests_by_deadline_and_says_what_is_overdue(
    client, officer
):
    late = ExportRequestFactory(received_on=TODAY() - datetime.timedelta(days=40))
    fresh = ExportRequestFactory(received_on=TODAY())
    done = ExportRequestFactory(
        status="handed_over", handed_over_on=TODAY(), handed_over_by=officer
    )
    client.force_login(officer)

    response = client.get(reverse("officer:export_requests"))

    register = response.context["register"]
    assert register.open == [late, fresh]
    assert register.handed_over == [done]
    assert register.open[0].days_overdue > 0 and register.open[1].days_overdue == 0
    html = response.content.decode()
    assert html.index(escape(str(late.person))) < html.index(escape(str(fresh.person)))
    assert "dagen te laat" in html or "days overdue" in html
    listed = AuditEntry.objects.get(action="export_request.list")
    assert set(listed.person_ids) == {late.person_id, fresh.person_id, done.person_id}


def test_handing_over_closes_the_request_once(client, officer):
    item = ExportRequestFactory(received_on=TODAY() - datetime.timedelta(days=3))
    url = reverse("officer:export_request_hand_over", args=[item.uuid])
    client.force_login(officer)

    before = client.post(url, {"handed_over_on": "01-01-2020"})
    assert before.status_code == 200
    assert "handed_over_on" in before.context["hand_over_form"].errors
    item.refresh_from_db()
    assert item.status == "open"

    assert client.post(url, {"handed_over_on": TODAY().isoformat()}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.handed_over_on, item.handed_over_by) == (
        "handed_over",
        TODAY(),
        officer,
    )
    again = client.post(url, {"handed_over_on": TODAY().isoformat()})
    assert again.status_code == 200
    assert again.context["hand_over_form"].non_field_errors()
    assert AuditEntry.objects.filter(action="export_request.hand_over").count() == 1


@pytest.mark.parametrize("make", ["professional", "team_leader", "management"])
def test_only_the_privacy_officer_registers_requests(client, person, request, make):
    user = (
        UserFactory(function=make)
        if make == "management"
        else request.getfixturevalue(make)
    )
    client.force_login(user)
    item = ExportRequestFactory(person=person)
    responses = [
        client.get(reverse("officer:export_requests")),
        client.get(new_url(person)),
        client.post(new_url(person), valid()),
        client.post(
            reverse("officer:export_request_hand_over", args=[item.uuid]),
            {"handed_over_on": TODAY().isoformat()},
        ),
    ]
    assert [r.status_code for r in responses] == [403] * 4
    assert ExportRequest.objects.count() == 1
    item.refresh_from_db()
    assert item.status == "open"
