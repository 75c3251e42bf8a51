# SPDX-License-Identifier: EUPL-1.2
"""Pure rules of a case: which dates make sense for what happens in it."""

from __future__ import annotations

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
