# SPDX-License-Identifier: EUPL-1.2
"""How a figure's value reads on a page: numbers in the Dutch way, with
thousands grouped ("1.118.291,83"); text as it is."""

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def figure_value(value):
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, Decimal):
        # As many decimals as computed: euros 2, shares and FTE 1.
        places = max(0, -int(value.as_tuple().exponent))
    else:
        places = 0 if isinstance(value, int) else 1
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)
