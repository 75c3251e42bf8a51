# SPDX-License-Identifier: EUPL-1.2
"""The inbox page: what waits for me; opening a notification marks it read."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access.actions import Action
from eenplan.access.views import action_view

from . import selectors, services

inbox_view = action_view(Action.INBOX_VIEW)


@inbox_view
@require_http_methods(["GET", "POST"])
def inbox(request):
    if request.method == "POST":
        count = services.inbox_mark_all_read(actor=request.actor)
        messages.success(
            request,
            _("%(count)d notifications marked as read.") % {"count": count},
        )
        return redirect("inbox:list")
    return render(
        request,
        "inbox/inbox.html",
        {
            "notifications": selectors.inbox(actor=request.actor),
            "limit": selectors.INBOX_LIMIT,
            "nav": "inbox",
        },
    )


@inbox_view
def notification_open(request, uuid):
    """Mark read and go where it points (a path of this site, never elsewhere)."""
    notification = selectors.notification_get(actor=request.actor, uuid=uuid)
    services.notification_open(actor=request.actor, notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("inbox:list")
    return redirect(notification.url)
