# SPDX-License-Identifier: EUPL-1.2
"""Reads of the inbox, through the access policy (its owner only)."""

from __future__ import annotations

from uuid import UUID

from django.db.models import F

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor

from .models import Notification

INBOX_LIMIT = 100  # notifications on the inbox page, newest first


def inbox(*, actor: Actor, limit: int = INBOX_LIMIT) -> list[Notification]:
    """The actor's newest notifications, unread ones first."""
    return list(
        policy.restrict(actor, Action.INBOX_VIEW, Notification.objects.all()).order_by(
            F("read_at").asc(nulls_first=True), "-created_at", "-id"
        )[:limit]
    )


def unread_count(*, actor: Actor) -> int:
    return (
        policy.restrict(actor, Action.INBOX_VIEW, Notification.objects.all())
        .filter(read_at__isnull=True)
        .count()
    )


def notification_get(*, actor: Actor, uuid: UUID) -> Notification:
    """One notification of the actor's; another's is a 404 like a missing one."""
    return policy.get(actor, Action.INBOX_VIEW, Notification.objects.all(), uuid=uuid)
