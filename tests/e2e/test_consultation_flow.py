# SPDX-License-Identifier: EUPL-1.2
"""A team leader plans a consultation (MDO) with a partner professional of
another organisation, records its outcome with an agreed action, and the action
is in the case's plan; the partner, without consent, sees the consultation but
not the file."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.accounts.tests.factories import (
    PASSWORD,
    DirectorFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
)
from eenplan.cases.tests.factories import CaseFactory
from eenplan.consultations.models import Consultation
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.models import Plan
from eenplan.plans.tests.factories import PlanFactory

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
    page.wait_for_url(f"{base}/")


def test_team_leader_plans_a_consultation_and_its_action_lands_in_the_plan(
    live_server, page, screenshot
):
    base = live_server.url
    team = TeamFactory()
    leader = TeamLeaderFactory(team=team, username="teamleider")
    director = DirectorFactory(team=team, username="regisseur")
    partner = ProfessionalFactory(
        team=TeamFactory(),
        organisation=OrganisationFactory(name="GGZ Oost", kind="mental_health"),
        username="ggz",
        first_name="Gerda",
        last_name="Zorg",
    )
    case = CaseFactory(household=HouseholdFactory(team=team), director=director)
    agreed = PlanFactory(case=case, agreed=True, goals=1)

    log_in(page, base, "teamleider")
    page.goto(base + reverse("consultations:list"))
    page.click("#plan-consultation")
    # Begun a few minutes ago, so its outcome can be recorded right after.
    start = timezone.localtime() - datetime.timedelta(minutes=5)
    page.check(f"input[name=cases][value='{case.pk}']")
    page.fill("#id_question", "Wie pakt de schulden op?")
    page.fill("#id_date", start.strftime("%d-%m-%Y"))
    page.fill("#id_time", start.strftime("%H:%M"))
    page.select_option("#id_chair", str(leader.pk))
    page.select_option("#id_participants", [str(partner.pk), str(director.pk)])
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    consultation = Consultation.objects.get()
    assert page.url.endswith(
        reverse("consultations:detail", kwargs={"uuid": consultation.uuid})
    )
    assert "Gerda Zorg" in page.inner_text("#participants")
    screenshot("consultation-planned")

    page.click(f"#item-{consultation.items.get().uuid} a")
    page.fill("#id_shared_picture", "De schulden groeien; de moeder wil hulp.")
    page.fill("#id_decisions", "Schuldhulp start deze maand.")
    due = timezone.localdate() + datetime.timedelta(days=14)
    page.fill("#id_a0_description", "Aanmelden bij schuldhulp")
    page.select_option("#id_a0_performer_kind", "professional")
    page.fill("#id_a0_performer", "Schuldhulp Oost")
    page.fill("#id_a0_due_on", due.strftime("%d-%m-%Y"))
    screenshot("consultation-outcome-form")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Schuldhulp start deze maand." in page.inner_text("main")

    # The agreed action is in the case's plan: the next version, a draft
    # copied from the agreed one, to agree with the household.
    draft = Plan.objects.get(case=case, status=Plan.Status.DRAFT)
    assert draft.version == agreed.version + 1
    page.goto(base + reverse("plans:plan", kwargs={"uuid": draft.uuid}))
    assert "Aanmelden bij schuldhulp" in page.inner_text("main")
    screenshot("consultation-action-in-plan")

    # The partner sees the consultation, not the household's file.
    log_in(page, base, "ggz")
    page.goto(
        base + reverse("consultations:detail", kwargs={"uuid": consultation.uuid})
    )
    text = page.inner_text("main")
    assert "Schuldhulp start deze maand." not in text
    assert page.locator(".eenplan-withheld").count() >= 1
    screenshot("consultation-partner-view")
