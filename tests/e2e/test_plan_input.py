# SPDX-License-Identifier: EUPL-1.2
"""On the plan page, what was typed in one part survives saving another part."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.accounts.tests.factories import PASSWORD, DirectorFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.tests.factories import PlanFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_typed_text_survives_two_submits_and_enter_removes_nothing(
    live_server, page, screenshot
):
    base = live_server.url
    team = TeamFactory()
    director = DirectorFactory(team=team, username="regisseur")
    case = CaseFactory(household=HouseholdFactory(team=team), director=director)
    plan = PlanFactory(case=case, goals=1)
    page.goto(f"{base}/login/")
    page.fill("#id_username", "regisseur")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(base + reverse("plans:plan", kwargs={"uuid": plan.uuid}))

    # Type in the agreement and the action, then add a goal.
    page.fill("#id_agree-agreed_with", "Moeder en dochter")
    page.fill("#id_action-description", "Samen de post openen")
    page.select_option("#id_goal-domain", index=1)
    page.fill("#id_goal-description", "Weer rust in huis")
    page.click("button[name=step][value=goal]")
    page.wait_for_load_state()
    assert "Weer rust in huis" in page.inner_text("#goal-list")
    assert page.input_value("#id_agree-agreed_with") == "Moeder en dochter"
    assert page.input_value("#id_action-description") == "Samen de post openen"

    # An action with a date in the past is refused; what was typed stays.
    page.fill(
        "#id_action-due_on",
        (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
    )
    page.fill("#id_action-performer", "Moeder")
    page.check("input[name=action-performer_kind][value=household]")
    page.click("button[name=step][value=action]")
    page.wait_for_load_state()
    assert page.locator("#id_action-due_on_error").is_visible()
    assert page.input_value("#id_action-description") == "Samen de post openen"
    assert page.input_value("#id_agree-agreed_with") == "Moeder en dochter"
    screenshot("plan-typed-text-kept")

    # Enter in a field shows the page again; it presses no remove button.
    goals = page.locator("#goal-list > li").count()
    page.press("#id_agree-agreed_with", "Enter")
    page.wait_for_load_state()
    assert page.locator("#goal-list > li").count() == goals
    assert page.input_value("#id_agree-agreed_with") == "Moeder en dochter"
