# SPDX-License-Identifier: EUPL-1.2
"""When the next review of a plan is due. No database."""

import datetime

import pytest

from eenplan.plans import domain

AGREED = datetime.date(2025, 3, 3)


def test_the_latest_review_date_is_six_weeks_after_agreement():
    assert domain.latest_review_date(AGREED) == datetime.date(2025, 4, 14)
    assert datetime.timedelta(days=42) == domain.MAX_REVIEW_INTERVAL


@pytest.mark.parametrize("days", [0, 1, 14, 41, 42])
def test_a_review_within_six_weeks_of_agreement_is_allowed(days):
    assert domain.review_date_allowed(AGREED, AGREED + datetime.timedelta(days=days))


def test_a_review_on_day_43_is_too_late():
    assert not domain.review_date_allowed(AGREED, AGREED + datetime.timedelta(days=43))


def test_a_review_before_the_agreement_is_refused():
    assert not domain.review_date_allowed(AGREED, AGREED - datetime.timedelta(days=1))


def test_six_weeks_across_a_year_boundary():
    agreed = datetime.date(2025, 12, 1)
    assert domain.latest_review_date(agreed) == datetime.date(2026, 1, 12)
    assert domain.review_date_allowed(agreed, datetime.date(2026, 1, 12))
    assert not domain.review_date_allowed(agreed, datetime.date(2026, 1, 13))


def test_a_review_date_in_the_past_is_overdue():
    today = datetime.date(2025, 5, 10)
    assert domain.review_state(datetime.date(2025, 5, 9), today) == "overdue"


@pytest.mark.parametrize("days", [0, 1, 7])
def test_a_review_within_a_week_is_due(days):
    today = datetime.date(2025, 5, 10)
    assert domain.review_state(today + datetime.timedelta(days=days), today) == "due"


def test_a_review_more_than_a_week_away_is_planned():
    today = datetime.date(2025, 5, 10)
    assert domain.review_state(datetime.date(2025, 5, 18), today) == "planned"


def test_the_due_window_can_be_widened():
    today = datetime.date(2025, 5, 10)
    due = datetime.date(2025, 5, 24)
    assert domain.review_state(due, today) == "planned"
    assert domain.review_state(due, today, soon_days=14) == "due"
