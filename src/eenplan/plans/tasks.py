# SPDX-License-Identifier: EUPL-1.2
"""Background work of the plan cycle: the daily review reminders."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services


@task()
def send_review_reminders() -> dict[str, int]:
    """Remind directors of reviews due soon and team leaders of overdue ones
    (each once per plan version, however often this runs)."""
    reminded = services.review_reminders_send(
        today=timezone.localdate(), soon_days=settings.EENPLAN_REVIEW_REMINDER_DAYS
    )
    return {"due": reminded.due, "overdue": reminded.overdue}
