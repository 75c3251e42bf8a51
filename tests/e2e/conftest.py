# SPDX-License-Identifier: EUPL-1.2
"""Browser tests: Playwright for Python driving Debian's headless Chromium.

No browser is downloaded: Playwright starts /usr/bin/chromium (installed by
`make test`). Screenshots of each step land in test-results/ for a person to look at.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make between browser steps are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("EENPLAN_CHROMIUM", "/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make test` to install it.")
    from django.db import connections

    outside = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # Playwright keeps an event loop running in this thread from now on, and
        # Django then hands out other connection objects (asgiref's Local goes
        # context-local). The test database's serialized contents hang on the
        # objects made outside the loop; without them serialized_rollback
        # restores nothing and the second browser test finds the data
        # migrations' rows (life domains, age rules) flushed away.
        for alias, wrapper in outside.items():
            contents = getattr(wrapper, "_test_serialized_contents", None)
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    RESULTS.mkdir(exist_ok=True)
    return RESULTS


@pytest.fixture
def screenshot(page):
    RESULTS.mkdir(exist_ok=True)

    def take(name: str) -> None:
        page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)

    return take


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe(page):
    """Run axe-core (installed from npm by `make test`) against the current page.

    Returns the WCAG 2.0/2.1 A and AA violations as (rule id, impact, targets).
    """

    def check() -> list[tuple[str, str, list]]:
        # Evaluated over the DevTools protocol, not as an inline <script>: the
        # page's strict Content-Security-Policy stays enforced during the check.
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
        )
        return [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"]
        ]

    return check
