# SPDX-License-Identifier: EUPL-1.2
"""Every page works at 320 CSS pixels without scrolling sideways (WCAG 1.4.10).

Walks every GET page of the access matrix as an actor that may open it, in a
phone-sized browser, and fails when the page is wider than the screen. Wide
tables may scroll inside their own container. Screenshots land in
test-results/reflow-*.png for a person to look at.
"""

import pytest

from eenplan.access.tests.test_access_matrix import NOT_HTML, ROUTES, url_of
from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PREFERRED = ("director", "leader", "desk", "receiver", "privacy_officer")


def _actor_for(route: str) -> str:
    allowed = ROUTES[route].allowed
    return next((a for a in PREFERRED if a in allowed), sorted(allowed)[0])


# The outermost element that sticks out to the right, to say what to fix.
WIDEST = """() => {
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right > 321) {
      return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.className ? "." + String(el.className).split(" ").join(".") : "") +
        " " + Math.round(r.right) + "px";
    }
  }
  return "";
}"""

PAGES = sorted(
    name
    for name, route in ROUTES.items()
    if route.method == "get" and name not in NOT_HTML
)


def test_every_page_reflows_at_320_pixels(live_server, browser, screenshot_dir):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(10_000)
    too_wide = {}
    worlds: dict[str, World] = {}
    for name in PAGES:
        actor = _actor_for(name)
        if actor not in worlds:
            worlds[actor] = World(actor)
        world = worlds[actor]
        context.clear_cookies()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", world.user.username)
        page.fill("#id_password", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/**")
        page.goto(live_server.url + url_of(world, name))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = (width, page.evaluate(WIDEST))
        page.screenshot(
            path=str(screenshot_dir / f"reflow-{name.replace(':', '-')}.png"),
            full_page=True,
        )
    context.close()
    assert not too_wide, f"wider than 320 px: {too_wide}"
