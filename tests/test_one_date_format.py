# SPDX-License-Identifier: EUPL-1.2
"""Dates show one format everywhere: dd-mm-jjjj (issue 8).

Every page of the access matrix is opened, in Dutch and in English, and its
visible text (and the values of fields; not other attributes, not the
data of charts) is searched for dates
written otherwise: ISO (2026-12-02), with a month name (2 december 2026,
Dec. 2, 2026), or with slashes.
"""

import re
from html.parser import HTMLParser

import pytest

from eenplan.access.tests.test_access_matrix import NOT_HTML, ROUTES, url_of
from eenplan.access.tests.world import World

pytestmark = pytest.mark.django_db

PREFERRED = ("director", "leader", "desk", "receiver", "privacy_officer")
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    "november|december|january|february|march|june|july|august|october|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|okt|nov|dec"
)
OTHER_FORMATS = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
    rf"|\b\d{{1,2}}\.? (?:{MONTHS})\.?,? \d{{4}}\b"
    rf"|\b(?:{MONTHS})\.? \d{{1,2}},? \d{{4}}\b",
    re.IGNORECASE,
)


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        # Code (the SQL of a figure's definition) is not a date written for
        # a reader: it is what the database runs.
        if tag in {"script", "style", "code"}:
            self._skip += 1
        if tag == "input":  # what a field shows is its value
            self.parts.extend(v for k, v in attrs if k == "value" and v)

    def handle_endtag(self, tag):
        if tag in {"script", "style", "code"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def test_the_pattern_finds_other_formats():
    found = OTHER_FORMATS.findall(
        "op 2026-12-02, 2 december 2026, Dec. 2, 2026 en 2/12/2026, niet 02-12-2026"
    )
    assert len(found) == 4


PAGES = sorted(
    name for name, r in ROUTES.items() if r.method == "get" and name not in NOT_HTML
)


@pytest.mark.parametrize("route", PAGES)
def test_every_page_writes_dates_as_dd_mm_jjjj(client, route):
    allowed = ROUTES[route].allowed
    actor = next((a for a in PREFERRED if a in allowed), sorted(allowed)[0])
    world = World(actor)
    client.force_login(world.user)
    for language in ("nl", "en"):
        client.cookies["django_language"] = language
        page = client.get(url_of(world, route), follow=True)
        assert page.status_code == 200
        assert OTHER_FORMATS.findall(_text(page.content.decode())) == [], language
