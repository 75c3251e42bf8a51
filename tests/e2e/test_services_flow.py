# SPDX-License-Identifier: EUPL-1.2
"""A director finds an offer on the social map for a plan action, grants a
service above their mandate, and the team leader approves it; the letter is
the PDF stored with the decision."""

import datetime

import pytest
from django.utils import timezone

from eenplan.accounts.tests.factories import DirectorFactory, TeamLeaderFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.tests.factories import PlanFactory
from eenplan.services.models import GrantVersion
from eenplan.services.tests.factories import (
    OfferFactory,
    ServiceFactory,
    letter_template,
    mandate,
    topic,
)

from .test_collaboration_flow import log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_director_uses_the_social_map_and_grants_above_the_mandate(
    live_server, page, screenshot, axe
):
    base = live_server.url
    today = timezone.localdate()
    team = TeamFactory(name="Wijkteam Noord")
    municipality = OrganisationFactory(name="Gemeente Voorbeeld")
    director = DirectorFactory(
        team=team, organisation=municipality, username="regisseur"
    )
    TeamLeaderFactory(
        team=team, organisation=municipality, username="teamleider", last_name="Leider"
    )
    case = CaseFactory(
        household=HouseholdFactory(team=team, members__adults=1), director=director
    )
    draft = PlanFactory(case=case, goals=1)
    lonely = topic("eenzaamheid", "Eenzaamheid", "sociaal-netwerk")
    OfferFactory(name="Koffieochtend in de buurtkamer", teams=[team], topics=[lonely])
    OfferFactory(name="Koffieochtend elders", teams=[TeamFactory()], topics=[lonely])
    service = ServiceFactory(name="Individuele begeleiding", tariff="68.40")
    letter_template()
    mandate("professional", law="wmo", max_cost="7500", max_weeks=52)
    mandate("team_leader", max_cost="60000")

    # The director looks on the social map for an offer for a plan action.
    log_in(page, base, "regisseur")
    page.goto(f"{base}/plans/{draft.uuid}/")
    page.click("text=Zoek aanbod op de sociale kaart")
    page.select_option("#id_topic", value="eenzaamheid")
    page.click("main form button[type=submit]")
    offers = page.inner_text("#offer-list")
    assert "Koffieochtend in de buurtkamer" in offers
    assert "Koffieochtend elders" not in offers  # another team's area
    assert axe() == []
    screenshot("40-social-map")
    page.click("#offer-list >> text=Gebruik in een actie van het plan")
    assert page.input_value("#id_action-description") == (
        "Koffieochtend in de buurtkamer"
    )
    due = (today + datetime.timedelta(days=14)).strftime("%d-%m-%Y")
    page.fill("#id_action-due_on", due)
    page.click("button[name=step][value=action]")
    page.wait_for_selector("text=Sociale kaart: Koffieochtend in de buurtkamer")

    # On the case, the director grants a service: above the mandate.
    page.goto(f"{base}/cases/{case.uuid}/grants/new/?service={service.uuid}")
    page.fill("#id_units", "3")
    page.fill(
        "#id_ends_on", (today + datetime.timedelta(days=363)).strftime("%d-%m-%Y")
    )
    page.click("button[name=step][value=check]")
    check = page.inner_text("#mandate-check")
    # 3 hours a week at € 68.40 for 52 weeks: € 10,670.40, above € 7,500.
    assert "Boven uw mandaat" in check and "10670.40" in check.replace(",", ".")
    assert axe() == []
    screenshot("41-mandate-check")
    page.click("button[name=step][value=grant]")
    page.wait_for_selector("#pending-note")
    assert "Wacht op goedkeuring" in page.inner_text("#grant-status")

    # The team leader finds it on the work list and approves it.
    log_in(page, base, "teamleider")
    page.goto(f"{base}/")
    page.click("#approvals a")
    page.check("input[name=decide-decision][value=approve]")
    screenshot("42-approve")
    page.click("button[name=step][value=decide]")
    page.wait_for_selector("text=De toekenning is goedgekeurd.")
    assert "Toegekend" in page.inner_text("#grant-status")
    assert axe() == []
    version = GrantVersion.objects.get()
    assert version.status == GrantVersion.Status.GRANTED
    assert version.decided_by.username == "teamleider"

    # The letter is there to print, as a PDF.
    with page.expect_download() as download:
        page.evaluate(
            "href => { const a = document.createElement('a'); a.href = href;"
            " a.download = 'brief.pdf'; document.body.appendChild(a); a.click(); }",
            page.get_attribute("#version-table a", "href"),
        )
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    # The director sees it granted on the case, at phone width too.
    log_in(page, base, "regisseur")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{base}/cases/{case.uuid}/")
    assert "Individuele begeleiding" in page.inner_text("#grant-list")
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
    screenshot("43-case-grants-phone")
