# SPDX-License-Identifier: EUPL-1.2
"""Writes for staff accounts: setting up and using the authenticator app (TOTP).

The secret lives in django-otp's TOTPDevice. Until the user typed a correct
code it is unconfirmed and cannot verify a login; every visit to the set-up
page shows the same unconfirmed secret, so a scanned QR code stays valid.
"""

from django.db import transaction
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_totp.models import TOTPDevice

from .errors import AlreadyEnrolled, TokenRefused, TokenThrottled

DEVICE_NAME = "Authenticator-app"


def totp_device_get(*, user) -> TOTPDevice | None:
    """The user's confirmed device, or None when the app is not set up yet."""
    return (
        TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()
    )


@transaction.atomic
def totp_enrolment_start(*, user) -> TOTPDevice:
    """The unconfirmed device whose secret the set-up page shows."""
    if totp_device_get(user=user) is not None:
        raise AlreadyEnrolled()
    device = (
        TOTPDevice.objects.devices_for_user(user, confirmed=False)
        .order_by("-id")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def _check(device: TOTPDevice | None, token: str) -> Exception | None:
    """None when `token` is right; otherwise the error to raise.

    The error is raised by the caller after its transaction: a failed attempt is
    counted on the device (django-otp's growing delay), and raising inside the
    transaction would roll that count back.
    """
    if device is None:
        return TokenRefused()
    allowed, extra = device.verify_is_allowed()
    if not allowed:
        if (extra or {}).get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
            return TokenThrottled()
        return TokenRefused()
    # verify_token refuses a code used before (last_t) and counts failures.
    if not device.verify_token(token):
        return TokenRefused()
    return None


def totp_enrolment_confirm(*, user, token: str) -> TOTPDevice:
    """Confirm the shown secret with a code from the app; the app is then set up."""
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user=user)
        if devices.filter(confirmed=True).exists():
            raise AlreadyEnrolled()
        device = devices.filter(confirmed=False).order_by("-id").first()
        error = _check(device, token)
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    if error is not None:
        raise error
    return device


def totp_verify(*, user, token: str) -> TOTPDevice:
    """Check a login code against the user's confirmed device."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("id")
            .first()
        )
        error = _check(device, token)
    if error is not None:
        raise error
    return device
