# SPDX-License-Identifier: EUPL-1.2
"""Pure rules about persons: which dates of birth make sense."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from eenplan.core.dates import DateRange, happened


def birth_date_range(today: datetime.date) -> DateRange:
    """A date of birth: not in the future, not before 1900."""
    return happened(
        today, reason=_("A date of birth cannot lie in the future or before 1900.")
    )


# A name search finds fragments through a trigram index, which needs three
# characters: a search of only shorter words would read every person.
NAME_FRAGMENT_MIN = 3


def searchable_name(name: str, narrowed: bool = False) -> bool:
    """Whether a name search can be looked up by index: a word with three
    letters or digits, or another criterion that narrows it (a date of birth,
    a postcode or a BSN, each indexed), so "Li" born on a given day is fine."""
    return narrowed or any(
        sum(c.isalnum() for c in word) >= NAME_FRAGMENT_MIN for word in name.split()
    )
