# SPDX-License-Identifier: EUPL-1.2
"""Labels say exactly when a field is required.

Issue 8: fields were marked "(niet verplicht)" above a help text saying
"Verplicht als ...". A field required under a condition says that condition
in its label instead, and no help text contradicts the label.
"""

import importlib

import pytest
from django import forms
from django.apps import apps
from django.template.loader import render_to_string
from django.utils import translation

from eenplan.cases.forms import CloseForm


def _form_classes():
    for config in apps.get_app_configs():
        if not config.name.startswith("eenplan."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield value


FORMS = sorted(_form_classes(), key=lambda form: form.__qualname__)


def test_every_form_of_the_project_is_checked():
    assert len(FORMS) > 20


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__qualname__)
def test_no_optional_field_says_it_is_required_in_its_help_text(form_class):
    with translation.override("en"):
        contradicting = [
            name
            for name, field in form_class.base_fields.items()
            if not field.required
            and not getattr(field, "required_when", None)
            and "required" in str(field.help_text).lower()
        ]
    assert contradicting == []


def _label_of(form, name):
    return render_to_string("includes/field.html", {"field": form[name], "hint": ""})


def test_a_conditionally_required_field_says_when_not_optional():
    form = CloseForm()
    with translation.override("nl"):
        label = _label_of(form, "note")
    assert "niet verplicht" not in label
    assert "verplicht als de reden" in label


def test_an_optional_field_still_says_optional():
    class Example(forms.Form):
        remark = forms.CharField(label="Opmerking", required=False)

    with translation.override("nl"):
        label = _label_of(Example(), "remark")
    assert "(niet verplicht)" in label
