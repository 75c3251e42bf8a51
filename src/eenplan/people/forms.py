# SPDX-License-Identifier: EUPL-1.2
"""Forms to find and register persons and households."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.bsn import normalise_bsn, validate_bsn
from eenplan.core.forms import DateField, DateInput, Form

from . import domain
from .domain import birth_date_range
from .models import HouseholdMember

POSTCODE_RE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")


def clean_postcode(value: str) -> str:
    value = (value or "").strip()
    if value and not POSTCODE_RE.match(value):
        raise forms.ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, like 2611 AB.")
        )
    return value.replace(" ", "").upper()


class BsnField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 11)
        kwargs.setdefault("label", _("BSN"))
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        value = normalise_bsn(super().clean(value))
        if value:
            validate_bsn(value)
        return value


class NameSearchField(forms.CharField):
    """A name to search for; see `refuse_a_name_too_short`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Name"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        hint = _(
            "At least three letters of a name, such as ‘Jan’ or ‘Vries’, unless "
            "you also give a date of birth, postcode or BSN."
        )
        kwargs.setdefault("help_text", hint)
        super().__init__(**kwargs)


NARROWING = ("birth_date", "postcode", "bsn")  # indexed criteria beside a name


def refuse_a_name_too_short(form: forms.Form, data: dict) -> None:
    """A name alone needs a word of three letters (people.domain)."""
    name = data.get("name")
    narrowed = any(data.get(key) for key in NARROWING)
    if name and not domain.searchable_name(name, narrowed):
        form.add_error(
            "name",
            forms.ValidationError(
                _(
                    "Type at least three letters of a name, such as ‘Jan’ or "
                    "‘Vries’, or add a date of birth: shorter parts would match "
                    "almost everyone."
                ),
                code="name_too_short",
            ),
        )


class SearchForm(Form):
    """Find a known household: every field is optional, all given ones must match."""

    name = NameSearchField()
    birth_date = DateField(label=_("Date of birth"), required=False, widget=DateInput)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    house_number = forms.IntegerField(
        label=_("House number"), required=False, min_value=1, max_value=99999
    )
    bsn = BsnField(required=False)

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        refuse_a_name_too_short(self, data)
        # A field refused for what was typed in it is not an empty form.
        if not self.errors and not any(data.get(key) for key in self.fields):
            raise forms.ValidationError(
                _("Fill in at least one field: name, date of birth, address or BSN.")
            )
        return data


class HouseholdForm(Form):
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    house_number = forms.IntegerField(
        label=_("House number"), min_value=1, max_value=99999
    )
    house_number_suffix = forms.CharField(
        label=_("Suffix"), required=False, max_length=10
    )
    street = forms.CharField(label=_("Street"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, empty_label=None)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data["postcode"])


PHONE_RE = re.compile(r"^\+?[0-9(][0-9 ()-]{7,18}[0-9]$")


def clean_phone(value: str) -> str:
    """A Dutch or international phone number: digits, spaces, dashes, brackets,
    optionally a leading +; 10 to 15 digits."""
    value = (value or "").strip()
    digits = sum(ch.isdigit() for ch in value)
    if value and (not PHONE_RE.match(value) or not 10 <= digits <= 15):
        raise forms.ValidationError(
            _("Enter a phone number of 10 digits, like 06 12345678 or 070 1234567.")
        )
    return value


class PersonForm(Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    birth_date = DateField(label=_("Date of birth"), widget=DateInput)
    relation = forms.ChoiceField(
        label=_("Relation in the household"),
        choices=[("", "—"), *HouseholdMember.Relation.choices],
    )
    bsn = BsnField(required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "date_ranges", {"birth_date": birth_date_range(timezone.localdate())}
        )
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel"}
        )

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])


class BasePersonFormSet(forms.BaseFormSet):
    # Django's own Dutch text here reads "Verstuur minimaal 1formulier.".
    default_error_messages = {
        "too_few_forms": _("Register at least one person of the household."),
        "too_many_forms": _("Register at most %(num)d persons at a time."),
    }

    def clean(self):
        super().clean()
        bsns = [f.cleaned_data.get("bsn") for f in self.forms if f.cleaned_data]
        bsns = [b for b in bsns if b]
        if len(bsns) != len(set(bsns)):
            raise forms.ValidationError(_("Two people cannot have the same BSN."))


PersonFormSet = forms.formset_factory(
    PersonForm,
    formset=BasePersonFormSet,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=12,
    validate_max=True,
)


class PersonLookupForm(Form):
    """Find one person by name, date of birth or BSN; POSTed, never in a URL.

    For the privacy officer, who looks up a person (for the audit trail or a
    data export) rather than a household.
    """

    name = NameSearchField()
    birth_date = DateField(label=_("Date of birth"), required=False, widget=DateInput)
    bsn = BsnField(required=False)

    def clean(self):
        data = super().clean()
        refuse_a_name_too_short(self, data)
        if not self.errors and not any(data.get(key) for key in self.fields):
            raise forms.ValidationError(
                _("Fill in at least one field: name, date of birth or BSN.")
            )
        return data
