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
