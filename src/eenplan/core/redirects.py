# SPDX-License-Identifier: EUPL-1.2
"""Where a form may send the user back to: only a path on this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str:
    """The `next` page to return to, from the form or the query string, if it is
    a path on this site; else "" (an address elsewhere, `//host`, `javascript:`
    or a bare word is never followed, nor put in a Cancel link)."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    if not value.startswith("/") or value.startswith("//") or value.startswith("/\\"):
        return ""
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return value
