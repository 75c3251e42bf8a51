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
