# SPDX-License-Identifier: EUPL-1.2
"""The catalogue search, the grant pages per role, bad input, and what a
partner sees of grants by consent."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import (
    DirectorFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
)
from eenplan.audit.models import AuditEntry
from eenplan.cases.models import Involvement
from eenplan.cases.tests.factories import CaseFactory
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.tests.factories import consent_for
from eenplan.services import selectors, services
from eenplan.services.models import GrantVersion
from eenplan.services.tests.factories import (
    OfferFactory,
    ServiceFactory,
    letter_template,
    mandate,
    topic,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def world():
    class World:
        team = TeamFactory()
        director = DirectorFactory(team=team)
        leader = TeamLeaderFactory(team=team)
        case = CaseFactory(
            household=HouseholdFactory(team=team, members__adults=1),
            director=director,
        )
        person = members_of(case.household)[0]
        service = ServiceFactory(name="Huishoudelijke ondersteuning")

    letter_template()
    mandate("professional", law="wmo", max_cost="7500", max_weeks=52)
    mandate("team_leader")
    return World


def _grant(world, units="3"):
    return services.grant_request(
        actor=act(world.director),
        case=world.case,
        person=world.person,
        service=world.service,
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=363),
        units=Decimal(units),
        period="week",
    )


def _form(world, **changes):
    data = {
        "person": str(world.person.uuid),
        "service": str(world.service.uuid),
        "starts_on": TODAY().strftime("%d-%m-%Y"),
        "ends_on": (TODAY() + datetime.timedelta(days=363)).strftime("%d-%m-%Y"),
        "units": "3",
        "period": "week",
        "note": "",
        "step": "check",
    }
    data.update(changes)
    return data


# --- The catalogue ---------------------------------------------------------------


def test_the_catalogue_finds_offers_by_topic_domain_words_and_area(client, world):
    lonely = topic("eenzaamheid", "Eenzaamheid", "sociaal-netwerk")
    money = topic("geld", "Geld", "financien")
    coffee = OfferFactory(
        name="Koffieochtend De Hoek", teams=[world.team], topics=[lonely]
    )
    OfferFactory(name="Spreekuur geldzaken", teams=[world.team], topics=[money])
    OfferFactory(name="Koffieochtend elders", teams=[TeamFactory()], topics=[lonely])
    OfferFactory(
        name="Koffieochtend gestopt",
        teams=[world.team],
        topics=[lonely],
        ended_on=TODAY(),
    )
    client.force_login(world.director)
    url = reverse("services:catalogue")
    page = client.get(
        url, {"q": "koffie", "domain": "sociaal-netwerk", "team": str(world.team.uuid)}
    ).content.decode()
    assert coffee.name in page
    assert "Koffieochtend elders" not in page  # another team's area
    assert "Koffieochtend gestopt" not in page  # ended
    assert "Spreekuur geldzaken" not in page  # another domain
    by_topic = client.get(url, {"topic": "geld"}).content.decode()
    assert "Spreekuur geldzaken" in by_topic and coffee.name not in by_topic
    # Not personal data: searching is not audited.
    assert not AuditEntry.objects.filter(action="catalogue.view").exists()


def test_the_catalogue_finds_services_by_domain_and_provider(client, world):
    client.force_login(world.leader)
    page = client.get(
        reverse("services:catalogue"), {"q": "linde", "kind": "services"}
    ).content.decode()
    assert "Huishoudelijke ondersteuning" in page and "36.50" in page.replace(",", ".")


def test_bad_search_input_is_an_error_on_the_form_not_a_500(client, world):
    client.force_login(world.director)
    response = client.get(
        reverse("services:catalogue"),
        {"domain": "geen-domein", "team": "not-a-uuid", "q": "x" * 500},
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"domain", "team", "q"}


def test_an_offer_chosen_in_the_catalogue_fills_the_plans_action_form(client, world):
    plan = PlanFactory(case=world.case)
    offer = OfferFactory(name="Maatjesproject", teams=[world.team])
    client.force_login(world.director)
    page = client.get(
        reverse("plans:plan", kwargs={"uuid": plan.uuid}), {"offer": str(offer.uuid)}
    ).content.decode()
    assert f'value="{offer.uuid}" selected' in page
    assert "Maatjesproject" in page


# --- Granting ----------------------------------------------------------------------


def test_the_director_sees_whether_the_mandate_covers_it_before_saving(client, world):
    client.force_login(world.director)
    url = reverse("cases:grant_new", kwargs={"uuid": world.case.uuid})
    within = client.post(url, _form(world)).content.decode()
    assert 'id="mandate-check"' in within and "5694.00" in within.replace(",", ".")
    assert "Within your mandate" in within or "Binnen uw mandaat" in within
    above = client.post(url, _form(world, units="10")).content.decode()
    assert "Above your mandate" in above or "Boven uw mandaat" in above
    assert not GrantVersion.objects.exists()
    response = client.post(url, _form(world, units="10", step="grant"))
    assert response.status_code == 302
    assert GrantVersion.objects.get().status == GrantVersion.Status.PENDING


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"units": "0"}, "units"),
        ({"units": "drie"}, "units"),
        ({"units": "100000"}, "units"),
        ({"ends_on": "01-01-2000"}, "ends_on"),
        ({"starts_on": "31-02-2026"}, "starts_on"),
        ({"service": "00000000-0000-0000-0000-000000000000"}, "service"),
        ({"service": "9" * 30}, "service"),
        ({"period": "jaar"}, "period"),
        ({"person": "not-a-uuid"}, "person"),
    ],
)
def test_bad_grant_input_is_shown_beside_the_field(client, world, changes, field):
    client.force_login(world.director)
    url = reverse("cases:grant_new", kwargs={"uuid": world.case.uuid})
    response = client.post(url, _form(world, step="grant", **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not GrantVersion.objects.exists()


def test_a_person_of_another_household_is_not_a_choice(client, world):
    other = members_of(HouseholdFactory(team=world.team))[0]
    client.force_login(world.director)
    url = reverse("cases:grant_new", kwargs={"uuid": world.case.uuid})
    response = client.post(url, _form(world, step="grant", person=str(other.uuid)))
    assert response.status_code == 200 and "person" in response.context["form"].errors


def test_the_team_leader_approves_on_the_grant_page(client, world):
    version = _grant(world, units="10")
    client.force_login(world.leader)
    work = client.get(reverse("workspace:my_work")).content.decode()
    url = reverse("services:grant", kwargs={"uuid": version.grant.uuid})
    assert url in work
    refused = client.post(url, {"step": "decide", "decide-decision": "refuse"})
    assert refused.status_code == 200
    assert "reason" in refused.context["decide_form"].errors
    response = client.post(url, {"step": "decide", "decide-decision": "approve"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == GrantVersion.Status.GRANTED
    assert version.decided_by == world.leader


def test_the_requester_is_not_offered_the_decision(client, world):
    version = _grant(world, units="10")
    client.force_login(world.director)
    url = reverse("services:grant", kwargs={"uuid": version.grant.uuid})
    page = client.get(url).content.decode()
    assert 'value="decide"' not in page and 'id="pending-note"' in page
    response = client.post(url, {"step": "decide", "decide-decision": "approve"})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == GrantVersion.Status.PENDING


def test_the_letter_is_the_stored_pdf_and_reading_it_is_audited(client, world):
    version = _grant(world)
    client.force_login(world.director)
    response = client.get(
        reverse("services:letter", kwargs={"uuid": version.grant.uuid, "number": 1})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert world.person.family_name not in response["Content-Disposition"]
    assert AuditEntry.objects.filter(action="grant.letter").exists()


# --- What a partner sees -------------------------------------------------------------


def _partner(world):
    partner = ProfessionalFactory(
        team=TeamFactory(), organisation=OrganisationFactory(name="GGZ Elders")
    )
    Involvement.objects.create(
        case=world.case, professional=partner, role="behandelaar"
    )
    return partner


def test_a_partner_without_consent_for_services_sees_no_grant(client, world):
    version = _grant(world)
    partner = _partner(world)
    consent_for(world.person, partner.organisation, "basis", "hulpvraag-plan", "zrm")
    client.force_login(partner)
    case_page = client.get(reverse("workspace:case", kwargs={"uuid": world.case.uuid}))
    assert case_page.status_code == 200
    assert "Huishoudelijke ondersteuning" not in case_page.content.decode()
    assert case_page.context["grants"] == []
    url = reverse("services:grant", kwargs={"uuid": version.grant.uuid})
    assert client.get(url).status_code == 404
    assert (
        selectors.grants_for(
            case=world.case,
            shares=case_page.context["shares"],
        )
        == []
    )


def test_a_partner_with_consent_for_services_sees_the_grant(client, world):
    version = _grant(world)
    partner = _partner(world)
    consent_for(world.person, partner.organisation, "basis", "voorzieningen")
    client.force_login(partner)
    page = client.get(reverse("workspace:case", kwargs={"uuid": world.case.uuid}))
    assert "Huishoudelijke ondersteuning" in page.content.decode()
    url = reverse("services:grant", kwargs={"uuid": version.grant.uuid})
    assert client.get(url).status_code == 200


def test_the_triage_form_asks_which_offer_was_given(world):
    from eenplan.intake.forms import TriageForm
    from eenplan.intake.tests.factories import RequestFactory

    request = RequestFactory(household=HouseholdFactory(team=world.team))
    here = OfferFactory(name="Koffieochtend hier", teams=[world.team])
    elsewhere = OfferFactory(name="Koffieochtend elders", teams=[TeamFactory()])
    data = {
        "outcome": "solved_at_door",
        "solved_with": "offer",
        "solved_note": "Dinsdag om tien uur.",
        "basis_law": "",
    }
    form = TriageForm(data, suggested="solved_at_door", request=request)
    assert not form.is_valid() and "solved_offer" in form.errors
    form = TriageForm(
        {**data, "solved_offer": str(elsewhere.uuid)},
        suggested="solved_at_door",
        request=request,
    )
    assert not form.is_valid() and "solved_offer" in form.errors  # not this area
    form = TriageForm(
        {**data, "solved_offer": str(here.uuid)},
        suggested="solved_at_door",
        request=request,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["solved_offer"] == here
