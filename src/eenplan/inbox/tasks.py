# SPDX-License-Identifier: EUPL-1.2
"""Background work of the inbox: e-mail new notifications."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification


def email_text(notification: Notification) -> tuple[str, str]:
    """Subject and body of the e-mail for `notification`: what waits and a
    link, never a name, an address or a case's content."""
    what = str(notification.get_kind_display())
    lines = [what + "."]
    if notification.about_date is not None:
        lines.append(
            _("Date: %(date)s")
            % {"date": date_format(notification.about_date, "SHORT_DATE_FORMAT")}
        )
    lines += [
        "",
        _("Log in to Eenplan to see it:"),
        settings.EENPLAN_SITE_URL.rstrip("/") + notification.url,
    ]
    return f"Eenplan: {what}", "\n".join(lines)


@task()
def email_notifications(notification_ids: list[int]) -> int:
    """E-mail the notifications not e-mailed yet to recipients with an address;
    returns how many were sent. Running it twice sends nothing twice."""
    sent = 0
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient")
    with translation.override(settings.LANGUAGE_CODE):
        for notification in pending:
            address = notification.recipient.email
            if not address:
                continue
            # Claim it first, so a second worker on the same ids sends nothing.
            claimed = Notification.objects.filter(
                pk=notification.pk, emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if not claimed:
                continue
            subject, body = email_text(notification)
            send_mail(subject, body, None, [address])
            sent += 1
    return sent
