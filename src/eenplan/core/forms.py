# SPDX-License-Identifier: EUPL-1.2
"""Form helpers: NL Design System (Utrecht) classes on every widget."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .dates import EARLIEST, LATEST, DateRange

ANY_DATE = DateRange(EARLIEST, LATEST)

# Most specific first: CheckboxSelectMultiple is a RadioSelect to Django, and
# both are Selects.
WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Select: "utrecht-select utrecht-select--html-select",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def required_when(field: forms.Field, condition) -> forms.Field:
    """A field that is required only under a condition the form checks.

    Its label says exactly when ("required when ..."), instead of "(optional)"
    above a help text that contradicts it. The form's clean() enforces it.
    """
    field.required = False
    field.widget.is_required = False
    field.required_when = condition
    return field


class DateField(forms.DateField):
    """A date typed as dd-mm-jjjj, from 1900 to 2199 whatever the form: the
    domain's own range for the field (`DateRangesMixin`) narrows it further."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and value not in ANY_DATE:
            raise forms.ValidationError(ANY_DATE.message(), code="date_out_of_range")


# The integers a database column of primary keys holds (64 bits, signed).
PK_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but a number no primary key can be (23 digits) is an invalid
    choice like any other, not an OverflowError in the database driver."""

    def _check_values(self, value):
        field = self.to_field_name or "pk"
        if field == "pk" and self.queryset.model._meta.pk.get_internal_type() in {
            "AutoField",
            "BigAutoField",
            "IntegerField",
            "BigIntegerField",
        }:
            for item in value if isinstance(value, list | tuple) else [value]:
                try:
                    number = int(str(item))
                except (TypeError, ValueError):
                    continue  # Django's own check says what is wrong with it
                if number not in PK_RANGE:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": "…"},
                    )
        return super()._check_values(value)


class LongSelect(forms.Select):
    """A select of many options (every staff member), rendered in Python.

    Django renders each <option> through a template of its own: for a list of
    a thousand staff members that alone took 150 ms of a page
    (docs/performance.md). Same markup and escaping, one string join; no
    option groups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                raise ValueError("LongSelect renders no option groups")
            text = "" if option_value is None else str(option_value)
            selected = " selected" if text in chosen else ""
            options.append(
                f'<option value="{escape(text)}"{selected}>{escape(label)}</option>'
            )
        final = flatatt(self.build_attrs(self.attrs, attrs))
        # Every value and label is escaped above.
        return mark_safe(  # noqa: S308
            f'<select name="{escape(name)}"{final}>{"".join(options)}</select>'
        )


class DateInput(forms.DateInput):
    """A date typed as dd-mm-jjjj: the one format Eenplan shows, whatever the
    browser's own date picker would show (conf/formats/)."""

    input_type = "text"

    def __init__(self, attrs=None):
        attrs = {
            "placeholder": _("dd-mm-yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "size": 10,
            **(attrs or {}),
        }
        super().__init__(attrs, format="%d-%m-%Y")


class StyledFormMixin:
    """Adds Utrecht classes, aria-required, and aria-invalid on fields with errors.

    The HTML `required` attribute is left out: the theme styles `:invalid`
    fields as errors, which would mark every empty required field red before
    the user typed anything. Required is announced with aria-required and
    optional fields say so in their label.
    """

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_fields(self.fields.values())

    def style_fields(self, fields) -> None:
        """Style `fields`; a form that adds fields in its own __init__ styles those."""
        for field in fields:
            widget = field.widget
            if field.required:
                widget.attrs["aria-required"] = "true"
            css = next(
                (c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)),
                TEXTBOX,
            )
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            if isinstance(field, forms.ModelChoiceField) and field.empty_label == (
                "---------"
            ):
                # Django's dashes say nothing: an empty choice says to choose.
                field.empty_label = _("Choose …")

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class DateRangesMixin:
    """Checks date fields against the ranges of the domain (`date_ranges`, a
    field name → `core.dates.DateRange` given by the view), beside the field."""

    def __init__(self, *args, date_ranges=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_ranges = dict(date_ranges or {})

    def clean(self):
        data = super().clean()
        for name, allowed in self.date_ranges.items():
            value = data.get(name)
            if value is not None and value not in allowed:
                self.add_error(name, allowed.message())
        return data


class Form(DateRangesMixin, StyledFormMixin, forms.Form):
    def require(self, name: str, message) -> None:
        """A field required under a condition (see `required_when`), checked in
        clean(): empty is an error, unless the field has an error already
        (too long, not a date): that one is the error to show."""
        if name not in self.errors and not self.cleaned_data.get(name):
            self.add_error(name, message)


class ModelForm(StyledFormMixin, forms.ModelForm):
    pass
