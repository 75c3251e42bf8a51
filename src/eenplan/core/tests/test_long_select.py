# SPDX-License-Identifier: EUPL-1.2
"""LongSelect: Django's select markup, rendered without a template per option."""

import re

import pytest
from django import forms

from eenplan.core.forms import LongSelect

CHOICES = [("", "Iedereen"), ("a&b", 'Jan <de> "Vries"'), ("2", "Piet")]
ATTRS = {"class": "utrecht-select", "id": "id_user", "required": True}


def _squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", ["", "a&b", "2", None, "missing"])
def test_it_renders_what_djangos_select_renders(value):
    django = forms.Select(choices=CHOICES, attrs=ATTRS).render("user", value)
    ours = LongSelect(choices=CHOICES, attrs=ATTRS).render("user", value)
    assert ours == _squeezed(django)


def test_it_escapes_labels_and_values_and_marks_the_chosen_one():
    html = LongSelect(choices=CHOICES).render("user", "a&b")
    assert '<option value="a&amp;b" selected>Jan &lt;de&gt; &quot;Vries&quot;' in html
    assert html.count("selected") == 1


def test_it_refuses_option_groups_it_cannot_render():
    grouped = [("Team", [("1", "Een")])]
    with pytest.raises(ValueError):
        LongSelect(choices=grouped).render("user", "1")
