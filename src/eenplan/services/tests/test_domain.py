# SPDX-License-Identifier: EUPL-1.2
"""The arithmetic of grants against figures computed by hand (no database)."""

import datetime
from decimal import Decimal

import pytest

from eenplan.services import domain
from eenplan.services.domain import Limit, Segment, Version

D = datetime.date


def test_monthly_grant_starting_mid_month_costs_its_days_of_that_month():
    # Budgetbeheer from 16 April: 15/30 of April (26.00), then May and June.
    segment = Segment(D(2026, 4, 16), None, Decimal("1"), domain.MONTH, Decimal("52"))
    assert domain.cost([segment], D(2026, 4, 1), D(2026, 6, 30)) == Decimal("130.00")


def test_monthly_grant_within_one_month_counts_its_days_of_it():
    # 10 to 20 February 2026: 11 of 28 days of € 100.
    segment = Segment(
        D(2026, 2, 10), D(2026, 2, 20), Decimal("1"), domain.MONTH, Decimal("100")
    )
    assert domain.cost([segment], D(2026, 1, 1), D(2026, 12, 31)) == Decimal("39.29")


def test_weekly_grant_counts_per_day():
    # 3 hours a week at € 36.50 is € 109.50 a week; 10 to 31 March is 22 days.
    segment = Segment(
        D(2026, 3, 10), D(2026, 3, 31), Decimal("3"), domain.WEEK, Decimal("36.50")
    )
    assert domain.cost([segment], D(2026, 3, 1), D(2026, 12, 31)) == Decimal("344.14")


def test_a_tariff_change_inside_the_period_counts_each_tariff_for_its_days():
    # Version 1 at last year's € 66.09, version 2 from 1 January at € 68.40,
    # both 2 hours a week: December 31/7 × 132.18, January 31/7 × 136.80.
    versions = [
        Version(D(2025, 7, 1), None, Decimal("2"), domain.WEEK, Decimal("66.09")),
        Version(D(2026, 1, 1), None, Decimal("2"), domain.WEEK, Decimal("68.40")),
    ]
    segments = domain.schedule(versions)
    assert [s.ends_on for s in segments] == [D(2025, 12, 31), None]
    assert domain.cost(segments, D(2025, 12, 1), D(2026, 1, 31)) == Decimal("1191.20")


def test_an_ended_grant_costs_nothing_after_its_last_day():
    # € 95 a month from 20 January, ended on 10 March by a second version:
    # 12/31 of January, February, 10/31 of March = 95 × 53/31.
    versions = [
        Version(D(2026, 1, 20), None, Decimal("1"), domain.MONTH, Decimal("95")),
        Version(
            D(2026, 1, 20), D(2026, 3, 10), Decimal("1"), domain.MONTH, Decimal("95")
        ),
    ]
    segments = domain.schedule(versions)
    assert len(segments) == 1  # the end replaces the open-ended version wholly
    assert domain.cost(segments, D(2026, 1, 1), D(2026, 12, 31)) == Decimal("162.42")
    assert domain.cost(segments, D(2026, 3, 11), D(2026, 12, 31)) == Decimal("0.00")


def test_a_change_from_a_date_keeps_the_earlier_terms_before_it():
    versions = [
        Version(D(2026, 1, 1), None, Decimal("3"), domain.WEEK, Decimal("7")),
        Version(D(2026, 4, 1), None, Decimal("5"), domain.WEEK, Decimal("7")),
    ]
    first, second = domain.schedule(versions)
    assert (first.starts_on, first.ends_on, first.units) == (
        D(2026, 1, 1),
        D(2026, 3, 31),
        Decimal("3"),
    )
    assert (second.starts_on, second.ends_on, second.units) == (
        D(2026, 4, 1),
        None,
        Decimal("5"),
    )
    # January to March: 90 days × 21/7; April: 30 days × 35/7.
    assert domain.cost([first, second], D(2026, 1, 1), D(2026, 4, 30)) == Decimal(
        "420.00"
    )


def test_a_one_off_grant_costs_its_amount_on_its_start_date():
    segment = Segment(D(2026, 5, 1), None, Decimal("1"), domain.ONCE, Decimal("6500"))
    assert domain.cost([segment], D(2026, 1, 1), D(2026, 12, 31)) == Decimal("6500.00")
    assert domain.cost([segment], D(2026, 6, 1), D(2026, 12, 31)) == Decimal("0.00")


def test_cost_per_year_is_the_first_year_from_the_start():
    # Open-ended from 1 March 2026: to 28 February 2027, 365 days of 109.50/7.
    segment = Segment(D(2026, 3, 1), None, Decimal("3"), domain.WEEK, Decimal("36.50"))
    assert domain.cost_per_year(segment) == Decimal("5709.64")
    shorter = Segment(
        D(2026, 3, 1), D(2026, 3, 28), Decimal("3"), domain.WEEK, Decimal("36.50")
    )
    assert domain.cost_per_year(shorter) == Decimal("438.00")


def test_the_first_year_of_a_leap_day_ends_on_28_february():
    assert domain.first_year(D(2028, 2, 29)) == (D(2028, 2, 29), D(2029, 2, 28))


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        domain.cost([], D(2026, 2, 1), D(2026, 1, 1))


def test_the_tariff_in_force_is_the_latest_valid_on_the_day():
    tariffs = [(D(2025, 1, 1), Decimal("35")), (D(2026, 1, 1), Decimal("36.50"))]
    assert domain.tariff_on(tariffs, D(2025, 12, 31)) == Decimal("35")
    assert domain.tariff_on(tariffs, D(2026, 1, 1)) == Decimal("36.50")
    assert domain.tariff_on(tariffs, D(2024, 6, 1)) is None


@pytest.mark.parametrize(
    ("limit", "cost", "weeks", "within"),
    [
        (Limit(Decimal("5000"), 26), Decimal("5000.00"), Decimal("26"), True),
        (Limit(Decimal("5000"), 26), Decimal("5000.01"), Decimal("26"), False),
        (Limit(Decimal("5000"), 26), Decimal("100"), Decimal("26.14"), False),
        (Limit(Decimal("5000"), 26), Decimal("100"), None, False),
        (Limit(None, None), Decimal("99999"), None, True),
        (Limit(None, 52), Decimal("99999"), Decimal("52"), True),
    ],
)
def test_within_a_mandate(limit, cost, weeks, within):
    assert domain.within(limit, cost, weeks) is within


def test_weeks_of_a_grant():
    assert domain.weeks(D(2026, 1, 1), D(2026, 1, 14)) == Decimal("2.00")
    assert domain.weeks(D(2026, 1, 1), None) is None


def test_a_one_off_grant_lasts_no_time_for_a_mandate():
    # A stairlift (once) fits a mandate limited to 52 weeks; an open-ended
    # weekly grant does not.
    assert domain.duration(D(2026, 5, 1), None, domain.ONCE) == Decimal(0)
    assert domain.duration(D(2026, 5, 1), None, domain.WEEK) is None
    limit = Limit(Decimal("7500"), 52)
    assert domain.within(
        limit, Decimal("6500"), domain.duration(D(2026, 5, 1), None, domain.ONCE)
    )
