# SPDX-License-Identifier: EUPL-1.2
"""Pure rules of consultations: when one may be planned, when its outcome may
be recorded, when an escalation for declined referrals is due."""

from __future__ import annotations

import datetime

# A consultation is planned from now up to this far ahead.
MAX_PLANNING_HORIZON = datetime.timedelta(days=366)
# A case whose referrals were declined this often may be escalated for it.
DECLINED_REFERRALS_TO_ESCALATE = 2


def start_allowed(starts_at: datetime.datetime, now: datetime.datetime) -> bool:
    """From now (the quarter of an hour before counts) up to a year ahead."""
    return (
        now - datetime.timedelta(minutes=15) <= starts_at <= now + MAX_PLANNING_HORIZON
    )


def outcome_allowed(starts_at: datetime.datetime, now: datetime.datetime) -> bool:
    """An outcome is recorded once the consultation has begun."""
    return starts_at <= now


def escalate_for_declines(declined: int) -> bool:
    return declined >= DECLINED_REFERRALS_TO_ESCALATE
