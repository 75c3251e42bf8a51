# SPDX-License-Identifier: EUPL-1.2
"""The same form sent twice creates one record (double click, a resent POST).

Every create form carries a token made when the page was rendered
(`{% submit_once %}`, a hidden `_once` field). `@submitted_once` runs the view
in one transaction that first claims the token (a primary key): a second send
of the same token waits for the first (SQLite's IMMEDIATE transactions, the
unique index on PostgreSQL), then finds it taken and is sent to where the
first one went, with a message. A refused form (shown again) releases the
token with the rest of its transaction, so it can be sent again corrected.
"""

from __future__ import annotations

import uuid
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .errors import ConcurrentChange
from .models import FormSubmission

FIELD = "_once"


def new_token() -> str:
    return str(uuid.uuid4())


class _Shown(Exception):
    """The view showed a page instead of redirecting: undo the claim."""

    def __init__(self, response):
        self.response = response


def _token(request) -> uuid.UUID | None:
    values = request.POST.getlist(FIELD)
    if len(values) != 1:
        return None
    try:
        return uuid.UUID(values[0])
    except ValueError:
        return None


def submitted_once(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = _token(request) if request.method == "POST" else None
        if token is None:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        claim = FormSubmission.objects.create(
                            token=token, path=request.path[:255]
                        )
                except IntegrityError:
                    return _already_sent(request, token)
                response = view(request, *args, **kwargs)
                if response.status_code not in (301, 302, 303):
                    raise _Shown(response)
                claim.result_url = response["Location"][:2000]
                claim.save(update_fields=["result_url"])
                return response
        except _Shown as shown:
            return shown.response

    return wrapper


def _already_sent(request, token):
    first = FormSubmission.objects.filter(token=token).first()
    if first is None or not first.result_url:
        raise ConcurrentChange()
    messages.info(request, _("This form had been sent already; it was saved once."))
    return redirect(first.result_url)
