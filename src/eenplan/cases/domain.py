# SPDX-License-Identifier: EUPL-1.2
"""Pure rules of a case: which dates make sense for what happens in it."""

from __future__ import annotations

import calendar
import datetime

from django.utils.translation import gettext as _

from eenplan.core.dates import DateRange, happened


def intake_held_on_range(today: datetime.date, opened_on: datetime.date) -> DateRange:
    """The intake: held since the case opened, not in the future."""
    return happened(
        today,
        since=opened_on,
        reason=_("The intake is held after the case opened, not in the future."),
    )


def closed_on_range(today: datetime.date, opened_on: datetime.date) -> DateRange:
    """Closing: not before the case opened, not in the future."""
    return happened(
        today,
        since=opened_on,
        reason=_("A case closes after it opened, and not in the future."),
    )


# An absence is registered from a month back (registered late) to a year ahead.
ABSENCE_LOOKBACK = datetime.timedelta(days=31)
ABSENCE_HORIZON = datetime.timedelta(days=366)


def absence_starts_on_range(today: datetime.date) -> DateRange:
    """An absence starts at most a month ago and at most a year ahead."""
    return DateRange(
        today - ABSENCE_LOOKBACK,
        today + ABSENCE_HORIZON,
        _("An absence starts at most a month ago and at most a year ahead."),
    )


def absence_ends_on_range(starts_on: datetime.date) -> DateRange:
    """An absence ends on or after the day it starts."""
    return DateRange(
        starts_on, None, _("An absence ends on or after the day it starts.")
    )


def standstill_before(today: datetime.date, standstill_days: int) -> datetime.date:
    """A case stands still when nothing happened on it (a plan agreed, a review,
    a report, progress on an action) for more than `standstill_days` days: its
    last activity lies before the date returned."""
    return today - datetime.timedelta(days=standstill_days)


FOLLOW_UP_MAX_MONTHS = 24  # a follow-up check later than two years checks nothing


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus `months` calendar months; the 31st becomes the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def follow_up_due(closed_on: datetime.date, months: int | None) -> datetime.date | None:
    """When the follow-up check of a case closed on `closed_on` is due (None:
    no check). Months outside 1..FOLLOW_UP_MAX_MONTHS are refused."""
    if months is None or months == 0:
        return None
    if not 1 <= months <= FOLLOW_UP_MAX_MONTHS:
        raise ValueError(months)
    return add_months(closed_on, months)


KITCHEN_TABLE_LIMIT = 2  # contact professionals, director included: more asks why
SECOND_WORKER_WEEKS = 6  # Beter Thuis: a second worker for six weeks, then review


def needs_reason_for_contact(contacts_now: int) -> bool:
    """Whether adding one more contact professional to `contacts_now` (director
    included) goes beyond the kitchen-table limit and so needs a reason."""
    return contacts_now + 1 > KITCHEN_TABLE_LIMIT


def second_worker_until(since: datetime.date) -> datetime.date:
    """The planned end of a second worker's involvement."""
    return since + datetime.timedelta(weeks=SECOND_WORKER_WEEKS)


def cases_per_ten_hours(caseload: int, hours: float | None) -> float | None:
    """Caseload per 10 hours a week in the team (None: no hours to compare)."""
    if not hours or hours <= 0:
        return None
    return round(caseload * 10 / float(hours), 1)


def matching_domains(expertise_domains: set[str], troubled: set[str]) -> set[str]:
    """The household's domains in trouble a professional's expertise covers."""
    return expertise_domains & troubled


TROUBLED_MAX_LEVEL = 2  # ZRM 1 acute, 2 not self-reliant: a domain in trouble


def troubled_domains(latest_scores: dict[str, int]) -> set[str]:
    """Domain codes at ZRM level 1 or 2."""
    return {
        code for code, level in latest_scores.items() if level <= TROUBLED_MAX_LEVEL
    }
