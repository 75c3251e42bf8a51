# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's audit page: who may see it, filters, person search, CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import UserFactory
from eenplan.audit.models import AuditEntry
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("audit:list")
EXPORT = reverse("audit:export")
SEARCH = reverse("audit:person_search")


@pytest.fixture
def officer():
    return UserFactory(function="privacy_officer", first_name="Pia", last_name="Vos")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def trail(director, professional, household):
    """A small trail: allowed reads, a refusal and a break-the-glass access."""
    members = household.members()
    partner = OrganisationFactory(name="GGZ Voorbeeld")
    outsider = UserFactory(username="buiten", organisation=partner)
    return {
        "read": audit.record(
            actor=act(director),
            action="case.view",
            subject=household,
            persons=members,
            purpose="wmo-ondersteuning",
        ),
        "refused": audit.record(
            actor=act(professional), action="case.close", outcome="refused"
        ),
        "glass": audit.record(
            actor=act(outsider),
            action="case.view",
            subject=household,
            persons=members,
            break_glass=True,
            reason="Crisis, regisseur onbereikbaar",
        ),
        "other": audit.record(
            actor=act(director), action="household.view", persons=[PersonFactory()]
        ),
        "members": members,
        "partner": partner,
        "outsider": outsider,
    }


def listed(response) -> set[int]:
    """The entries on the page, leaving out the audit page's own entries."""
    return {
        row["entry"].pk
        for row in response.context["rows"]
        if not row["entry"].action.startswith("audit.")
    }


@pytest.mark.parametrize(
    "who", ["front_desk", "professional", "director", "team_leader", "management"]
)
@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_the_audit_page_is_forbidden_for_everyone_but_the_privacy_officer(
    client, request, who, url
):
    if who == "management":
        user = UserFactory(function="management")
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    refusal = AuditEntry.objects.get(outcome="refused")
    assert refusal.action in ("audit.view", "audit.export")
    assert refusal.actor == user


def test_the_functional_admin_may_not_search_persons_either(client):
    client.force_login(UserFactory(function="functional_admin"))
    response = client.post(SEARCH, {"name": "Jansen"})
    assert response.status_code == 403


def test_the_audit_page_asks_for_a_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_audit_page_asks_for_the_second_factor(client, officer, settings):
    settings.EENPLAN_REQUIRE_2FA = True
    client.force_login(officer)
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    assert not AuditEntry.objects.filter(action="audit.view").exists()


def test_the_privacy_officer_sees_the_trail_and_the_viewing_is_audited(
    officer_client, officer, trail
):
    response = officer_client.get(LIST)
    assert response.status_code == 200
    assert {trail["read"].pk, trail["refused"].pk, trail["glass"].pk} <= listed(
        response
    )
    body = response.content.decode()
    assert "Crisis, regisseur onbereikbaar" in body
    viewed = AuditEntry.objects.get(action="audit.view")
    assert viewed.actor == officer
    assert viewed.function == "privacy_officer"
    assert viewed.outcome == "allowed"


def test_the_nav_links_to_the_trail_for_the_privacy_officer_only(
    officer_client, client, director
):
    assert f'href="{LIST}"' in officer_client.get(LIST).content.decode()
    client.force_login(director)
    assert (
        f'href="{LIST}"'
        not in client.get(reverse("workspace:my_work")).content.decode()
    )


def test_filter_by_person_uses_the_uuid_and_shows_who(officer_client, trail):
    person = trail["members"][0]
    response = officer_client.get(LIST, {"person": person.uuid})
    assert listed(response) == {trail["read"].pk, trail["glass"].pk}
    assert escape(str(person)) in response.content.decode()
    # Showing who the person is, and naming the persons the entries concern,
    # counts as a read of their data.
    viewed = AuditEntry.objects.filter(action="audit.view").latest("id")
    named = {
        pid
        for pk in listed(response)
        for pid in AuditEntry.objects.get(pk=pk).person_ids
    }
    assert set(viewed.person_ids) == named | {person.pk}


def test_an_unknown_person_shows_nothing_rather_than_everyone(officer_client, trail):
    response = officer_client.get(
        LIST, {"person": "4b4ae5c5-3e9c-4ab9-9b8e-0d5e1d1c2a77"}
    )
    assert listed(response) == set()


def test_filter_by_user(officer_client, trail, professional):
    response = officer_client.get(LIST, {"user": professional.uuid})
    assert listed(response) == {trail["refused"].pk}


def test_filter_by_organisation(officer_client, trail):
    response = officer_client.get(LIST, {"organisation": trail["partner"].uuid})
    assert listed(response) == {trail["glass"].pk}


def test_filter_by_period(officer_client, trail):
    today = timezone.localdate()
    old = AuditEntry(action="old.read", outcome="allowed", origin="test")
    old.at = timezone.now() - datetime.timedelta(days=40)
    old.digest = old.compute_digest()
    old.save(force_insert=True)
    last_month = {
        "date_from": today - datetime.timedelta(days=41),
        "date_to": today - datetime.timedelta(days=39),
    }
    assert listed(officer_client.get(LIST, last_month)) == {old.pk}
    recent = officer_client.get(LIST, {"date_from": today, "date_to": today})
    assert old.pk not in listed(recent)
    assert trail["read"].pk in listed(recent)


def test_a_period_ending_before_it_starts_is_a_form_error(officer_client):
    today = timezone.localdate()
    response = officer_client.get(
        LIST, {"date_from": today, "date_to": today - datetime.timedelta(days=1)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]


def test_filter_break_the_glass_only(officer_client, trail):
    response = officer_client.get(LIST, {"break_glass": "on"})
    assert listed(response) == {trail["glass"].pk}


def test_filter_by_outcome(officer_client, trail):
    response = officer_client.get(LIST, {"outcome": "refused"})
    assert listed(response) == {trail["refused"].pk}


def test_the_list_is_paginated_in_a_fixed_number_of_queries(officer_client, director):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eenplan.access.tests.test_query_counts import PLANNER

    for i in range(60):
        audit.record(actor=act(director), action=f"read.{i}")
    with CaptureQueriesContext(connection) as queries:
        first = officer_client.get(LIST)
    # PostgreSQL also plans the page for its filter (core.db.custom_plans).
    reads = [q for q in queries if not q["sql"].startswith(PLANNER)]
    assert len(reads) <= 14
    assert len(first.context["rows"]) == 50
    second = officer_client.get(LIST, {"page": 2})
    assert len(second.context["rows"]) >= 10


def test_the_person_search_is_posted_audited_and_leads_to_a_uuid_filter(
    officer_client, officer, trail
):
    person = trail["members"][0]
    response = officer_client.post(
        SEARCH, {"name": person.family_name, "birth_date": person.birth_date}
    )
    assert response.status_code == 200
    assert person in response.context["results"]
    body = response.content.decode()
    assert f"{LIST}?person={person.uuid}" in body
    search = AuditEntry.objects.get(action="audit.person_search")
    assert search.actor == officer
    assert person.pk in search.person_ids
    # Nothing of what was typed is kept: not in the entry, not in a URL.
    assert person.family_name not in repr(AuditEntry.objects.values().get(pk=search.pk))
    assert search.path == SEARCH


def test_the_person_search_by_bsn(officer_client):
    person = PersonFactory(bsn="111222333")
    response = officer_client.post(SEARCH, {"bsn": "111.222.333"})
    assert response.context["results"] == [person]


def test_the_person_search_needs_a_criterion_and_the_search_is_not_a_get(
    officer_client,
):
    response = officer_client.post(SEARCH, {})
    assert response.context["results"] is None
    assert response.context["search_form"].errors
    assert officer_client.get(SEARCH).status_code == 405


def test_the_filter_form_never_carries_names_or_bsns():
    from eenplan.officer.audit_forms import FilterForm

    assert set(FilterForm.base_fields) == {
        "person",
        "user",
        "organisation",
        "date_from",
        "date_to",
        "outcome",
        "break_glass",
    }


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_a_header_and_the_filtered_rows_and_is_audited(
    officer_client, officer, trail
):
    person = trail["members"][0]
    response = officer_client.get(EXPORT, {"person": person.uuid})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    export = AuditEntry.objects.get(action="audit.export")
    # The export itself concerns the person, so it is in the export too.
    assert {int(r["id"]) for r in rows} == {
        trail["read"].pk,
        trail["glass"].pk,
        export.pk,
    }
    glass = next(r for r in rows if int(r["id"]) == trail["glass"].pk)
    assert glass["outcome"] == "break_glass"
    assert glass["break_glass"] == "yes"
    assert glass["organisation_name"] == "GGZ Voorbeeld"
    assert glass["actor_username"] == "buiten"
    assert str(person.pk) in glass["person_ids"].split()
    assert export.actor == officer
    assert export.person_ids == [person.pk]


def test_csv_export_applies_the_other_filters_too(officer_client, trail):
    rows = _csv(officer_client.get(EXPORT, {"outcome": "refused"}))
    assert [int(r["id"]) for r in rows] == [trail["refused"].pk]


def test_csv_cells_cannot_become_spreadsheet_formulas(officer_client, director):
    audit.record(actor=act(director), action="x", reason="=HYPERLINK(evil)")
    rows = _csv(officer_client.get(EXPORT, {"user": director.uuid}))
    assert rows[0]["reason"] == "'=HYPERLINK(evil)"


def test_the_page_speaks_dutch_labels_and_names_the_persons(officer_client, trail):
    response = officer_client.get(LIST)
    page = response.content.decode()
    table = page[page.index('id="audit-table"') :]
    for code in ("case.view", "privacy_officer", "front_desk@", "involved_external"):
        assert code not in table
    assert "Bekeek een casus" in table or "bekeek een casus" in table.lower()
    assert str(trail["members"][0]) in table


def test_the_csv_keeps_codes_and_labels_both(officer_client, trail):
    response = officer_client.get(reverse("audit:export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert "action" in header.split(",") and "action_label" in header.split(",")
    assert "person_names" in header.split(",")
    assert any("case.view" in row for row in rows)
