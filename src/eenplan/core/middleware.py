# SPDX-License-Identifier: EUPL-1.2
"""Dutch first, whatever the browser says."""


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


class MethodNotAllowedPageMiddleware:
    """A 405 (`require_http_methods`, a class view without the method) comes
    from Django with an empty body: show the Dutch page, keep the Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        from .error_views import page

        page_response = page(request, 405)
        page_response["Allow"] = response.get("Allow", "")
        return page_response


class DatabaseBusyMiddleware:
    """SQLite waits `timeout` seconds for another writer (conf/settings); past
    that it gives up with "database is locked". Say so in Dutch (503, nothing of
    the request was saved: its transaction rolled back) instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import OperationalError

        if isinstance(exception, OperationalError) and "locked" in str(exception):
            from .error_views import page

            response = page(request, 503)
            response["Retry-After"] = "5"
            return response
        return None
