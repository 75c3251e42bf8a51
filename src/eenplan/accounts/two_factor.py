# SPDX-License-Identifier: EUPL-1.2
"""The second login step: who needs it, and whether this session has given it.

A staff member logs in with a password, then with a code from an authenticator
app (TOTP, django-otp). `pending(request)` is the one question the staff pages
(`access.views.staff_view`), the admin and the login views ask.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse


def demo_skip(user) -> bool:
    """A demo account of `seed_demo`, in a demo environment with the dev settings.

    The production settings set EENPLAN_DEMO and EENPLAN_DEMO_ACCOUNTS_SKIP_2FA
    to False, so there `is_demo_account` grants nothing.
    """
    return bool(
        settings.EENPLAN_DEMO_ACCOUNTS_SKIP_2FA
        and settings.EENPLAN_DEMO
        and getattr(user, "is_demo_account", False)
    )


def is_verified(user) -> bool:
    """This session gave a code of a confirmed device (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


def pending(request) -> bool:
    """Logged in with a password, but without the second factor this user needs."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not settings.EENPLAN_REQUIRE_2FA:
        return False
    return not (is_verified(user) or demo_skip(user))


def without_second_factor_as_demo(request) -> bool:
    """A demo account in this session skipped the second factor (header marker)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return demo_skip(user) and not is_verified(user)


def second_step_url(next_url: str) -> str:
    """Where a half-logged-in user goes: the code, or setting up the app first."""
    return f"{reverse('two_factor')}?{urlencode({'next': next_url})}"
