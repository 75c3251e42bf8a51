# SPDX-License-Identifier: EUPL-1.2
"""Every error page in Dutch (or English), in the site's layout, saying what to do.

Django's own pages for a bad request, a too big or too long form, a bad host,
a missing CSRF token and a refused method are bare English text; these replace
them (`handler400` … in `conf/urls.py`, `CSRF_FAILURE_VIEW`, and
`core.middleware.MethodNotAllowedPageMiddleware` for 405). Nothing from the
request is shown: no path, no value, no exception message.
"""

from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

PAGES = {
    400: (
        _("Request not understood"),
        _("The page could not handle what your browser sent."),
        _("Go back, reload the page and try again."),
    ),
    "too_many_fields": (
        _("Too many fields"),
        _("The form sent more fields than Eenplan accepts."),
        _("Go back, reload the form and send it again with fewer entries."),
    ),
    "bad_host": (
        _("Unknown address"),
        _("Eenplan does not answer at this address."),
        _("Use the address your organisation gave you for Eenplan."),
    ),
    403: (
        _("No access"),
        _("Your role does not allow this action."),
        _("Ask your team leader or functional administrator if you need it."),
    ),
    "csrf": (
        _("Form expired"),
        _(
            "The form could not be checked: it is too old, or it was sent "
            "from elsewhere."
        ),
        _(
            "Go back, reload the page and send the form again. Nothing was saved. "
            "Cookies must be allowed for Eenplan."
        ),
    ),
    404: (
        _("Not found"),
        _("This item does not exist or you have no access to it."),
        _("Check the address, or start again from the start page."),
    ),
    405: (
        _("Not possible this way"),
        _("This page cannot be used like this."),
        _("Use the links and buttons on the page instead."),
    ),
    413: (
        _("Too much at once"),
        _("What you sent is larger than Eenplan accepts."),
        _("Go back and send less at once, for example shorter texts."),
    ),
    503: (
        _("Busy"),
        _("Eenplan is too busy to finish this now; nothing of it was saved."),
        _("Wait a moment and send it again."),
    ),
    500: (
        _("Something went wrong"),
        _("Eenplan could not finish this. What you just sent may not have been saved."),
        _(
            "Try again in a moment. If it happens again, tell your functional "
            "administrator the time and the page."
        ),
    ),
}


def page(request, key, status=None):
    title, message, what_to_do = PAGES[key]
    return render(
        request,
        "error_page.html",
        {"title": title, "message": message, "what_to_do": what_to_do},
        status=status or key,
    )


@requires_csrf_token
def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return page(request, 413)
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return page(request, "too_many_fields", 400)
    if isinstance(exception, DisallowedHost):
        return page(request, "bad_host", 400)
    return page(request, 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return page(request, 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return page(request, 404)


def csrf_failure(request, reason=""):
    return page(request, "csrf", 403)


def server_error(request):
    """The 500 page: rendered without the request (no database, no session),
    since whatever broke may break a page that asks them again."""
    template = loader.get_template("500.html")
    title, message, what_to_do = PAGES[500]
    return HttpResponseServerError(
        template.render({"title": title, "message": message, "what_to_do": what_to_do})
    )
