# SPDX-License-Identifier: EUPL-1.2
"""Login throttling with django-axes: one count over both login steps.

A wrong password (counted by axes itself) and a wrong code (counted here) add
up per username and IP address; at AXES_FAILURE_LIMIT that combination is
locked out for AXES_COOLOFF_TIME. Only a complete login (password and, where
required, the code) clears the count, so a known password does not buy fresh
guesses at the code. django-otp adds its own, growing delay per device.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed

# The longest username an account can have (accounts.User.username).
USERNAME_MAX_LENGTH = 150


def client_ip(request) -> str | None:
    """The client's address (AXES_CLIENT_IP_CALLABLE).

    Behind EENPLAN_PROXY_COUNT trusted reverse proxies, each appended the address
    it received from to X-Forwarded-For: the client is that many from the right.
    Entries further left are whatever the client sent and are not trusted.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.EENPLAN_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    return forwarded[-count] if len(forwarded) >= count else remote


def username(request, credentials) -> str | None:
    """The username axes counts failures for (AXES_USERNAME_CALLABLE), cut to
    what a username can be: axes stores it in a 255-character column."""
    field = str(settings.AXES_USERNAME_FORM_FIELD)
    value = (credentials or {}).get(field) or request.POST.get(field)
    if value is None:
        return None
    return str(value)[:USERNAME_MAX_LENGTH]


def _credentials(user) -> dict:
    return {str(settings.AXES_USERNAME_FORM_FIELD): user.get_username()}


def is_locked_out(request, user) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(user))


def second_step_failed(request, user) -> bool:
    """Count a wrong code like a wrong password; True when that locked the user out."""
    user_login_failed.send(
        sender=__name__, credentials=_credentials(user), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def login_completed(request, user) -> None:
    """The whole login succeeded: forget the failures of this username and address."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(
        ip_address=request.axes_ip_address, username=user.get_username()
    )
