# SPDX-License-Identifier: EUPL-1.2
"""Pure plan rules: when the next review is due."""

import datetime

from django.utils.translation import gettext as _

from eenplan.core.dates import DateRange, happened, planned

MAX_REVIEW_INTERVAL = datetime.timedelta(weeks=6)
# An action planned further ahead than this belongs in a later version.
MAX_ACTION_HORIZON = datetime.timedelta(days=2 * 366)

# How the next review of an agreed plan stands.
OVERDUE, DUE, PLANNED = "overdue", "due", "planned"


def latest_review_date(agreed_on: datetime.date) -> datetime.date:
    """The last day the next review may be planned: six weeks after agreement."""
    return agreed_on + MAX_REVIEW_INTERVAL


def review_date_allowed(agreed_on: datetime.date, review_on: datetime.date) -> bool:
    """A review is planned on or after the agreement and at most six weeks later."""
    return agreed_on <= review_on <= latest_review_date(agreed_on)


DUE_SOON_DAYS = 7  # a review this many days ahead or fewer is "due soon"


def due_soon_until(
    today: datetime.date, soon_days: int = DUE_SOON_DAYS
) -> datetime.date:
    """The last review date that counts as due soon (or overdue) today."""
    return today + datetime.timedelta(days=soon_days)


def review_state(
    due: datetime.date, today: datetime.date, soon_days: int = DUE_SOON_DAYS
) -> str:
    """'overdue', 'due' (within `soon_days`) or 'planned'."""
    if due < today:
        return OVERDUE
    if (due - today).days <= soon_days:
        return DUE
    return PLANNED


def due_on_range(today: datetime.date) -> DateRange:
    """When an action is due, as it is set: from today, at most two years ahead.
    (Actions carried over to the next version keep their date.)"""
    return planned(
        today,
        within=MAX_ACTION_HORIZON,
        reason=_("An action is due from today up to two years ahead."),
    )


def agreed_on_range(today: datetime.date, opened_on: datetime.date) -> DateRange:
    """A plan is agreed since its case opened, not in the future."""
    return happened(
        today,
        since=opened_on,
        reason=_("A plan is agreed after the case opened, not in the future."),
    )


def review_held_on_range(today: datetime.date, agreed_on: datetime.date) -> DateRange:
    """A review is held after the plan was agreed, not in the future."""
    return happened(
        today,
        since=agreed_on,
        reason=_("A review is held after the plan was agreed, not in the future."),
    )


# An assigned action past its date with no progress reported in this many days
# stands still ("stalled" on the director's overview).
STALL_DAYS = 14


def action_stalled(
    *,
    due_on: datetime.date,
    last_report_on: datetime.date | None,
    is_open: bool,
    today: datetime.date,
    stall_days: int = STALL_DAYS,
) -> bool:
    """An open assigned action whose date has passed, with no progress reported
    in the last `stall_days` days."""
    if not is_open or due_on >= today:
        return False
    return last_report_on is None or (today - last_report_on).days > stall_days


def report_on_range(today: datetime.date, assigned_on: datetime.date) -> DateRange:
    """Progress is reported on a day since the action was assigned, up to today."""
    return happened(
        today,
        since=assigned_on,
        reason=_(
            "Progress is reported since the action was assigned, not in the future."
        ),
    )
