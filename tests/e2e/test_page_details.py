# SPDX-License-Identifier: EUPL-1.2
"""Details a new user hit (issue 8): the login button comes before the
language switch, pages have a favicon, a checked radio button looks checked."""

import pytest

from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import PASSWORD
from eenplan.intake.tests.factories import RequestFactory, ScreeningFactory
from eenplan.people.tests.factories import HouseholdFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_first_button_of_the_login_page_logs_in(live_server, page):
    page.goto(f"{live_server.url}/login/")
    first = page.locator("button").first
    assert first.inner_text() == "Inloggen"
    assert first.evaluate("b => b.closest('main') !== null")
    # By keyboard, too: the login button is reached before the language switch.
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert focused.index("Inloggen") < focused.index("English")


def test_pages_have_a_favicon_and_no_request_fails(live_server, page):
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(f"{live_server.url}/login/")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).status == 200
    assert page.request.get(f"{live_server.url}/favicon.ico").status == 200
    assert failed == []


def test_a_checked_radio_button_looks_different_from_an_unchecked_one(
    live_server, page
):
    world = World("desk")
    request = RequestFactory(household=HouseholdFactory(team=world.team))
    ScreeningFactory(request=request)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", world.user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/**")
    page.goto(f"{live_server.url}/requests/{request.uuid}/")
    radios = page.locator("input[type=radio][name=outcome]")
    radios.nth(1).check()
    look = (
        "r => getComputedStyle(r).backgroundImage + getComputedStyle(r).backgroundColor"
    )
    checked = radios.nth(1).evaluate(look)
    unchecked = radios.nth(2).evaluate(look)
    assert checked != unchecked
    assert "gradient" in checked
