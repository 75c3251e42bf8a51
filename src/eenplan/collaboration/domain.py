# SPDX-License-Identifier: EUPL-1.2
"""Pure rules of working together: when a referral must be answered."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from eenplan.core.dates import DateRange, planned

# An answer date further ahead than this is not a deadline.
MAX_ANSWER_TIME = datetime.timedelta(days=366)


def answer_by_range(today: datetime.date) -> DateRange:
    """A referral's answer date: from today, at most a year ahead."""
    return planned(
        today,
        within=MAX_ANSWER_TIME,
        reason=_("The answer date lies from today up to a year ahead."),
    )
