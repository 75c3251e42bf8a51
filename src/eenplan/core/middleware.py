# SPDX-License-Identifier: EUPL-1.2
"""Turns an ApplicationError that escaped a view into a clear page, never a 500."""

from django.shortcuts import render

from .errors import ApplicationError


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApplicationError):
            return render(
                request,
                "error.html",
                {"message": exception.message, "code": exception.code},
                status=exception.status,
            )
        return None
