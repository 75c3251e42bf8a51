# SPDX-License-Identifier: EUPL-1.2
"""Decision letters (beschikkingen) as PDF, made with WeasyPrint from HTML:
Debian's fonts, no browser, nothing fetched from anywhere."""

from __future__ import annotations

from pathlib import Path
from string import Template
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import GrantVersion, LetterTemplate

STYLE = Path(__file__).resolve().parent / "templates" / "services" / "letter.css"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict:
    """The letter is self-contained: no URL is ever fetched while rendering."""
    raise ValueError("Decision letters load no resources.")


def _date(day) -> str:
    return formats.date_format(day, "j F Y") if day else ""


def _fill(text: str, values: dict[str, str]) -> list[str]:
    """The admin's text with its $placeholders filled in, as paragraphs.
    `safe_substitute` leaves an unknown placeholder as typed, never fails."""
    return [p.strip() for p in Template(text).safe_substitute(values).split("\n\n")]


def letter_context(version: GrantVersion, template: LetterTemplate) -> dict[str, Any]:
    grant = version.grant
    person = grant.person
    household = grant.case.household
    values = {
        "voornaam": person.given_names.split()[0] if person.given_names else "",
        "voorziening": grant.service.name,
        "aanbieder": grant.provider.name,
        "omvang": version.terms_text,
        "vanaf": _date(version.starts_on),
        "tot": _date(version.ends_on) if version.ends_on else _("further notice"),
        "wet": grant.get_law_display(),
        "reden": version.refusal_reason,
    }
    granted = version.status == GrantVersion.Status.GRANTED
    return {
        "municipality": settings.EENPLAN_MUNICIPALITY,
        "person": person,
        "household": household,
        "date": _date(version.decided_on or timezone.localdate()),
        "granted": granted,
        "version": version,
        "grant": grant,
        "body": _fill(
            template.granted_text if granted else template.refused_text, values
        ),
        "objection": _fill(template.objection_clause, values),
        "signature": template.signature,
    }


def render_pdf(version: GrantVersion, template: LetterTemplate) -> bytes:
    """The letter for `version`'s decision, in Dutch (it goes to the household)."""
    from weasyprint import HTML  # imported here: it loads Pango on import

    with override("nl"):
        html = render_to_string(
            "services/letter.html", letter_context(version, template)
        )
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
