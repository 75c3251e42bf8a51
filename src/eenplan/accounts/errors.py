# SPDX-License-Identifier: EUPL-1.2
"""Errors of the second login step, with a Dutch message for the user."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class TokenRefused(ApplicationError):
    """The code does not match the device (wrong, expired or used before)."""

    code = "token_refused"
    message = _(
        "This code is not correct. Check the code in your authenticator app "
        "and try again."
    )


class TokenThrottled(ApplicationError):
    """django-otp's own brake: after wrong codes the device waits a little longer."""

    code = "token_throttled"
    message = _("Too many wrong codes in a row. Wait a minute and try again.")
    status = 429


class AlreadyEnrolled(ApplicationError):
    """Setting up a second app is refused: the first one is needed to log in."""

    code = "already_enrolled"
    message = _("Two-factor login is already set up for this account.")
    status = 409
