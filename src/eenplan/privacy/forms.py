# SPDX-License-Identifier: EUPL-1.2
"""Forms for consent, legal bases and break-the-glass."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateField, DateInput, Form, ModelMultipleChoiceField
from eenplan.organisations.models import Organisation

from .models import BreakGlass, Consent, DataCategory, LegalBasis


class ConsentForm(Form):
    organisations = ModelMultipleChoiceField(
        label=_("Organisations that may receive data"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    categories = ModelMultipleChoiceField(
        label=_("Categories of data"),
        queryset=DataCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: working together on one plan for the household."),
    )
    given_on = DateField(label=_("Given on"), widget=DateInput)
    given_how = forms.ChoiceField(
        label=_("How"), choices=Consent.GivenHow.choices, widget=forms.RadioSelect
    )
    given_by = forms.ChoiceField(
        label=_("Given by"), choices=Consent.GivenBy.choices, widget=forms.RadioSelect
    )
    representative_name = forms.CharField(
        label=_("Name of the legal representative"),
        required=False,
        max_length=200,
        help_text=_("When a parent, guardian or other representative gave it."),
    )


class WithdrawForm(Form):
    """Confirming a withdrawal: who asked for it, when, and a note."""

    asked_by = forms.CharField(
        label=_("Who asked to withdraw it"),
        max_length=200,
        help_text=_("The person, or the name of their legal representative."),
    )
    asked_on = DateField(label=_("Asked on"), widget=DateInput)
    note = forms.CharField(
        label=_("Note on the withdrawal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How the request reached you, and anything the person added."),
    )


class LegalBasisForm(Form):
    law = forms.ChoiceField(
        label=_("Law"), choices=LegalBasis.Law.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation that may receive data"),
        queryset=Organisation.objects.all(),
    )
    categories = ModelMultipleChoiceField(
        label=_("Categories of data"),
        queryset=DataCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    explanation = forms.CharField(
        label=_("Which statutory task, and why"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BreakGlassForm(Form):
    reason = forms.CharField(
        label=_("Reason for emergency access"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=1000,
        help_text=_(
            "What is the emergency? The privacy officer reviews every emergency access."
        ),
    )


class ReviewForm(Form):
    """The privacy officer's verdict on one emergency access."""

    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=BreakGlass.Verdict.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Review note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What you checked, and for a not justified access: what follows."),
    )
