# SPDX-License-Identifier: EUPL-1.2
"""Break the glass, and the privacy officer finds who opened the case and why."""

import pytest

from eenplan.accounts.tests.factories import (
    PASSWORD,
    DirectorFactory,
    ProfessionalFactory,
    UserFactory,
)
from eenplan.cases.tests.factories import CaseFactory
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REASON = "Melding van acute zorgen over de kinderen; regisseur niet bereikbaar."


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/**")


def test_break_the_glass_is_found_by_the_privacy_officer(
    live_server, page, screenshot, axe
):
    base = live_server.url
    team = TeamFactory(name="Wijkteam Noord")
    DirectorFactory(team=team, username="regisseur")
    colleague = ProfessionalFactory(
        team=team, username="collega", first_name="Cas", last_name="Collega"
    )
    case = CaseFactory(
        household=HouseholdFactory(team=team, members__adults=2),
        director__username="regisseur2",
        director__team=team,
    )
    resident = members_of(case.household)[0]
    UserFactory(username="privacy", function="privacy_officer")

    # A colleague without a relation is refused, and may break the glass.
    log_in(page, base, "collega")
    page.goto(f"{base}/people/households/{case.household.uuid}/")
    page.click("#open-case-link")
    assert page.locator("#break-glass-heading").is_visible()
    assert axe() == []
    page.fill("#id_reason", REASON)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#break-glass-banner")
    screenshot("10-break-the-glass")

    # The privacy officer finds who opened the household's case, and why.
    log_in(page, base, "privacy")
    page.goto(f"{base}/audit/")
    search = page.locator("form[action='/audit/people/']")
    search.locator("input[name=name]").fill(resident.family_name)
    search.locator("button[type=submit]").click()
    page.click(f"a[href*='person={resident.uuid}']")
    table = page.inner_text("#audit-table")
    assert str(colleague) in table
    assert REASON[:40] in table
    screenshot("11-audit-trail")
    assert axe() == []
