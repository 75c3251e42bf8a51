# SPDX-License-Identifier: EUPL-1.2
"""The arithmetic of grants: what a grant costs over a period, which of its
versions is in force when, and whether a mandate covers it. Pure: values in,
values out, no ORM."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
DAY = datetime.timedelta(days=1)

# How the units of a grant are counted: per week, per calendar month, or once.
WEEK = "week"
MONTH = "month"
ONCE = "once"
PERIODS = (WEEK, MONTH, ONCE)


@dataclass(frozen=True)
class Segment:
    """Terms in force from `starts_on` to `ends_on` (inclusive; None: open):
    `units` per `period` at `tariff` per unit."""

    starts_on: datetime.date
    ends_on: datetime.date | None
    units: Decimal
    period: str
    tariff: Decimal


def _month_ends(start: datetime.date, end: datetime.date):
    """(first, last, days in month) for each calendar month piece of start..end."""
    day = start
    while day <= end:
        days = calendar.monthrange(day.year, day.month)[1]
        last = min(end, day.replace(day=days))
        yield day, last, days
        day = last + DAY


def _exact_cost(segment: Segment, start: datetime.date, end: datetime.date) -> Decimal:
    """The cost of one segment over start..end, unrounded."""
    if segment.period == ONCE:
        # A one-off grant (an aid, a piece) costs its whole amount on its start.
        inside = start <= segment.starts_on <= end
        return segment.units * segment.tariff if inside else Decimal(0)
    lo = max(segment.starts_on, start)
    hi = end if segment.ends_on is None else min(segment.ends_on, end)
    if lo > hi:
        return Decimal(0)
    per_period = segment.units * segment.tariff
    if segment.period == WEEK:
        return per_period * Decimal((hi - lo).days + 1) / Decimal(7)
    if segment.period == MONTH:
        # Pro rata per calendar month: a month's days in the grant over its days.
        return sum(
            (
                per_period * Decimal((last - first).days + 1) / Decimal(days)
                for first, last, days in _month_ends(lo, hi)
            ),
            Decimal(0),
        )
    raise ValueError(f"Unknown period {segment.period!r}")


def cost(
    segments: Iterable[Segment], start: datetime.date, end: datetime.date
) -> Decimal:
    """What `segments` cost from `start` to `end` (both inclusive), to the cent.

    Units per week count per day (a seventh of the week's amount); units per
    month count per calendar month pro rata by its days (a grant from 16 April
    costs 15/30 of April); a one-off amount counts on its start date. The sum
    is rounded once, half up, to the cent.
    """
    if end < start:
        raise ValueError("The period ends before it starts.")
    total = sum((_exact_cost(s, start, end) for s in segments), Decimal(0))
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def first_year(starts_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The year a mandate's cost per year is measured over: from the start."""
    try:
        anniversary = starts_on.replace(year=starts_on.year + 1)
    except ValueError:  # 29 February
        anniversary = starts_on.replace(year=starts_on.year + 1, day=28) + DAY
    return starts_on, anniversary - DAY


def cost_per_year(segment: Segment) -> Decimal:
    """What the terms cost in their first year (less when they end earlier)."""
    return cost([segment], *first_year(segment.starts_on))


def weeks(starts_on: datetime.date, ends_on: datetime.date | None) -> Decimal | None:
    """The duration in weeks, to two decimals; None when open-ended."""
    if ends_on is None:
        return None
    return (Decimal((ends_on - starts_on).days + 1) / Decimal(7)).quantize(CENT)


def duration(
    starts_on: datetime.date, ends_on: datetime.date | None, period: str
) -> Decimal | None:
    """What a mandate's limit in weeks is measured against: a one-off grant
    lasts no time (0), others their weeks (None: open-ended)."""
    if period == ONCE:
        return Decimal(0)
    return weeks(starts_on, ends_on)


@dataclass(frozen=True)
class Version:
    """What `schedule` needs of a granted version of a grant."""

    starts_on: datetime.date
    ends_on: datetime.date | None
    units: Decimal
    period: str
    tariff: Decimal


def schedule(versions: Sequence[Version]) -> list[Segment]:
    """The terms in force over time, from granted versions in the order they
    were decided: a later version replaces the earlier ones from its start on
    (a change from a date), or wholly when it starts as early (an end date set,
    a correction)."""
    segments: list[Segment] = []
    cutoff: datetime.date | None = None
    for version in reversed(versions):
        ends_on = version.ends_on
        if cutoff is not None:
            limit = cutoff - DAY
            ends_on = limit if ends_on is None else min(ends_on, limit)
        if ends_on is None or ends_on >= version.starts_on:
            segments.append(
                Segment(
                    version.starts_on,
                    ends_on,
                    version.units,
                    version.period,
                    version.tariff,
                )
            )
        cutoff = version.starts_on if cutoff is None else min(cutoff, version.starts_on)
    segments.reverse()
    return segments


def tariff_on(tariffs: Iterable[tuple[datetime.date, Decimal]], day: datetime.date):
    """The tariff in force on `day`: the latest one valid from `day` or before;
    None when none was valid yet."""
    valid = [(since, amount) for since, amount in tariffs if since <= day]
    return max(valid)[1] if valid else None


@dataclass(frozen=True)
class Limit:
    """What one mandate rule allows: a cost per year and a duration in weeks
    (None: no limit on that)."""

    max_cost_per_year: Decimal | None
    max_weeks: int | None


def within(limit: Limit, cost_per_year: Decimal, duration: Decimal | None) -> bool:
    """Whether a grant costing `cost_per_year`, lasting `duration` weeks (None:
    open-ended), stays within `limit`."""
    too_costly = (
        limit.max_cost_per_year is not None and cost_per_year > limit.max_cost_per_year
    )
    too_long = limit.max_weeks is not None and (
        duration is None or duration > limit.max_weeks
    )
    return not (too_costly or too_long)
