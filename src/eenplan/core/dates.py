# SPDX-License-Identifier: EUPL-1.2
"""Which dates make sense: a range per kind of date, pure (no ORM, no clock).

Each app's `domain.py` says which range each of its date fields has (a request
received on, a ZRM assessed on, an action due on …), built from these. Forms
show the message beside the field; services refuse the same with
`DateOutOfRange`, so a date outside sense never reaches the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Nobody Eenplan serves was born before this, and nothing it records happened
# before it: the floor of every range.
EARLIEST = datetime.date(1900, 1, 1)
# Nor is anything planned this far ahead: with EARLIEST the range any date
# field accepts before its own range applies (year 1 or 9999 would overflow
# the conversions to time zones and timestamps).
LATEST = datetime.date(2199, 12, 31)


def show(day: datetime.date) -> str:
    """A date as Eenplan shows every date: dd-mm-jjjj."""
    return day.strftime("%d-%m-%Y")


@dataclass(frozen=True)
class DateRange:
    """The dates from `earliest` to `latest`, both included (None: open)."""

    earliest: datetime.date | None
    latest: datetime.date | None
    # Why the bounds are what they are, for the message: "not in the future".
    reason: str = ""

    def __contains__(self, day: datetime.date) -> bool:
        return (self.earliest is None or day >= self.earliest) and (
            self.latest is None or day <= self.latest
        )

    def message(self) -> str:
        """What to choose instead, in the user's language."""
        if self.earliest is not None and self.latest is not None:
            text = _("Choose a date from %(start)s up to and including %(end)s.") % {
                "start": show(self.earliest),
                "end": show(self.latest),
            }
        elif self.earliest is not None:
            text = _("Choose a date on or after %(start)s.") % {
                "start": show(self.earliest)
            }
        elif self.latest is not None:
            text = _("Choose a date on or before %(end)s.") % {"end": show(self.latest)}
        else:
            text = ""
        return f"{self.reason} {text}".strip()


def happened(
    today: datetime.date,
    *,
    since: datetime.date | None = None,
    reason: str = "",
) -> DateRange:
    """Something that happened: not in the future, not before `since` (nor 1900)."""
    earliest = max(EARLIEST, since) if since is not None else EARLIEST
    return DateRange(earliest, today, reason or _("It cannot lie in the future."))


def planned(
    today: datetime.date,
    *,
    within: datetime.timedelta,
    reason: str = "",
) -> DateRange:
    """Something planned: from today, and not further ahead than `within`."""
    return DateRange(today, today + within, reason or _("It cannot lie in the past."))
