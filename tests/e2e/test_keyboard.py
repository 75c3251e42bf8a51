# SPDX-License-Identifier: EUPL-1.2
"""Staff pages work with the keyboard alone."""

import pytest

from eenplan.accounts.tests.factories import PASSWORD, FrontDeskFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_log_in_and_skip_to_content_with_the_keyboard(live_server, page):
    FrontDeskFactory(username="balie")
    page.goto(f"{live_server.url}/login/")

    # The login form puts the cursor in the username field.
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("balie")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # On every page the first Tab reaches the skip link, which moves focus to main.
    page.keyboard.press("Tab")
    assert "utrecht-skip-link" in page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # From the top, the main navigation comes in reading order.
    page.goto(f"{live_server.url}/")
    hrefs = []
    for _ in range(9):
        page.keyboard.press("Tab")
        hrefs.append(
            page.evaluate(
                "document.activeElement.closest('nav') &&"
                " document.activeElement.getAttribute('href')"
            )
        )
    assert [h for h in hrefs if h] == [
        "/",
        "/people/",
        "/consultations/",
        "/time/",
        "/inbox/",
        "/services/",
        "/requests/rules/",
    ]
