# SPDX-License-Identifier: EUPL-1.2
"""What `make bench` does as each role, over HTTP as a browser would.

Each operation is a function `op(http, work, rng)`: `http` sends requests
(`bench/locustfile.py` over loopback to the served app, `bench/probe.py`
in-process to count queries and audit rows), `work` is one account's entry
of the file `manage.py bench_prepare` wrote, and the request named after the
operation is the one measured. Other requests an operation needs first (the
form page whose hidden fields a write sends back) are named "prep: ...".

No Django import here: the load generator runs in its own process.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import lxml.html


@dataclass
class Reply:
    status: int
    text: str
    location: str = ""


class Http(Protocol):
    def get(self, path: str, name: str) -> Reply: ...

    def post(self, path: str, data: dict | list, name: str) -> Reply: ...


class Exhausted(Exception):
    """An account used up its supply (drafts, referrals, requests)."""


@dataclass(frozen=True)
class Operation:
    name: str
    role: str  # which accounts of bench_prepare's file it runs as ("" anonymous)
    kind: str  # "page", "search", "list" or "write": which target applies
    run: Callable[[Http, dict, random.Random], None]
    what: str


def form_values(html: str, contains: str, overrides: dict) -> list[tuple[str, str]]:
    """The values a browser would send from the form that holds a field or
    button named `contains`, with `overrides` (name -> value, or a callable
    of the field name) replacing what the page filled in."""
    page = lxml.html.fromstring(html)
    for form in page.forms:
        names = {e.get("name") for e in form.iter("input", "select", "textarea")}
        names |= {e.get("name") for e in form.iter("button")}
        if contains in names:
            break
    else:
        raise LookupError(f"no form with {contains!r} on the page")
    fields = sorted(
        e.get("name") for e in form.iter("input", "select", "textarea") if e.get("name")
    )

    def overridden(name: str) -> bool:
        return name in overrides or any(
            callable(make) and name.startswith(prefix)
            for prefix, make in overrides.items()
        )

    values = [(k, v) for k, v in form.form_values() if not overridden(k)]
    for name, make in overrides.items():
        if callable(make):
            values += [(f, make(f)) for f in fields if f.startswith(name)]
        else:
            values.append((name, make))
    return values


class _Cycle:
    """Round-robin over an account's list, from a random start per user."""

    def __init__(self):
        self.iterators: dict[tuple[int, str], itertools.cycle] = {}

    def next(self, work: dict, key: str, rng: random.Random):
        slot = (id(work), key)
        if slot not in self.iterators:
            items = list(work[key])
            if not items:
                raise Exhausted(key)
            start = rng.randrange(len(items))
            self.iterators[slot] = itertools.cycle(items[start:] + items[:start])
        return next(self.iterators[slot])


SUPPLIES = ("drafts", "referrals", "requests")  # what a use consumes


def _take(work: dict, key: str):
    """One item of a supply that each use consumes."""
    if not work[key]:
        raise Exhausted(key)
    return work[key].pop()


cycle = _Cycle()
TODAY = datetime.date.today


# --- reads ---------------------------------------------------------------


def floor(http, work, rng):
    http.get("/health/", "floor")


def search_name(http, work, rng):
    http.post("/people/", {"name": cycle.next(work, "names", rng)}, "search_name")


def search_address(http, work, rng):
    postcode, number = cycle.next(work, "addresses", rng)
    data = {"postcode": postcode, "house_number": str(number)}
    http.post("/people/", data, "search_address")


def search_bsn(http, work, rng):
    http.post("/people/", {"bsn": cycle.next(work, "bsns", rng)}, "search_bsn")


# Words of the social map's offers (demo/stories/catalogue.toml): fragments,
# as professionals type them.
CATALOGUE_WORDS = ("koffie", "maatje", "geld", "taal", "wandel", "eten", "klus")


def catalogue_search(http, work, rng):
    word = CATALOGUE_WORDS[rng.randrange(len(CATALOGUE_WORDS))]
    http.get(f"/services/?q={word}&team={work['team']}", "catalogue_search")


def household(http, work, rng):
    case = cycle.next(work, "cases", rng)
    http.get(f"/people/households/{case['household']}/", "household")


def case_director(http, work, rng):
    case = cycle.next(work, "cases", rng)
    http.get(f"/cases/{case['case']}/", "case_director")


def case_partner(http, work, rng):
    http.get(f"/cases/{cycle.next(work, 'cases', rng)}/", "case_partner")


def my_work(http, work, rng):
    http.get("/", "my_work")


def triage_queue(http, work, rng):
    http.get("/", "triage_queue")


def consultation(http, work, rng):
    uuid = cycle.next(work, "consultations", rng)
    http.get(f"/consultations/{uuid}/", "consultation")


def leader_work(http, work, rng):
    http.get("/", "leader_work")


def team_overview(http, work, rng):
    http.get(f"/teams/{work['team']}/", "team_overview")


def partner_work(http, work, rng):
    http.get("/", "partner_work")


def assigned_action(http, work, rng):
    assignment = cycle.next(work, "assignments", rng)
    http.get(f"/plans/assigned/{assignment}/", "assigned_action")


def inbox(http, work, rng):
    http.get("/inbox/", "inbox")


def audit_person(http, work, rng):
    http.get(f"/audit/?person={cycle.next(work, 'persons', rng)}", "audit_person")


# --- writes --------------------------------------------------------------


def register_request(http, work, rng):
    household_uuid, person = cycle.next(work, "households", rng)
    data = {
        "channel": "phone",
        "received_on": TODAY().isoformat(),
        "question": "Wij hebben hulp nodig bij de administratie.",
        "persons": str(person),
    }
    http.post(f"/requests/new/{household_uuid}/", data, "register_request")


def record_zrm(http, work, rng):
    case = cycle.next(work, "cases", rng)
    data = {"assessed_on": TODAY().isoformat()}
    data |= {f"domain_{code}": str(rng.randint(1, 5)) for code in work["domains"]}
    http.post(f"/cases/{case['case']}/zrm/{case['person']}/", data, "record_zrm")


def open_case(http, work, rng):
    request = _take(work, "requests")
    data = {"director": str(work["director"])}
    http.post(f"/cases/open/{request}/", data, "open_case")


def agree_plan(http, work, rng):
    """Agree a draft; then review it, which leaves the next draft to agree."""
    plan = _take(work, "drafts")
    page = http.get(f"/plans/{plan}/", "prep: plan draft")
    today = TODAY()
    data = form_values(
        page.text,
        "agree-agreed_on",
        {
            "agree-agreed_on": today.isoformat(),
            "agree-agreed_how": "in_person",
            "agree-agreed_with": "Het hele gezin",
            "agree-next_review_due": (today + datetime.timedelta(days=42)).isoformat(),
            "step": "agree",
        },
    )
    http.post(f"/plans/{plan}/", data, "agree_plan")
    page = http.get(f"/plans/{plan}/review/", "prep: review form")
    data = form_values(
        page.text,
        "held_on",
        {
            "held_on": today.isoformat(),
            "summary": "Besproken aan tafel.",
            "progress_": lambda name: "on_track",
        },
    )
    reply = http.post(f"/plans/{plan}/review/", data, "prep: review")
    if "/plans/" in reply.location:
        work["drafts"].insert(0, reply.location.rstrip("/").rsplit("/", 1)[-1])


def answer_referral(http, work, rng):
    referral = _take(work, "referrals")
    data = {"accept": "yes", "role": "", "reason": "Nodig voor de schulden."}
    http.post(f"/collaboration/referrals/{referral}/", data, "answer_referral")


OPERATIONS = [
    Operation("floor", "", "floor", floor, "health probe: one row by primary key"),
    Operation(
        "search_name", "front_desk", "search", search_name, "search by name fragment"
    ),
    Operation(
        "search_address",
        "front_desk",
        "search",
        search_address,
        "search by postcode + house number",
    ),
    Operation("search_bsn", "front_desk", "search", search_bsn, "search by BSN"),
    Operation(
        "catalogue_search",
        "director",
        "search",
        catalogue_search,
        "social map and services by a word and the team's area",
    ),
    Operation(
        "household", "director", "page", household, "household page with timeline"
    ),
    Operation(
        "case_director", "director", "page", case_director, "case page as director"
    ),
    Operation(
        "case_partner",
        "partner",
        "page",
        case_partner,
        "case page as partner professional",
    ),
    Operation("my_work", "director", "list", my_work, "my work (director)"),
    Operation(
        "triage_queue", "front_desk", "list", triage_queue, "triage queue (front desk)"
    ),
    Operation("leader_work", "leader", "list", leader_work, "my work (team leader)"),
    Operation(
        "team_overview", "leader", "list", team_overview, "team leader's overview"
    ),
    Operation("partner_work", "partner", "list", partner_work, "partner's work list"),
    Operation(
        "assigned_action",
        "partner",
        "page",
        assigned_action,
        "an action assigned to the partner",
    ),
    Operation("inbox", "director", "list", inbox, "notifications (director)"),
    Operation(
        "consultation",
        "leader",
        "page",
        consultation,
        "consultation page (agenda and outcomes) as team leader",
    ),
    Operation(
        "audit_person", "officer", "page", audit_person, "audit search by person"
    ),
    Operation(
        "register_request",
        "front_desk",
        "write",
        register_request,
        "register a request",
    ),
    Operation("record_zrm", "director", "write", record_zrm, "record a ZRM"),
    Operation("open_case", "leader", "write", open_case, "open a case"),
    Operation("agree_plan", "director", "write", agree_plan, "agree a plan version"),
    Operation(
        "answer_referral", "partner", "write", answer_referral, "answer a referral"
    ),
]
BY_NAME = {op.name: op for op in OPERATIONS}
