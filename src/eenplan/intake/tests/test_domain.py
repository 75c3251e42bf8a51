# SPDX-License-Identifier: EUPL-1.2
"""The published triage rules, evaluated without a database."""

import pytest
from django.utils import translation

from eenplan.intake import domain
from eenplan.intake.tests.factories import published_rules_data

RULES = [
    domain.Rule(**{k: v for k, v in data.items() if k != "description"})
    for data in published_rules_data()
]
URGENT = "urgent-acute-and-unsafe"
INTEGRAL_TWO = "integral-two-domains-not-self-reliant"
INTEGRAL_THREE = "integral-three-domains-limited"
ONE_DISCIPLINE = "one-discipline"
SOLVED = "solved-at-door"


@pytest.fixture(autouse=True)
def english():
    # Explanations are translated; pin the language so the wording is stable.
    with translation.override("en"):
        yield


def codes(evaluation):
    return [f.code for f in evaluation.fired]


def fired(evaluation, code):
    return next(f for f in evaluation.fired if f.code == code)


def test_the_published_rules_are_the_five_expected_ones():
    assert {r.code for r in RULES} == {
        URGENT,
        INTEGRAL_TWO,
        INTEGRAL_THREE,
        ONE_DISCIPLINE,
        SOLVED,
    }


def test_no_concerns_is_solved_at_the_door_by_the_catch_all_rule():
    result = domain.evaluate(RULES, {}, safety_concern=False)
    assert result.suggested_outcome == "solved_at_door"
    assert codes(result) == [SOLVED]
    assert fired(result, SOLVED).explanation == (
        "Always applies when no rule with a higher priority fired."
    )


def test_without_any_rule_the_suggestion_is_solved_at_the_door():
    result = domain.evaluate([], {"Financiën": 1}, safety_concern=True)
    assert result.suggested_outcome == "solved_at_door"
    assert result.fired == ()


def test_levels_four_and_five_do_not_count_as_a_concern():
    result = domain.evaluate(
        RULES, {"Financiën": 4, "Huisvesting": 5}, safety_concern=False
    )
    assert result.suggested_outcome == "solved_at_door"
    assert codes(result) == [SOLVED]


def test_one_domain_at_level_three_goes_to_one_discipline():
    result = domain.evaluate(
        RULES, {"Financiën": 3, "Huisvesting": 4}, safety_concern=False
    )
    assert result.suggested_outcome == "one_discipline"
    assert codes(result) == [ONE_DISCIPLINE, SOLVED]
    assert fired(result, ONE_DISCIPLINE).explanation == (
        "1 life domain at level 3 or lower (needed: 1): Financiën"
    )


def test_two_domains_not_self_reliant_need_an_integral_intake():
    result = domain.evaluate(
        RULES, {"Huisvesting": 2, "Financiën": 1}, safety_concern=False
    )
    assert result.suggested_outcome == "integral"
    assert codes(result) == [INTEGRAL_TWO, ONE_DISCIPLINE, SOLVED]
    explanation = fired(result, INTEGRAL_TWO).explanation
    # Domain names are listed alphabetically, with the count and the threshold.
    assert explanation == (
        "2 life domains at level 2 or lower (needed: 2): Financiën, Huisvesting"
    )


def test_one_domain_not_self_reliant_is_not_enough_for_integral():
    result = domain.evaluate(
        RULES, {"Financiën": 2, "Huisvesting": 4}, safety_concern=False
    )
    assert INTEGRAL_TWO not in codes(result)
    assert result.suggested_outcome == "one_discipline"


def test_three_domains_limited_need_an_integral_intake():
    levels = {"Financiën": 3, "Huisvesting": 3, "Sociaal netwerk": 3}
    result = domain.evaluate(RULES, levels, safety_concern=False)
    assert result.suggested_outcome == "integral"
    assert codes(result) == [INTEGRAL_THREE, ONE_DISCIPLINE, SOLVED]
    assert fired(result, INTEGRAL_THREE).explanation == (
        "3 life domains at level 3 or lower (needed: 3): "
        "Financiën, Huisvesting, Sociaal netwerk"
    )


def test_two_domains_limited_stay_one_discipline():
    result = domain.evaluate(
        RULES, {"Financiën": 3, "Huisvesting": 3}, safety_concern=False
    )
    assert INTEGRAL_THREE not in codes(result)
    assert result.suggested_outcome == "one_discipline"


def test_acute_problem_with_safety_concern_is_urgent_and_says_why():
    result = domain.evaluate(RULES, {"Huiselijke relaties": 1}, safety_concern=True)
    assert result.suggested_outcome == "urgent"
    assert codes(result) == [URGENT, ONE_DISCIPLINE, SOLVED]
    explanation = fired(result, URGENT).explanation
    assert explanation == (
        "1 life domain at level 1 or lower (needed: 1): Huiselijke relaties; "
        "the screening noted concerns about safety"
    )


def test_acute_problem_without_safety_concern_is_not_urgent():
    result = domain.evaluate(RULES, {"Huiselijke relaties": 1}, safety_concern=False)
    assert URGENT not in codes(result)
    assert result.suggested_outcome == "one_discipline"


def test_safety_concern_without_an_acute_domain_is_not_urgent():
    result = domain.evaluate(RULES, {"Huiselijke relaties": 2}, safety_concern=True)
    assert URGENT not in codes(result)
    assert result.suggested_outcome == "one_discipline"


def test_safety_clause_is_only_added_to_rules_that_ask_for_it():
    result = domain.evaluate(
        RULES, {"Financiën": 1, "Huisvesting": 2}, safety_concern=True
    )
    assert "safety" in fired(result, URGENT).explanation
    assert "safety" not in fired(result, INTEGRAL_TWO).explanation
    assert "safety" not in fired(result, ONE_DISCIPLINE).explanation


def test_urgent_takes_priority_over_integral():
    levels = {"Financiën": 1, "Huisvesting": 1, "Justitie": 1}
    result = domain.evaluate(RULES, levels, safety_concern=True)
    assert result.suggested_outcome == "urgent"
    # All five fire; they are listed from the highest priority down.
    assert codes(result) == [
        URGENT,
        INTEGRAL_TWO,
        INTEGRAL_THREE,
        ONE_DISCIPLINE,
        SOLVED,
    ]


def test_the_outcome_does_not_depend_on_the_order_of_the_rules():
    levels = {"Financiën": 1, "Huisvesting": 2}
    forward = domain.evaluate(RULES, levels, safety_concern=True)
    backward = domain.evaluate(list(reversed(RULES)), levels, safety_concern=True)
    assert forward == backward
    assert forward.suggested_outcome == "urgent"


def test_the_explanation_names_only_the_domains_at_or_below_the_rule_level():
    levels = {"Financiën": 1, "Huisvesting": 3, "Justitie": 5}
    result = domain.evaluate(RULES, levels, safety_concern=True)
    urgent = fired(result, URGENT).explanation
    assert "Financiën" in urgent
    assert "Huisvesting" not in urgent
    one = fired(result, ONE_DISCIPLINE).explanation
    assert "Financiën, Huisvesting" in one
    assert "Justitie" not in one


def test_a_fired_rule_carries_its_name_and_outcome():
    result = domain.evaluate(RULES, {"Financiën": 3}, safety_concern=False)
    rule = fired(result, ONE_DISCIPLINE)
    assert rule.name == "Eén leefgebied heeft hulp nodig"
    assert rule.outcome == "one_discipline"


def test_a_custom_rule_with_a_higher_priority_wins():
    custom = domain.Rule(
        code="youth-parenting",
        name="Opvoeden",
        min_domains=1,
        max_level=3,
        requires_safety_concern=False,
        outcome="integral",
        priority=35,
    )
    result = domain.evaluate([*RULES, custom], {"Opvoeden": 3}, safety_concern=False)
    assert result.suggested_outcome == "integral"
    assert codes(result)[0] == "youth-parenting"
