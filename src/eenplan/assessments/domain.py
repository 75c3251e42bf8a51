# SPDX-License-Identifier: EUPL-1.2
"""Pure ZRM rules: score validation and the shape of a radar chart."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _

from eenplan.core.dates import DateRange, happened

MIN_SCORE, MAX_SCORE = 1, 5


def assessed_on_range(today: datetime.date, opened_on: datetime.date) -> DateRange:
    """A ZRM of a case: assessed since the case opened, not in the future."""
    return happened(
        today,
        since=opened_on,
        reason=_("A ZRM is assessed after the case opened, not in the future."),
    )


def valid_score(score: object) -> bool:
    return (
        isinstance(score, int)
        and not isinstance(score, bool)
        and (MIN_SCORE <= score <= MAX_SCORE)
    )


def missing_domains(required: Iterable[str], scored: Iterable[str]) -> set[str]:
    return set(required) - set(scored)


def radar_series(
    domain_codes: Sequence[str], assessments: Sequence[tuple[str, Mapping[str, int]]]
) -> list[dict]:
    """One series per assessment (label, scores in domain order, None when unscored)."""
    return [
        {"label": label, "scores": [scores.get(code) for code in domain_codes]}
        for label, scores in assessments
    ]
