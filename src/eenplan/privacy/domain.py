# SPDX-License-Identifier: EUPL-1.2
"""Pure privacy rules: who decides on consent at which age, and what is covered."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PARENTS, CHILD_AND_PARENTS, CHILD = "parents", "child_and_parents", "child"


@dataclass(frozen=True)
class AgeRule:
    min_age: int
    max_age: int | None
    decides: str


DEFAULT_AGE_RULES = (
    AgeRule(0, 11, PARENTS),
    AgeRule(12, 15, CHILD_AND_PARENTS),
    AgeRule(16, None, CHILD),
)


def who_decides(age: int, rules: Iterable[AgeRule] = DEFAULT_AGE_RULES) -> str:
    """Which of parents / child_and_parents / child decides at `age`."""
    for rule in rules:
        if age >= rule.min_age and (rule.max_age is None or age <= rule.max_age):
            return rule.decides
    raise ValueError(f"No age rule covers age {age}")


def given_by_allowed(decides: str, given_by: str) -> bool:
    """Whether consent given by `given_by` is valid where `decides` decides.

    Under 12 the parents decide (a representative gives it); 12–15 both the
    child and the parents (given by both); from 16 the young person alone.
    """
    if decides == PARENTS:
        return given_by in {"representative", "both"}
    if decides == CHILD_AND_PARENTS:
        return given_by == "both"
    return given_by == "person"
