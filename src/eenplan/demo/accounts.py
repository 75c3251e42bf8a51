# SPDX-License-Identifier: EUPL-1.2
"""Shared by the demo commands (`seed_demo`, `demo_logins`)."""

from django.conf import settings
from django.core.management.base import CommandError

# Every demo account has this password; it is printed by `demo_logins`.
DEMO_PASSWORD = "demo"  # noqa: S105 (a published demo password, never production)


def require_demo_mode() -> None:
    """Refuse to run outside demo mode (EENPLAN_DEMO), e.g. in production."""
    if not getattr(settings, "EENPLAN_DEMO", False):
        raise CommandError(
            "Demo accounts and data are only for demo mode: set EENPLAN_DEMO=1 "
            "(the dev settings do) and never use them in production."
        )
