# SPDX-License-Identifier: EUPL-1.2
"""One household from request to agreed plan, in the browser, in Dutch."""

import datetime

import pytest
from django.utils import timezone, translation

from eenplan.accounts.tests.factories import (
    PASSWORD,
    DirectorFactory,
    FrontDeskFactory,
    TeamLeaderFactory,
)
from eenplan.assessments.models import LifeDomain
from eenplan.intake.models import Outcome
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.plans.domain import latest_review_date

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def dutch(label) -> str:
    with translation.override("nl"):
        return str(label)


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")


def submit(page, step):
    """The button of a step: its own (the plan's one form), or its form's."""
    own = page.locator(f"button[name=step][value={step}]")
    if own.count():
        own.click()
    else:
        page.click(f"form:has(input[name=step][value={step}]) button[type=submit]")


def test_request_to_agreed_plan_with_review_due_on_my_work(
    live_server, page, screenshot, axe
):
    base = live_server.url
    team = TeamFactory(name="Wijkteam Noord", postcode_areas="2611")
    FrontDeskFactory(team=team, username="balie")
    TeamLeaderFactory(team=team, username="teamleider")
    director = DirectorFactory(
        team=team, username="regisseur", first_name="Rita", last_name="Regisseur"
    )
    domains = list(LifeDomain.objects.filter(active=True))
    today = timezone.localdate()

    # 1. The front desk registers a new household and its request.
    log_in(page, base, "balie")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.click("a[href='/people/']")
    page.click("a[href='/people/households/new/']")
    page.fill("#id_postcode", "2611 AB")
    page.fill("#id_house_number", "12")
    page.fill("#id_street", "Kerkstraat")
    page.fill("#id_city", "Voorbeeld")
    page.fill("#id_person-0-given_names", "Anna")
    page.fill("#id_person-0-family_name", "de Vries")
    page.fill("#id_person-0-birth_date", "1985-03-02")
    page.select_option("#id_person-0-relation", "parent")
    page.fill("#id_person-0-bsn", "123456789")  # fails the elfproef
    page.fill("#id_person-1-given_names", "Sem")
    page.fill("#id_person-1-family_name", "de Vries")
    page.fill(
        "#id_person-1-birth_date",
        (today - datetime.timedelta(days=9 * 365)).isoformat(),
    )
    page.select_option("#id_person-1-relation", "child")
    page.click("main form button[type=submit]")
    error = page.locator("#id_person-0-bsn_error")
    assert "elfproef" in error.inner_text() or "BSN" in error.inner_text()
    assert (
        page.locator("#id_person-1-given_names").input_value() == "Sem"
    )  # nothing lost
    page.fill("#id_person-0-bsn", "111222333")
    page.click("main form button[type=submit]")

    page.wait_for_url("**/requests/new/**")
    page.check("input[name=channel][value=phone]")
    page.fill("#id_question", "Ik krijg de rekeningen niet meer betaald.")
    page.fill("#id_underlying_need", "Zorgen om de kinderen en eenzaamheid.")
    for box in page.locator("input[name=persons]").all():
        box.check()
    screenshot("01-request-form")
    assert axe() == []
    page.click("main form button[type=submit]")

    # 2. Screening and the first triage: two domains at level 2 suggest integral.
    page.wait_for_url("**/requests/*/")
    page.select_option("#id_domain_financien", "2")
    page.select_option("#id_domain_huiselijke-relaties", "2")
    submit(page, "screening")
    page.wait_for_selector("#suggested-outcome")
    assert page.inner_text("#suggested-outcome") == dutch(Outcome.INTEGRAL.label)
    fired = page.inner_text(".eenplan-fired-rules")
    assert "integral-two-domains-not-self-reliant" in fired
    assert "Financiën" in fired and "Huiselijke relaties" in fired
    assert page.is_checked(f"input[name=outcome][value={Outcome.INTEGRAL}]")
    screenshot("02-triage-suggestion")
    assert axe() == []
    submit(page, "triage")
    page.wait_for_selector("#decision-heading")

    # 3. The team leader assigns a director: this opens the case.
    log_in(page, base, "teamleider")
    page.click("#assign-heading ~ ul a")
    page.select_option("#id_director", str(director.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/cases/*/")
    assert "Rita Regisseur" in page.inner_text("#case-director")

    # 4. The director records the intake and a ZRM for the adult.
    log_in(page, base, "regisseur")
    page.click("#my-cases a")
    page.click("a[href$='/intake/']")
    # The intake's first question: consent to share with partner organisations.
    page.check("input[name=consent_answer][value=yes]")
    page.fill("#id_underlying_need", "Rust en overzicht in de financiën.")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/cases/*/")
    page.click("a[href*='/zrm/']")
    for domain in domains:
        level = "2" if domain.code in ("financien", "huiselijke-relaties") else "4"
        page.select_option(f"#id_domain_{domain.code}", level)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/cases/*/")
    assert page.locator("canvas.eenplan-radar__canvas").count() == 1
    assert page.locator(".eenplan-radar__canvas").evaluate("c => c.width > 0")
    screenshot("03-case-with-zrm")
    assert axe() == []

    # 5. The plan: a goal in the household's words, an action, agreed.
    page.click("form[action$='/plan/'] button")
    page.wait_for_url("**/plans/*/")
    page.select_option("#id_goal-domain", label="Financiën")
    page.fill("#id_goal-description", "Ik wil mijn rekeningen weer zelf betalen.")
    page.select_option("#id_goal-target_level", "4")
    submit(page, "goal")
    page.wait_for_selector("#goal-list")
    page.select_option("#id_action-goal", index=1)
    page.fill("#id_action-description", "Samen een budgetplan maken.")
    page.check("input[name=action-performer_kind][value=professional]")
    page.fill("#id_action-performer", "Schuldhulp Voorbeeld")
    page.fill("#id_action-due_on", (today + datetime.timedelta(days=14)).isoformat())
    submit(page, "action")
    page.wait_for_selector("text=Samen een budgetplan maken.")
    page.fill("#id_agree-agreed_with", "Anna de Vries")
    due = latest_review_date(today)
    assert page.input_value("#id_agree-next_review_due") == due.strftime("%d-%m-%Y")
    screenshot("04-plan-draft")
    assert axe() == []
    submit(page, "agree")
    page.wait_for_url("**/cases/*/")
    assert page.inner_text("#next-review") == due.strftime("%d-%m-%Y")

    # 6. "My work" shows the review that is due.
    page.click("a[href='/']")
    reviews = page.inner_text("#reviews-table")
    assert "Kerkstraat 12" in reviews
    assert due.strftime("%d-%m-%Y") in reviews
    screenshot("05-my-work")
    assert axe() == []
