# SPDX-License-Identifier: EUPL-1.2
"""Turns an ApplicationError that escaped a view into a clear page, never a 500."""

from django.shortcuts import render

from .errors import ApplicationError, NotFoundOrForbidden, PermissionDenied


class ApplicationErrorMiddleware:
    """Renders ApplicationErrors with their status; audits refusals (403, 404).

    A refusal raised inside a service's transaction rolled back with it, audit
    entry and all; here the transaction is over, so the refusal is written now.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApplicationError):
            if isinstance(exception, PermissionDenied | NotFoundOrForbidden):
                from eenplan.audit.refusals import record_refusal

                record_refusal(request, exception)
            return render(
                request,
                "error.html",
                {"message": exception.message, "code": exception.code},
                status=exception.status,
            )
        return None


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language (cookie), whatever the browser says.

    Staff often run English browsers; the interface of a Dutch municipality
    still starts in Dutch. The language switch in the header sets the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
