# SPDX-License-Identifier: EUPL-1.2
"""Two-step login in the browser, with the real Content-Security-Policy enforced.

The code comes from django-otp's TOTP, computed from the device's secret like an
authenticator app would. A listener added before any page script records every
CSP violation the browser reports; there must be none, also on the case page
where Chart.js draws the ZRM radar chart.
"""

from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import totp

from eenplan.accounts.tests.factories import (
    PASSWORD,
    DirectorFactory,
    TOTPDeviceFactory,
    totp_token,
    wrong_token,
)
from eenplan.assessments.tests.factories import AssessmentFactory, life_domains
from eenplan.cases.tests.factories import CaseFactory
from eenplan.conf.settings import base
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SECURE = override_settings(
    EENPLAN_REQUIRE_2FA=True,
    CONTENT_SECURITY_POLICY=base.CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_REPORT_ONLY=None,
)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline")
  );
});
"""


def watch_csp(page) -> list[str]:
    """Collect the console's CSP messages; the page records its own list too."""
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return console


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def log_in_with_password(page, base_url, username):
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")


@SECURE
def test_password_and_code_reach_my_work_and_the_radar_chart_without_csp_violations(
    live_server, page, screenshot
):
    base_url = live_server.url
    team = TeamFactory(name="Wijkteam Noord")
    director = DirectorFactory(team=team, username="regisseur")
    device = TOTPDeviceFactory(user=director)
    household = HouseholdFactory(team=team, members__adults=1)
    case = CaseFactory(household=household, director=director)
    life_domains()
    adult = members_of(household)[0]
    AssessmentFactory(person=adult, case=case, assessor=director)
    console = watch_csp(page)

    log_in_with_password(page, base_url, "regisseur")
    page.wait_for_url(f"{base_url}/login/code/**")
    assert page.inner_text("h1") == "Vul uw code in"
    assert page.evaluate("document.activeElement.id") == "id_token"
    response = page.request.get(f"{base_url}/login/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]

    # A wrong code first: refused in Dutch, and the staff pages stay closed.
    page.fill("#id_token", wrong_token(device))
    page.click("main form button[type=submit]")
    assert "Deze code klopt niet" in page.inner_text("#id_token_error")
    page.goto(f"{base_url}/")
    page.wait_for_url(f"{base_url}/login/code/**")

    # django-otp asks to wait a second after a wrong code; then the right one.
    page.wait_for_timeout(1100)
    page.fill("#id_token", totp_token(device))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    assert page.inner_text("h1") == "Mijn werk"
    assert page.locator("#demo-account-marker").count() == 0

    page.goto(f"{base_url}/cases/{case.uuid}/")
    canvas = page.locator("canvas.eenplan-radar__canvas")
    canvas.wait_for()
    page.wait_for_function(
        "document.querySelector('canvas.eenplan-radar__canvas').width > 0"
    )
    assert canvas.evaluate("c => c.style.height !== ''")  # Chart.js sized it
    screenshot("two-factor-case-with-radar")
    assert violations(page) == []
    assert console == []


@SECURE
def test_first_login_sets_up_the_app_with_the_key_typed_by_hand(
    live_server, page, screenshot
):
    base_url = live_server.url
    DirectorFactory(team=TeamFactory(), username="nieuw")
    console = watch_csp(page)

    log_in_with_password(page, base_url, "nieuw")
    page.wait_for_url(f"{base_url}/login/set-up/**")
    assert page.inner_text("h1") == "Tweestapsverificatie instellen"
    qr = page.locator("#qr-code svg")
    assert qr.bounding_box()["width"] > 150
    screenshot("two-factor-set-up")
    assert violations(page) == []

    # Somebody who cannot scan types the key into the app instead.
    secret = page.inner_text("#totp-secret").replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_token", f"{totp(key):06d}")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    assert "Tweestapsverificatie is ingesteld" in page.inner_text(".eenplan-messages")
    assert violations(page) == []
    assert console == []
