# SPDX-License-Identifier: EUPL-1.2
"""Pure privacy rules: who decides on consent at which age, and what is covered."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from eenplan.core.dates import DateRange, happened

PARENTS, CHILD_AND_PARENTS, CHILD = "parents", "child_and_parents", "child"
ADULT_AGE = 18


@dataclass(frozen=True)
class AgeRule:
    min_age: int
    max_age: int | None
    decides: str


DEFAULT_AGE_RULES = (
    AgeRule(0, 11, PARENTS),
    AgeRule(12, 15, CHILD_AND_PARENTS),
    AgeRule(16, None, CHILD),
)


# No rule covers the age (a date of birth in the future, or rules with a gap):
# nobody can be said to decide; the page asks to check the date of birth.
UNKNOWN = "unknown"


def who_decides(age: int, rules: Iterable[AgeRule] = DEFAULT_AGE_RULES) -> str:
    """Which of parents / child_and_parents / child decides at `age`, or UNKNOWN
    when no rule covers it: a clear outcome for every age, never an error."""
    for rule in rules:
        if age >= rule.min_age and (rule.max_age is None or age <= rule.max_age):
            return rule.decides
    return UNKNOWN


def consent_given_on_range(today: datetime.date, born: datetime.date) -> DateRange:
    """Consent was given in the person's life, not in the future."""
    return happened(
        today,
        since=born,
        reason=_("Consent is given after the person was born, not in the future."),
    )


def withdrawal_asked_on_range(
    today: datetime.date, given_on: datetime.date
) -> DateRange:
    """A withdrawal is asked for after the consent was given, not in the future."""
    return happened(
        today,
        since=given_on,
        reason=_("Withdrawal is asked after the consent was given, not in the future."),
    )


def decides_label(decides: str) -> str:
    """Who decides, in a few words, for the consent overview."""
    return {
        PARENTS: _("parents decide"),
        CHILD_AND_PARENTS: _("child and parents decide"),
        CHILD: _("decides alone"),
    }.get(decides, _("age unknown: check the date of birth"))


def decides_explanation(decides: str, age: int) -> str:
    """The sentence on the consent form: who decides at this age, and why."""
    if decides == PARENTS:
        return _(
            "Under 12, the parents or guardians decide: a legal representative "
            "gives consent."
        )
    if decides == CHILD_AND_PARENTS:
        return _(
            "From 12 to 15, both the child and the parents decide: choose 'the "
            "young person and a legal representative'."
        )
    if decides == CHILD:
        if age >= ADULT_AGE:
            return _("An adult decides alone.")
        return _("From 16, the young person decides alone.")
    return _(
        "No age rule covers this age. Check the date of birth before recording consent."
    )


def given_by_allowed(decides: str, given_by: str) -> bool:
    """Whether consent given by `given_by` is valid where `decides` decides.

    Under 12 the parents decide (a representative gives it); 12–15 both the
    child and the parents (given by both); from 16 the young person alone.
    """
    if decides == UNKNOWN:
        return False
    if decides == PARENTS:
        return given_by in {"representative", "both"}
    if decides == CHILD_AND_PARENTS:
        return given_by == "both"
    return given_by == "person"


# --- Requests for a data export (AVG art. 12 and 15) ---------------------------

EXPORT_TERM_MONTHS = 1  # AVG art. 12(3): within one month of receipt


def export_deadline(received_on: datetime.date) -> datetime.date:
    """One calendar month after receipt; the month's last day if it is shorter
    (received on 31-01, due on 28-02 or 29-02)."""
    import calendar

    month = received_on.month - 1 + EXPORT_TERM_MONTHS
    year, month = received_on.year + month // 12, month % 12 + 1
    day = min(received_on.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def export_days_left(deadline: datetime.date, today: datetime.date) -> int:
    """Days until the deadline; negative when it has passed."""
    return (deadline - today).days


def export_received_on_range(today: datetime.date) -> DateRange:
    """A request is registered after it arrived, and within its own term."""
    return happened(
        today,
        since=today - datetime.timedelta(days=366),
        reason=_(
            "A request is registered after it arrived: not in the future, "
            "and not more than a year ago."
        ),
    )


def export_handed_over_on_range(
    today: datetime.date, received_on: datetime.date
) -> DateRange:
    """The export is handed over after the request arrived, not in the future."""
    return happened(
        today,
        since=received_on,
        reason=_("It is handed over after the request arrived, not in the future."),
    )


def export_requester_name_required(requester: str) -> bool:
    """Anyone but the person themselves is named."""
    return requester != "person"


def export_note_required(identity_check: str, ground: str) -> bool:
    """'Otherwise' and 'another ground' are explained in the note."""
    return identity_check == "other" or ground == "other"


# How the audit trail names each ground (`AuditEntry.legal_basis`).
EXPORT_GROUND_LEGAL_BASIS = {
    "avg_15": "AVG art. 15",
    "avg_20": "AVG art. 20",
    "court_order": "court order",
    "other": "other ground",
}
