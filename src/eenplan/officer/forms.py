# SPDX-License-Identifier: EUPL-1.2
"""Forms of the privacy officer's pages: find a person, change a retention period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import Form
from eenplan.privacy.models import RetentionPolicy


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
