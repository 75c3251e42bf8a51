# SPDX-License-Identifier: EUPL-1.2
"""ZRM score rules and the radar chart series. No database."""

import pytest

from eenplan.assessments import domain


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5])
def test_whole_numbers_one_to_five_are_valid_scores(score):
    assert domain.valid_score(score)


@pytest.mark.parametrize("score", [0, 6, -1, 10])
def test_scores_outside_one_to_five_are_invalid(score):
    assert not domain.valid_score(score)


@pytest.mark.parametrize("score", [True, False, 3.0, 2.5, "3", None])
def test_non_integer_scores_are_invalid(score):
    # True == 1 in Python; a checkbox value must not pass as a score.
    assert not domain.valid_score(score)


def test_missing_domains_are_the_required_ones_not_scored():
    required = ["financien", "huisvesting", "justitie"]
    assert domain.missing_domains(required, ["financien"]) == {
        "huisvesting",
        "justitie",
    }


def test_nothing_is_missing_when_every_domain_is_scored_even_with_extras():
    assert domain.missing_domains(["financien"], ["financien", "opvoeden"]) == set()


def test_radar_series_follow_the_domain_order_with_gaps_as_none():
    codes = ["financien", "huisvesting", "justitie"]
    series = domain.radar_series(
        codes,
        [
            ("01-03-2025 (Intake)", {"justitie": 2, "financien": 1}),
            ("12-04-2025 (Review)", {"financien": 3, "huisvesting": 4, "justitie": 4}),
        ],
    )
    assert series == [
        {"label": "01-03-2025 (Intake)", "scores": [1, None, 2]},
        {"label": "12-04-2025 (Review)", "scores": [3, 4, 4]},
    ]


def test_radar_series_ignore_scores_on_domains_not_shown():
    series = domain.radar_series(["financien"], [("x", {"opvoeden": 2})])
    assert series == [{"label": "x", "scores": [None]}]


def test_no_assessments_give_no_series():
    assert domain.radar_series(["financien"], []) == []
