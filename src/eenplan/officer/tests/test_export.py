# SPDX-License-Identifier: EUPL-1.2
"""A person's data export (inzageverzoek): complete, audited, officer only."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import UserFactory
from eenplan.assessments.tests.factories import AssessmentFactory
from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory
from eenplan.intake.models import Outcome, Request, ScreeningScore
from eenplan.intake.tests.factories import (
    RequestFactory,
    ScreeningFactory,
    TriageDecisionFactory,
)
from eenplan.officer import export
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.privacy.models import Consent, DataCategory
from eenplan.privacy.tests.factories import ExportRequestFactory, case_file


@pytest.fixture
def officer(db):
    return UserFactory(function="privacy_officer", username="fg")


@pytest.fixture
def rich(household, director, front_desk, life_domains):
    """The first adult of `household`, with a request, a full case and consent."""
    person, partner, _child = members_of(household)
    request = RequestFactory(
        household=household,
        registered_by=front_desk,
        question="Wij komen niet rond en de post stapelt zich op.",
        underlying_need="Overzicht over de geldzaken",
        status=Request.Status.IN_CASE,
    )
    screening = ScreeningFactory(
        request=request, notes="Zorgen over de huur", safety_concerns=False
    )
    ScreeningScore.objects.create(screening=screening, domain=life_domains[0], level=2)
    TriageDecisionFactory(
        request=request,
        suggested_outcome=Outcome.INTEGRAL,
        outcome=Outcome.INTEGRAL,
        fired_rules=[{"code": "breed", "name": "Breed", "explanation": "Veel zorgen"}],
    )
    case = CaseFactory(household=household, director=director, request=request)
    case_file(case, person=person, director=director, label="A")
    consent = Consent.objects.create(
        person=person,
        purpose="Samenwerken aan één plan",
        given_how=Consent.GivenHow.WRITTEN,
        given_by=Consent.GivenBy.PERSON,
        recorded_by=director,
    )
    consent.organisations.set([OrganisationFactory(name="GGZ Voorbeeld")])
    consent.categories.set(DataCategory.objects.all()[:1])
    audit.record(
        actor=act(director), action="case.view", subject=case, persons=[person, partner]
    )
    # About the partner only: not an access to the person's data.
    audit.record(actor=act(front_desk), action="person.view", persons=[partner])
    return {"person": person, "partner": partner, "case": case, "request": request}


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


def leaves(value, path=""):
    """Every (path, leaf value) of a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from leaves(item, f"{path}[{position}]")
    else:
        yield path, value


def test_export_holds_every_part_of_the_persons_data(rich, director, officer):
    data = export.build(rich["person"], generated_by=officer)
    text = export.to_json(data)

    assert data["person"]["bsn"] == rich["person"].bsn
    assert data["households"][0]["uuid"] == str(rich["case"].household.uuid)
    request = data["requests"][0]
    assert request["question"] == "Wij komen niet rond en de post stapelt zich op."
    assert request["underlying_need"] == "Overzicht over de geldzaken"
    assert request["screening"]["notes"] == "Zorgen over de huur"
    assert request["screening"]["scores"][0]["level"] == 2
    assert request["triage"]["fired_rules"][0]["explanation"] == "Veel zorgen"
    case = data["cases"][0]
    assert case["director"]["name"] == director.get_full_name()
    assert case["involvements"][0]["role"] == "schuldhulpverlener A"
    assert case["intake"]["underlying_need"] == "Rust in huis A"
    plan = case["plans"][0]
    assert plan["goals"][0]["description"] == "Schulden op een rij A"
    assert plan["actions"][0]["description"] == "Post openen A"
    assert plan["review"]["summary"] == "Evaluatie verliep goed A"
    assert plan["review"]["progress"][0]["note"] == "Op koers A"
    # The data subject sees confidential reports too; the officer judges exceptions.
    assert {e["text"] for e in case["journal"]} == {
        "Huisbezoek afgelegd A",
        "Vertrouwelijke notitie A",
    }
    assert [e["confidential"] for e in case["journal"]].count(True) == 1
    assert case["referrals"][0]["question"] == "Kunnen jullie helpen A?"
    assert case["legal_bases"][0]["explanation"] == "Wmo-onderzoek A"
    assert len(case["legal_bases"][0]["categories"]) == 2
    assert case["break_glass"][0]["reason"].endswith("onbereikbaar A")
    assessment = data["assessments"][0]
    assert assessment["case"] == str(rich["case"].uuid)
    assert {s["score"] for s in assessment["scores"]} == {2}
    assert all(s["level"] for s in assessment["scores"])
    assert data["consents"][0]["purpose"] == "Samenwerken aan één plan"
    assert data["consents"][0]["organisations"] == ["GGZ Voorbeeld"]
    assert "case.view" in text


def test_export_lists_who_accessed_the_data(rich, director):
    data = export.build(rich["person"])

    views = [a for a in data["accesses"] if a["action"] == "case.view"]
    assert len(views) == 1
    view = views[0]
    assert view["who"] == director.get_full_name()
    assert view["organisation"] == director.organisation.name
    assert view["roles"] and "Wijkteam Noord" in view["roles"][0]
    assert view["outcome"]
    assert view["at"] <= timezone.now()
    # The partner's own entry is not about the person.
    assert "person.view" not in {a["action"] for a in data["accesses"]}


def test_export_leaves_out_other_persons(rich):
    text = export.to_json(export.build(rich["person"]))

    assert "person_ids" not in text
    assert str(rich["partner"].uuid) not in text
    assert str(rich["partner"]) not in text
    assert rich["partner"].bsn not in text
    # Accesses say who, when and what, never whom else the entry concerned.
    data = json.loads(text)
    assert all(set(a) == set(data["accesses"][0]) for a in data["accesses"])
    assert not {"persons", "person_ids", "object_uuid"} & set(data["accesses"][0])


def test_export_is_audited(client, rich, officer):
    client.force_login(officer)
    person = rich["person"]
    before = AuditEntry.objects.count()

    item = ExportRequestFactory(person=person, ground="court_order")
    response = client.get(reverse("officer:export_request", args=[item.uuid]))

    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="person.export").get()
    assert entry.legal_basis == "court order"
    assert entry.actor == officer
    assert entry.object_uuid == person.uuid
    assert entry.person_ids == [person.pk]
    assert entry.outcome == "allowed"
    assert AuditEntry.objects.count() == before + 1
    # The export lists itself among the accesses.
    assert (
        escape(str(export.ACTION_LABELS["person.export"])) in response.content.decode()
    )


@pytest.mark.parametrize(
    "make",
    [
        "front_desk",
        "professional",
        "director",
        "team_leader",
        "management",
        "functional_admin",
    ],
)
def test_export_is_refused_for_every_other_role(client, rich, request, make):
    if make in ("management", "functional_admin"):
        user = UserFactory(function=make)
    else:
        user = request.getfixturevalue(make)
    client.force_login(user)
    person = rich["person"]

    item = ExportRequestFactory(person=person)
    responses = [
        client.get(reverse("officer:export_request", args=[item.uuid])),
        client.post(reverse("officer:export_request_json", args=[item.uuid])),
        client.get(reverse("officer:person_find")),
        client.post(reverse("officer:person_find"), {"name": person.family_name}),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert not AuditEntry.objects.filter(
        action__in=["person.export", "privacy.person_search"], outcome="allowed"
    ).exists()
    assert AuditEntry.objects.filter(outcome="refused", actor=user).count() == 4


def test_json_parses_and_matches_the_html(client, rich, officer):
    client.force_login(officer)
    person = rich["person"]

    item = ExportRequestFactory(
        person=person,
        requester="representative",
        requester_name="Mr. A. Advocaat",
        identity_check="other",
        note="Machtiging gezien",
    )
    download = client.post(reverse("officer:export_request_json", args=[item.uuid]))
    page = client.get(reverse("officer:export_request", args=[item.uuid]))

    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/json")
    assert download["Content-Disposition"].startswith("attachment;")
    data = json.loads(download.content)
    html = page.content.decode()
    checked = 0
    for path, value in leaves(data):
        if value in (None, "") or isinstance(value, bool):
            continue
        if isinstance(value, str) and ISO_DATE.match(value):
            # Dates and times: machine-readable in the <time> element.
            assert f'datetime="{value}"' in html, path
        else:
            assert escape(str(value)) in html, path
        checked += 1
    assert checked > 100


def test_export_takes_a_fixed_number_of_queries(rich, director, officer):
    def count():
        with CaptureQueriesContext(connection) as queries:
            export.build(rich["person"], generated_by=officer)
        return len(queries)

    small = count()
    # A second, closed case of the same household and more of everything.
    closed = CaseFactory(
        household=rich["case"].household, director=director, closed=True
    )
    case_file(closed, person=rich["person"], director=director, label="B")
    RequestFactory(household=rich["case"].household, status=Request.Status.CLOSED)
    AssessmentFactory(person=rich["person"], assessor=director)
    for _ in range(5):
        audit.record(actor=act(officer), action="person.view", persons=[rich["person"]])

    assert count() == small


def test_search_is_posted_and_leads_to_the_persons_uuid(client, rich, officer):
    client.force_login(officer)
    person = rich["person"]

    response = client.post(
        reverse("officer:person_find"),
        {"name": f"{person.given_names} {person.family_name}", "bsn": person.bsn},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "officer:export_request_new", args=[person.uuid]
    )
    assert person.family_name not in response["Location"]
    search = AuditEntry.objects.get(action="privacy.person_search")
    assert search.person_ids == [person.pk]


def test_search_with_several_matches_lists_them(client, rich, officer):
    client.force_login(officer)
    household = rich["case"].household

    response = client.post(
        reverse("officer:person_find"), {"name": rich["person"].family_name}
    )

    assert response.status_code == 200
    html = response.content.decode()
    for member in members_of(household):
        assert str(member.uuid) in html


def test_search_needs_a_criterion(client, officer):
    client.force_login(officer)

    response = client.post(reverse("officer:person_find"), {})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AuditEntry.objects.filter(action="privacy.person_search").exists()


def test_export_of_an_unknown_person_is_not_found(client, officer):
    client.force_login(officer)
    household = HouseholdFactory()
    person = members_of(household)[0]
    url = reverse("officer:export_request_new", args=[person.uuid])
    person.delete()

    assert client.get(url).status_code == 404
