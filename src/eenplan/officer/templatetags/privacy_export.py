# SPDX-License-Identifier: EUPL-1.2
"""Template helpers of the data export: dates a machine and a person can read."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

register = template.Library()


@register.filter
def moment(value):
    """A date or time as `<time>`: ISO 8601 in `datetime`, readable Dutch text."""
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
        return format_html(
            '<time datetime="{}">{}</time>',
            value.isoformat(),
            formats.date_format(value, "DATETIME_FORMAT"),
        )
    return format_html(
        '<time datetime="{}">{}</time>',
        value.isoformat(),
        formats.date_format(value, "DATE_FORMAT"),
    )
