# SPDX-License-Identifier: EUPL-1.2
"""Template helpers: form fields in NL Design System markup."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/field.html")
def field(bound_field, hint=""):
    return {"field": bound_field, "hint": hint or bound_field.help_text}


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def get_choice_label(choices, value):
    """The label of `value` in a list of (value, label) choices."""
    return dict(choices).get(value, value)


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return None


@register.filter
def json_script_chart(chart, element_suffix):
    """The radar chart's data as a JSON script element: no inline JavaScript."""
    from django.utils.html import json_script

    data = {"labels": chart["labels"], "series": chart["series"]}
    return json_script(data, f"zrm-data-{element_suffix}")


@register.simple_tag
def submit_once():
    """The hidden token of a create form (see core.once): sent twice, saved once."""
    from django.utils.html import format_html

    from eenplan.core import once

    return format_html(
        '<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_token()
    )
