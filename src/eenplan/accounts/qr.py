# SPDX-License-Identifier: EUPL-1.2
"""The set-up QR code as inline SVG (qrcode, pure Python: no Pillow, no request).

Inline, so the secret never travels in a URL of its own; plain paths and fill
attributes, no style attribute, so the strict Content-Security-Policy holds.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    image = qrcode.make(
        data, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=12
    )
    svg = image.to_string(encoding="unicode")
    # qrcode writes the SVG itself from `data` (an otpauth:// URL it encodes as
    # modules, never as text), so the markup is safe to put in the page.
    return mark_safe(svg)  # noqa: S308


def readable_secret(device) -> str:
    """The secret in base32, in groups of four, for typing into the app."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
