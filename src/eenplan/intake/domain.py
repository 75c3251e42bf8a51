# SPDX-License-Identifier: EUPL-1.2
"""Pure triage rules: which rules fire for a screening, and what they suggest.

Rules are data (the `TriageRule` table, seeded from `triage_rules.json`); this
module only evaluates them, so every rule and its explanation is testable
without a database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eenplan.core.dates import DateRange, happened

SAFETY_CONCERN = "safety"

# A request is registered when it comes in, or soon after: not a year later.
MAX_REGISTRATION_DELAY = datetime.timedelta(days=366)


def received_on_range(today: datetime.date) -> DateRange:
    """When a request was received: not in the future, at most a year ago."""
    return happened(
        today,
        since=today - MAX_REGISTRATION_DELAY,
        reason=_("A request is received today or in the past year."),
    )


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    min_domains: int
    max_level: int
    requires_safety_concern: bool
    outcome: str
    priority: int


@dataclass(frozen=True)
class FiredRule:
    code: str
    name: str
    outcome: str
    explanation: str


@dataclass(frozen=True)
class Evaluation:
    suggested_outcome: str
    fired: tuple[FiredRule, ...]


def _explain(rule: Rule, matching: list[str], safety: bool) -> str:
    if rule.min_domains == 0 and not rule.requires_safety_concern:
        return _("Always applies when no rule with a higher priority fired.")
    text = ngettext(
        "%(count)d life domain at level %(level)d or lower (needed: %(needed)d): "
        "%(domains)s",
        "%(count)d life domains at level %(level)d or lower (needed: %(needed)d): "
        "%(domains)s",
        len(matching),
    ) % {
        "count": len(matching),
        "level": rule.max_level,
        "needed": rule.min_domains,
        "domains": ", ".join(matching),
    }
    if rule.requires_safety_concern and safety:
        text += "; " + _("the screening noted concerns about safety")
    return text


def evaluate(
    rules: Iterable[Rule], levels: Mapping[str, int], safety_concern: bool
) -> Evaluation:
    """Evaluate `rules` against screening `levels` ({domain name: level 1–5}).

    A rule fires when at least `min_domains` domains are at `max_level` or
    lower and, if it asks for one, a safety concern was noted. The fired rule
    with the highest priority suggests the outcome. With no rule fired, the
    suggestion is that the request can be solved at the door.
    """
    fired: list[tuple[int, FiredRule]] = []
    for rule in rules:
        matching = sorted(
            name for name, level in levels.items() if level <= rule.max_level
        )
        if len(matching) < rule.min_domains:
            continue
        if rule.requires_safety_concern and not safety_concern:
            continue
        fired.append(
            (
                rule.priority,
                FiredRule(
                    code=rule.code,
                    name=rule.name,
                    outcome=rule.outcome,
                    explanation=_explain(rule, matching, safety_concern),
                ),
            )
        )
    fired.sort(key=lambda item: -item[0])
    if not fired:
        return Evaluation(suggested_outcome="solved_at_door", fired=())
    return Evaluation(
        suggested_outcome=fired[0][1].outcome, fired=tuple(rule for _, rule in fired)
    )
