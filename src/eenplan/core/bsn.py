# SPDX-License-Identifier: EUPL-1.2
"""The Dutch citizen service number (BSN) and its eleven test (elfproef)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def is_valid_bsn(value: str) -> bool:
    """True when `value` is nine digits that pass the elfproef.

    The elfproef weighs the digits 9, 8, ..., 2 and -1; the sum must be a
    multiple of 11. All zeros passes the arithmetic but is not a number anyone
    holds, so it is refused too.
    """
    if not isinstance(value, str) or len(value) != 9 or not value.isdigit():
        return False
    if value == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(
        int(digit) * weight for digit, weight in zip(value, weights, strict=True)
    )
    return total % 11 == 0


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes; pad an eight-digit BSN with a leading zero."""
    cleaned = "".join(ch for ch in (value or "") if ch not in " .-")
    if len(cleaned) == 8 and cleaned.isdigit():
        cleaned = "0" + cleaned
    return cleaned


def validate_bsn(value: str) -> None:
    """Django validator: a clear form error for a BSN that fails the elfproef."""
    if not is_valid_bsn(value):
        raise ValidationError(
            _("This is not a valid BSN: it must be 9 digits and pass the eleven test."),
            code="invalid_bsn",
        )
