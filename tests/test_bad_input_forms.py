# SPDX-License-Identifier: EUPL-1.2
"""Bad input in every form of the staff application (issue 8).

Every page of the access matrix is opened as an actor who may use it; every
form on it is read from the HTML as a browser would, and submitted, through
each of its submit buttons, with bad input of each kind:

- empty: every field left empty;
- too long: every text one character over its maximum length;
- impossible dates: 31-02-2026, 01-01-0001, "morgen";
- wrong types: letters in number fields, choices that are not offered;
- the probe of issue 9: 100,000 characters, NUL and right-to-left characters,
  HTML and script, SQL-ish text, dates 0001-01-01 and 9999-12-31, huge and
  negative numbers, identifiers that are no UUID or no object's, every field
  sent twice (and, below, missing and foreign CSRF tokens).

Whatever the form, the answer is never a 500; a refused submit shows every
error of every form beside its field (or above the form when it is about the
whole form), in Dutch (the same submit in English reads differently), and
everything typed comes back in the form.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django import forms as django_forms
from django.forms.formsets import BaseFormSet
from django.urls import reverse
from django.utils import timezone, translation

from eenplan.access.tests.test_access_matrix import NOT_HTML, ROUTES, url_of
from eenplan.access.tests.world import World
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.intake.tests.factories import RequestFactory, ScreeningFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import BreakGlass

pytestmark = pytest.mark.django_db

PREFERRED = ("director", "leader", "desk", "receiver", "privacy_officer")
DATE_PLACEHOLDERS = {"dd-mm-jjjj", "dd-mm-yyyy"}
TOO_LONG_TEXT = "<b>&amp;\u00e9"


# The probe of issue 9: what an attacker or a broken client sends.
HOSTILE_TEXTS = {
    "100,000 characters": "x" * 100_000,
    "NUL and RTL": "Proef\u202e\x00lmth.exe",
    "HTML and script": '<script>alert("x")</script><img src=x onerror=alert(1)>',
    "SQL-ish": "'; DROP TABLE people_person; -- \" OR 1=1",
}
WRONG_VALUES = {
    "wrong types": ("999999999", "twaalf"),
    "huge numbers": ("12345678901234567890123", "12345678901234567890123"),
    "negative numbers": ("-1", "-12345678901234567890123"),
}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@dataclass
class Input:
    tag: str
    type: str
    name: str
    value: str = ""
    checked: bool = False
    maxlength: int | None = None
    placeholder: str = ""
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)

    @property
    def is_date(self) -> bool:
        return self.tag == "input" and self.placeholder in DATE_PLACEHOLDERS

    @property
    def is_text(self) -> bool:
        return self.tag == "textarea" or (
            self.tag == "input"
            and self.type in {"text", "email", "tel", "search", ""}
            and not self.is_date
        )


@dataclass
class HtmlForm:
    action: str
    method: str
    inputs: list[Input] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    @property
    def visible(self) -> list[Input]:
        return [i for i in self.inputs if i.type not in {"hidden", "submit"}]


class FormParser(HTMLParser):
    """The forms of a page, their fields and submit buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: Input | None = None
        self._select: Input | None = None
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = HtmlForm(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        if self._form is None:
            return
        name = a.get("name", "")
        maxlength = int(a["maxlength"]) if a.get("maxlength") else None
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "submit":
                self._form.buttons.append((name, a.get("value", "")))
                return
            self._form.inputs.append(
                Input(
                    "input",
                    kind,
                    name,
                    a.get("value", ""),
                    "checked" in a,
                    maxlength,
                    a.get("placeholder", ""),
                )
            )
        elif tag == "textarea" and name:
            self._textarea = Input("textarea", "textarea", name, maxlength=maxlength)
            self._form.inputs.append(self._textarea)
        elif tag == "select" and name:
            self._select = Input("select", "select", name)
            self._form.inputs.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = a.get("value", "")
            self._select.options.append(self._option)
            if "selected" in a:
                self._select.selected.append(self._option)
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.buttons.append((name, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _defaults(form: HtmlForm) -> dict[str, list[str]]:
    """What a browser sends for the form as shown, with every required-looking
    empty field filled sensibly, so each bad input is the only fault."""
    today = timezone.localdate().strftime("%d-%m-%Y")
    data: dict[str, list[str]] = {}
    for i in form.inputs:
        if i.type == "radio":
            if i.checked or i.name not in data:
                data[i.name] = [i.value]
        elif i.type == "checkbox":
            if i.checked:
                data.setdefault(i.name, []).append(i.value)
        elif i.tag == "select":
            chosen = i.selected or [o for o in i.options if o][:1]
            data[i.name] = chosen or [""]
        elif i.is_date:
            data[i.name] = [i.value or today]
        elif i.type == "number":
            data[i.name] = [i.value or "1"]
        elif i.is_text:
            data[i.name] = [i.value or "Proef"]
        else:
            data[i.name] = [i.value]
    return data


def _payloads(form: HtmlForm):
    visible = form.visible
    empty = _defaults(form)
    for i in visible:
        if i.type in {"radio", "checkbox"}:
            empty.pop(i.name, None)
        else:
            empty[i.name] = [""]
    yield "empty", empty
    limited = [i for i in visible if i.maxlength and (i.is_text or i.is_date)]
    if limited:
        data = _defaults(form)
        for i in limited:
            data[i.name] = [(TOO_LONG_TEXT * i.maxlength)[: i.maxlength + 1]]
        yield "too long", data
    dates = [i for i in visible if i.is_date]
    for bad in ("31-02-2026", "01-01-0001", "morgen"):
        if dates:
            data = _defaults(form)
            for i in dates:
                data[i.name] = [bad]
            yield f"date {bad}", data
    for bad in ("0001-01-01", "9999-12-31", "31-12-9999"):
        if dates:
            data = _defaults(form)
            for i in dates:
                data[i.name] = [bad]
            yield f"date {bad}", data
    texts = [i for i in visible if i.is_text]
    for kind, text in HOSTILE_TEXTS.items():
        if texts:
            data = _defaults(form)
            for i in texts:
                data[i.name] = [text]
            yield kind, data
    choices = [
        i for i in visible if i.tag == "select" or i.type in {"radio", "checkbox"}
    ]
    numbers = [i for i in visible if i.type == "number"]
    for kind, (choice, number) in WRONG_VALUES.items():
        if choices or numbers:
            data = _defaults(form)
            for i in choices:
                data[i.name] = [choice]
            for i in numbers:
                data[i.name] = [number]
            yield kind, data
    identifiers = [i for i in form.inputs if i.type == "hidden" and _is_uuid(i.value)]
    for bad in ("geen-uuid", "00000000-0000-0000-0000-000000000000"):
        if identifiers:
            data = _defaults(form)
            for i in identifiers:
                data[i.name] = [bad]
            yield f"identifier {bad}", data
    if visible:
        data = _defaults(form)
        for i in visible:
            data[i.name] = [*data.get(i.name, [""]), "Tweede waarde"]
        yield "every field twice", data


def _django_forms(response):
    """The Django forms (and formsets' forms) the page was rendered with."""
    seen = {}
    for context in response.context or []:
        for layer in context.dicts:
            for value in layer.values():
                found = value.forms if isinstance(value, BaseFormSet) else [value]
                for form in found:
                    if isinstance(form, django_forms.BaseForm):
                        seen[id(form)] = form
    return list(seen.values())


def _errors_shown(response, language) -> dict[tuple[str, str], list[str]]:
    """Every error of every bound form on the page, checked to be shown beside
    its field (or in the form's summary). Lazy messages are read in the
    page's language."""
    with translation.override(language):
        return _errors_beside_fields(response)


def _errors_beside_fields(response) -> dict[tuple[str, str], list[str]]:
    page = response.content.decode()
    errors = {}
    for form in _django_forms(response):
        if not form.is_bound:
            continue
        for name, messages in form.errors.items():
            if name == "__all__" or form[name].is_hidden:
                for message in messages:
                    assert escape(message) in page, f"{message!r} is not shown"
            else:
                anchor = f'id="{form[name].auto_id}_error"'
                assert anchor in page, f"the error of {name} is not beside it"
                beside = page[page.index(anchor) :].split("</div>")[0]
                for message in messages:
                    assert escape(message) in beside, f"{message!r} not beside {name}"
            errors[(form.prefix or "", name)] = [str(m) for m in messages]
    return errors


def _typed(data: dict[str, list[str]], form: HtmlForm) -> list[str]:
    texts = {i.name for i in form.visible if i.is_text or i.is_date}
    # A text field holds one value: sent twice, the last one counts (Django's).
    return [data[name][-1] for name in texts if data.get(name) and data[name][-1]]


def _submit(client, url, form, data, button, language):
    client.cookies["django_language"] = language
    payload = dict(data)
    if button[0]:
        payload[button[0]] = [button[1]]
    target = form.action or url
    if form.method == "post":
        return client.post(target, payload)
    return client.get(target, payload)


def _actor_for(route: str) -> str:
    allowed = ROUTES[route].allowed
    return next((a for a in PREFERRED if a in allowed), sorted(allowed)[0])


PAGES = sorted(
    name
    for name, route in ROUTES.items()
    if route.method == "get" and name not in NOT_HTML
)

# Forms of the page layout, not of the page: logging out, the language.
LAYOUT_ACTIONS = {"/logout/", "/i18n/setlang/"}


def _draft_plan(world):
    case = CaseFactory(
        household=HouseholdFactory(team=world.team), director=world.director
    )
    return reverse("plans:plan", kwargs={"uuid": PlanFactory(case=case, goals=1).uuid})


def _new_request(world):
    request = RequestFactory(household=HouseholdFactory(team=world.team))
    return reverse("intake:request", kwargs={"uuid": request.uuid})


def _screened_request(world):
    request = RequestFactory(household=HouseholdFactory(team=world.team))
    ScreeningFactory(request=request)
    return reverse("intake:request", kwargs={"uuid": request.uuid})


def _break_glass(world):
    BreakGlass.objects.create(
        user=ProfessionalFactory(team=world.team),
        case=world.case,
        reason="Acute zorgen, regisseur onbereikbaar",
        expires_at=timezone.now() + datetime.timedelta(hours=8),
    )
    return reverse("officer:break_glass_review")


# Forms that show only in a state the access matrix's world does not have:
# scene -> (actor, set-up returning the page's URL).
SCENES = {
    "plan page, draft": ("director", _draft_plan),
    "request, to screen": ("desk", _new_request),
    "request, to triage": ("desk", _screened_request),
    "request, routed": ("receiver", lambda w: url_of(w, "intake:request#routed")),
    "referral, to answer": ("receiver", lambda w: url_of(w, "collaboration:referral")),
    "emergency access, to review": ("privacy_officer", _break_glass),
}


def _page(route):
    if route in SCENES:
        actor, url = SCENES[route]
        world = World(actor)
        return world, url(world)
    world = World(_actor_for(route))
    return world, url_of(world, route)


@pytest.mark.parametrize("route", [*PAGES, *SCENES])
def test_bad_input_in_every_form_of_the_page(client, route):
    world, url = _page(route)
    client.force_login(world.user)
    client.cookies["django_language"] = "nl"
    shown = client.get(url, follow=True)
    assert shown.status_code == 200
    parser = FormParser()
    parser.feed(shown.content.decode())
    page_forms = [
        f
        for f in parser.forms
        if f.visible and urlsplit(f.action).path not in LAYOUT_ACTIONS
    ]
    submitted = 0
    for form in page_forms:
        for button in form.buttons or [("", "")]:
            for kind, data in _payloads(form):
                where = f"{route} {form.action or url} {button} {kind}"
                dutch = _submit(client, url, form, data, button, "nl")
                submitted += 1
                assert dutch.status_code < 500, where
                if dutch.status_code != 200:
                    continue
                errors = _errors_shown(dutch, "nl")
                page = dutch.content.decode()
                assert "<script>alert" not in page, f"{where}: script not escaped"
                for value in _typed(data, form):
                    assert escape(value) in page, f"{where}: lost {value[:30]!r}"
                if not errors:
                    continue
                english = _errors_shown(
                    _submit(client, url, form, data, button, "en"), "en"
                )
                for key, messages in errors.items():
                    assert messages != english.get(key), f"{where}: {key} not Dutch"
    if route in SCENES:
        assert submitted, f"{route}: no form found to fill in"
