# SPDX-License-Identifier: EUPL-1.2
"""Forms to search the catalogue and to grant, decide on, change or end a grant."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import LifeDomain
from eenplan.core.forms import DateField, Form, required_when
from eenplan.organisations.models import Team

from .errors import RefusalNeedsReason
from .models import Period, Service, Topic


class CatalogueForm(Form):
    """The search of the catalogue and the social map (GET: nothing personal)."""

    KINDS = [
        ("", _("Services and offers")),
        ("offers", _("Only the social map")),
        ("services", _("Only services")),
    ]

    q = forms.CharField(
        label=_("Words in the name"),
        max_length=100,
        required=False,
        help_text=_("For example: koffie, maatje, schuld."),
    )
    domain = forms.ModelChoiceField(
        label=_("Life domain"),
        queryset=LifeDomain.objects.filter(active=True),
        required=False,
        to_field_name="code",
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        to_field_name="code",
    )
    team = forms.ModelChoiceField(
        label=_("Area of the team"),
        queryset=Team.objects.all(),
        required=False,
        to_field_name="uuid",
        help_text=_("Offers in the team's area and for the whole municipality."),
    )
    kind = forms.ChoiceField(label=_("Show"), choices=KINDS, required=False)


UNITS = {
    "max_digits": 8,
    "decimal_places": 2,
    "min_value": Decimal("0.01"),
    "max_value": Decimal("9999"),
}


class TermsForm(Form):
    starts_on = DateField(label=_("From"))
    ends_on = DateField(
        label=_("Until"),
        required=False,
        help_text=_("Empty: until further notice."),
    )
    units = forms.DecimalField(label=_("Number of units"), **UNITS)
    period = forms.ChoiceField(label=_("Per"), choices=Period.choices)
    note = forms.CharField(
        label=_("Why (for the file)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end date lies before the start date."))
        return data


def _service_label(service: Service) -> str:
    return f"{service.name} ({service.provider.name}, {service.get_unit_display()})"


class GrantForm(TermsForm):
    person = forms.ModelChoiceField(
        label=_("For"), queryset=None, to_field_name="uuid", empty_label=None
    )
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), to_field_name="uuid"
    )
    field_order = ["person", "service", "starts_on", "ends_on", "units", "period"]

    def __init__(self, *args, persons, services, offered, **kwargs):
        """`services` to choose from (a list, grouped by legal framework as
        professionals look for them), `offered` the queryset that checks the
        choice."""
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        field = self.fields["service"]
        field.queryset = offered
        groups: dict[str, list] = {}
        for service in services:
            groups.setdefault(str(service.get_law_display()), []).append(
                (str(service.uuid), _service_label(service))
            )
        field.choices = [("", _("Choose …")), *groups.items()]


class ChangeForm(TermsForm):
    pass


class EndForm(Form):
    ends_on = DateField(label=_("Last day"))
    note = forms.CharField(
        label=_("Why (for the file)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecideForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = required_when(
        forms.CharField(
            label=_("Reason for refusing"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("The household reads this in the letter: in plain words."),
        ),
        _("required when refusing"),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse":
            self.require("reason", RefusalNeedsReason.message)
        return data
