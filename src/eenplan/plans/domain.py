# SPDX-License-Identifier: EUPL-1.2
"""Pure plan rules: when the next review is due."""

import datetime

MAX_REVIEW_INTERVAL = datetime.timedelta(weeks=6)

# How the next review of an agreed plan stands.
OVERDUE, DUE, PLANNED = "overdue", "due", "planned"


def latest_review_date(agreed_on: datetime.date) -> datetime.date:
    """The last day the next review may be planned: six weeks after agreement."""
    return agreed_on + MAX_REVIEW_INTERVAL


def review_date_allowed(agreed_on: datetime.date, review_on: datetime.date) -> bool:
    """A review is planned on or after the agreement and at most six weeks later."""
    return agreed_on <= review_on <= latest_review_date(agreed_on)


def review_state(due: datetime.date, today: datetime.date, soon_days: int = 7) -> str:
    """'overdue', 'due' (within `soon_days`) or 'planned'."""
    if due < today:
        return OVERDUE
    if (due - today).days <= soon_days:
        return DUE
    return PLANNED
