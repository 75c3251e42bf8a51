# SPDX-License-Identifier: EUPL-1.2
"""Forms of the privacy officer's pages: a request for access, a retention period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateField, DateInput, Form, required_when
from eenplan.privacy import domain
from eenplan.privacy.errors import ExportNoteRequired, ExportRequesterNameRequired
from eenplan.privacy.models import ExportRequest, RetentionPolicy


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


class ExportRequestForm(Form):
    """Registering a request for access: who asked, when, identity, ground."""

    requester = forms.ChoiceField(
        label=_("Who asked"),
        choices=ExportRequest.Requester.choices,
        widget=forms.RadioSelect,
    )
    requester_name = required_when(
        forms.CharField(
            label=_("Name of who asked"),
            max_length=200,
            help_text=_(
                "The representative, the lawyer or the authority, with its case number."
            ),
        ),
        _("required when it is not the person themselves"),
    )
    received_on = DateField(label=_("Received on"), widget=DateInput)
    identity_check = forms.ChoiceField(
        label=_("How the identity was checked"),
        choices=ExportRequest.IdentityCheck.choices,
        widget=forms.RadioSelect,
        help_text=_("Do not keep a copy of the identity document."),
    )
    ground = forms.ChoiceField(
        label=_("Legal ground"),
        choices=ExportRequest.Ground.choices,
        widget=forms.RadioSelect,
    )
    note = required_when(
        forms.CharField(
            label=_("Note"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
        _('required for "otherwise" and "another ground"'),
    )

    def clean(self):
        data = super().clean()
        if domain.export_requester_name_required(data.get("requester", "")):
            self.require("requester_name", ExportRequesterNameRequired.message)
        if domain.export_note_required(
            data.get("identity_check", ""), data.get("ground", "")
        ):
            self.require("note", ExportNoteRequired.message)
        return data


class HandOverForm(Form):
    handed_over_on = DateField(label=_("Handed over on"), widget=DateInput)
