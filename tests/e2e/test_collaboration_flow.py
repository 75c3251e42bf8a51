# SPDX-License-Identifier: EUPL-1.2
"""Two organisations carry one household: the director refers it to debt help,
a professional there accepts, takes on an action of the plan and reports its
result, and the director sees it in the plan overview."""

import datetime

import pytest
from django.utils import timezone

from eenplan.accounts.tests.factories import (
    PASSWORD,
    DirectorFactory,
    ProfessionalFactory,
)
from eenplan.cases.tests.factories import CaseFactory
from eenplan.organisations.tests.factories import (
    OrganisationFactory,
    TeamFactory,
    intake_for,
)
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.plans.models import Action
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.tests.factories import consent_for

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/**")


def test_a_referral_becomes_an_action_done_by_the_partner(
    live_server, page, screenshot, axe
):
    base = live_server.url
    today = timezone.localdate()
    team = TeamFactory(name="Wijkteam Noord")
    municipality = OrganisationFactory(name="Gemeente Voorbeeld")
    debt = OrganisationFactory(name="Schuldhulp Noord", kind="debt_help")
    director = DirectorFactory(
        team=team, organisation=municipality, username="regisseur"
    )
    partner = ProfessionalFactory(
        team=TeamFactory(name="Schuldhulpteam"),
        organisation=debt,
        username="schuldhulp",
        first_name="Sanne",
        last_name="Schuld",
    )
    intake_for(partner, team)
    case = CaseFactory(
        household=HouseholdFactory(team=team, members__adults=2), director=director
    )
    for person in members_of(case.household):
        consent_for(person, debt)
    plan = PlanFactory(case=case, agreed=True)
    Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                goal=plan.goals.first(),
                description="Een schuldregeling treffen",
                performer_kind=Action.PerformerKind.PROFESSIONAL,
                performer="Schuldhulp",
                due_on=today + datetime.timedelta(days=21),
            )
        ]
    )

    # The director refers the household to debt help.
    log_in(page, base, "regisseur")
    page.goto(f"{base}/cases/{case.uuid}/")
    page.click("text=Verwijzing versturen")
    page.select_option("#id_to_organisation", label="Schuldhulp Noord")
    page.fill("#id_question", "Kunnen jullie een schuldregeling treffen?")
    page.fill("#id_reason", "De schulden lopen op; er dreigt afsluiting.")
    page.fill("#id_tried", "Samen de post geordend en een budget gemaakt.")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#referral-list")
    screenshot("30-referral-sent")

    # The debt helper finds it on their work list and accepts it.
    log_in(page, base, "schuldhulp")
    page.goto(f"{base}/")
    page.click("#referrals-received a")
    assert "De schulden lopen op" in page.inner_text("#referral-reason")
    assert axe() == []
    page.check("input[name=accept][value=yes]")
    page.fill("#id_role", "schuldhulpverlener")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#referral-status")
    assert "Geaccepteerd" in page.inner_text("#referral-status")

    # The director assigns the plan's action to the debt helper.
    log_in(page, base, "regisseur")
    page.goto(f"{base}/plans/{plan.uuid}/")
    page.click("text=Toewijzen aan een partner")
    assert axe() == []
    page.select_option("#id_to", value=f"user:{partner.uuid}")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".eenplan-assignment[data-status=assigned]")

    # The debt helper accepts the action and reports its result.
    log_in(page, base, "schuldhulp")
    page.goto(f"{base}/")
    page.click("#assigned-to-me a")
    assert "Een schuldregeling treffen" in page.inner_text("#assignment-action")
    page.check("input[name=answer-accept][value=yes]")
    page.click("button[name=answer]")
    page.wait_for_selector("#id_report-text")
    page.fill("#id_report-text", "Regeling getroffen met alle schuldeisers.")
    page.check("#id_report-is_result")
    page.click("button[name=report]")
    page.wait_for_selector("#assignment-result")
    assert axe() == []
    screenshot("31-action-result")

    # The director sees it done in the plan overview, and was told.
    log_in(page, base, "regisseur")
    page.goto(f"{base}/plans/{plan.uuid}/")
    status = page.locator(".eenplan-assignment[data-status=done]")
    assert "Sanne Schuld" in status.inner_text()
    screenshot("32-plan-overview")
    page.goto(f"{base}/inbox/")
    assert "Een partner heeft een resultaat gemeld" in page.inner_text("#notifications")
    assert axe() == []
