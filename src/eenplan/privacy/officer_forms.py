# SPDX-License-Identifier: EUPL-1.2
"""Forms of the privacy officer's pages: find a person, change a retention period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.bsn import normalise_bsn, validate_bsn
from eenplan.core.forms import DateInput, Form

from .models import RetentionPolicy


class PersonFindForm(Form):
    """Find the person a request for access is about; POSTed, never in a URL."""

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=DateInput
    )
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=11)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bsn"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off"}
        )

    def clean_bsn(self):
        value = normalise_bsn(self.cleaned_data["bsn"])
        if value:
            validate_bsn(value)
        return value

    def clean(self):
        data = super().clean()
        if not any(data.get(key) for key in self.fields):
            raise forms.ValidationError(
                _("Fill in at least one field: name, date of birth or BSN.")
            )
        return data


class RetentionPolicyForm(Form):
    years = forms.IntegerField(
        label=_("Retention period in years"),
        min_value=0,
        max_value=RetentionPolicy.MAX_YEARS,
    )
    trigger = forms.ChoiceField(label=_("Counted from"), widget=forms.RadioSelect)
    basis = forms.CharField(
        label=_("Basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The selection list category or law the period follows."),
    )

    def __init__(self, *args, record_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = RetentionPolicy.TRIGGERS[RetentionPolicy.RecordType(record_type)]
        self.fields["trigger"].choices = [(t.value, t.label) for t in allowed]
