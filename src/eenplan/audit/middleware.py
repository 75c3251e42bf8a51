# SPDX-License-Identifier: EUPL-1.2
"""Gives every audit entry written during a request that request's origin."""

from . import context


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
