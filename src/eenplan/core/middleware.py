# SPDX-License-Identifier: EUPL-1.2
"""Dutch first, whatever the browser says; sessions that end after inactivity."""

import time


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


class SessionRefreshMiddleware:
    """An idle session ends SESSION_COOKIE_AGE seconds after the last request;
    its expiry is moved at most once per EENPLAN_SESSION_REFRESH_SECONDS.

    Django's SESSION_SAVE_EVERY_REQUEST wrote the session row on every page:
    an UPDATE and a commit per request, a tenth of a page's statements. A stamp
    in the session says when it was last saved; once it is older than the
    refresh interval, the session is marked modified and Django saves it, with
    a new expiry. So an idle session ends between AGE minus the interval and
    AGE after the last request. A request without a session gets none.
    """

    KEY = "_eenplan_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or session.modified:
            return response  # no session, or Django saves it anyway
        from django.conf import settings

        now = int(time.time())
        if now - session.get(self.KEY, 0) >= settings.EENPLAN_SESSION_REFRESH_SECONDS:
            session[self.KEY] = now
        return response
