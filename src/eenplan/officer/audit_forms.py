# SPDX-License-Identifier: EUPL-1.2
"""Filters of the privacy officer's audit page, and the person search behind them.

The filters travel in the URL (GET), so they hold identifiers only: a
person's UUID, a user's UUID, an organisation's UUID, dates. Names, dates of
birth and BSNs are only ever POSTed, to the person search, which turns them
into a person UUID.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from eenplan.audit.models import AuditEntry
from eenplan.core.forms import DateField, DateInput, Form, LongSelect
from eenplan.organisations.models import Organisation


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class FilterForm(Form):
    person = forms.UUIDField(required=False, widget=forms.HiddenInput)
    user = UserChoiceField(
        label=_("User"),
        # Only what the option shows: a thousand staff members are a thousand rows.
        queryset=get_user_model()
        .objects.only("uuid", "username", "first_name", "last_name")
        .order_by("last_name", "first_name"),
        to_field_name="uuid",
        required=False,
        empty_label=_("Everyone"),
        widget=LongSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="uuid",
        required=False,
        empty_label=_("All organisations"),
    )
    date_from = DateField(label=_("From"), required=False, widget=DateInput)
    date_to = DateField(label=_("To"), required=False, widget=DateInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *AuditEntry.Outcome.choices],
    )
    break_glass = forms.BooleanField(
        label=_("Only break-the-glass access"), required=False
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data
