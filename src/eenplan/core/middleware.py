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
