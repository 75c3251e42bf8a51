# SPDX-License-Identifier: EUPL-1.2
"""Writes on inboxes: tell someone that something waits, once; mark it read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor

from .models import Notification


@dataclass(frozen=True)
class Notice:
    """One notification to make: for whom, what, about which event (`key`)."""

    recipient_id: int
    kind: str
    key: str
    url: str
    about_date: datetime.date | None = None


CHUNK = 500  # keys looked up per query


def notify_all(notices: Iterable[Notice]) -> list[Notification]:
    """Put each notice in its recipient's inbox, once per recipient and key: one
    that is there already is left alone. The new ones are e-mailed after the
    surrounding transaction commits. Returns the new ones.

    Called by the services whose change it announces, inside their transaction,
    so a notification exists exactly when the change does. It carries no
    personal data (see `Notification`), so it is not audited. A fixed number of
    queries per CHUNK notices.
    """
    wanted: dict[tuple[int, str], Notice] = {}
    for notice in notices:
        if notice.kind not in Notification.Kind.values:
            raise ValueError(f"Unknown notification kind {notice.kind!r}")
        if notice.recipient_id is not None:
            wanted.setdefault((int(notice.recipient_id), notice.key), notice)
    keys = sorted({key for _recipient, key in wanted})
    existing: set[tuple[int, str]] = set()
    for i in range(0, len(keys), CHUNK):
        existing.update(
            Notification.objects.filter(key__in=keys[i : i + CHUNK]).values_list(
                "recipient_id", "key"
            )
        )
    new = [
        Notification(
            recipient_id=recipient,
            kind=notice.kind,
            key=key,
            url=notice.url,
            about_date=notice.about_date,
        )
        for (recipient, key), notice in wanted.items()
        if (recipient, key) not in existing
    ]
    if not new:
        return []
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(new)
    except IntegrityError:  # a concurrent run made some of them: the rest, one by one
        created = []
        for notification in new:
            try:
                with transaction.atomic():
                    notification.save()
                created.append(notification)
            except IntegrityError:
                continue
    if created:
        from .tasks import email_notifications

        transaction.on_commit(
            partial(email_notifications.enqueue, [n.pk for n in created])
        )
    return created


def notify(
    *,
    recipients: Iterable[int],
    kind: str,
    key: str,
    url: str,
    about_date: datetime.date | None = None,
) -> list[Notification]:
    """`notify_all` for one event told to several recipients (user ids)."""
    return notify_all(Notice(r, kind, key, url, about_date) for r in recipients)


def notification_open(*, actor: Actor, notification: Notification) -> Notification:
    """The recipient opens a notification: it counts as read."""
    policy.require(actor, Action.INBOX_VIEW, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def inbox_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    policy.require(actor, Action.INBOX_VIEW)
    return policy.restrict(
        actor, Action.INBOX_VIEW, Notification.objects.filter(read_at__isnull=True)
    ).update(read_at=timezone.now())
