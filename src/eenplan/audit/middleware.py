# SPDX-License-Identifier: EUPL-1.2
"""Gives every audit entry written during a request that request's origin."""

from django.shortcuts import render

from eenplan.core.errors import ApplicationError, NotFoundOrForbidden, PermissionDenied

from . import context
from .refusals import record_refusal


class AuditContextMiddleware:
    """Activate the request's origin (client IP, user agent, trace id, method, path).

    Placed right after AuthenticationMiddleware. The trace id goes back in the
    `X-Request-ID` response header, so a user reporting a problem can quote it
    and the privacy officer can find the entries of that one request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = context.Origin.from_request(request)
        token = context.activate(origin)
        try:
            response = self.get_response(request)
        finally:
            context.deactivate(token)
        response.headers.setdefault("X-Request-ID", origin.trace_id)
        return response


class ApplicationErrorMiddleware:
    """Renders an ApplicationError that escaped a view as a clear page, never a 500.

    The one place that audits refusals (403, 404): a refusal raised inside a
    service's transaction rolled back with it, audit entry and all; here the
    transaction is over, so the refusal is written now, exactly once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError):
            return None
        if isinstance(exception, PermissionDenied | NotFoundOrForbidden):
            record_refusal(request, exception)
        return render(
            request,
            exception.template_name,
            exception.page_context(request),
            status=exception.status,
        )
