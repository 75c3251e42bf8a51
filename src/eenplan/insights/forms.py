# SPDX-License-Identifier: EUPL-1.2
"""The filters of the steering information: period, team, area, organisation."""

import datetime

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateField, Form
from eenplan.organisations.models import Organisation, Team

from .figures import Scope

LONGEST = datetime.timedelta(days=3 * 366)


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last full quarter and the running one: about six months."""
    quarter_start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    previous = (quarter_start - datetime.timedelta(days=1)).replace(day=1)
    start = previous.replace(month=3 * ((previous.month - 1) // 3) + 1)
    return start, today


class FilterForm(Form):
    start = DateField(label=_("From"))
    end = DateField(label=_("Until"))
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        to_field_name="uuid",
    )
    area = forms.CharField(
        label=_("Postcode area"),
        max_length=4,
        required=False,
        validators=[RegexValidator(r"^\d{4}$", _("Give four digits, like 2611."))],
        help_text=_("The four digits of a postcode."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        to_field_name="uuid",
        help_text=_("Cases it directs or has a professional in."),
    )

    def __init__(self, data=None, **kwargs):
        start, end = default_period(timezone.localdate())
        if data is not None and not any(
            data.get(k) for k in ("start", "end", "team", "area", "organisation")
        ):
            data = None  # no filter given: the defaults
        super().__init__(data, initial={"start": start, "end": end}, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The period ends before it starts."))
            elif end - start > LONGEST:
                self.add_error("end", _("Choose a period of at most three years."))
        return data

    def scope(self) -> Scope:
        """The scope of a valid form, or the default period when not bound."""
        if not self.is_bound:
            return Scope(self.initial["start"], self.initial["end"])
        data = self.cleaned_data
        return Scope(
            data["start"],
            data["end"],
            team_id=data["team"].pk if data.get("team") else None,
            area=data.get("area", ""),
            organisation_id=data["organisation"].pk
            if data.get("organisation")
            else None,
        )


class QuarterForm(Form):
    """An organisation and a quarter, for its accountability report."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="uuid",
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2199)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)], coerce=int
    )

    def period(self) -> tuple[datetime.date, datetime.date]:
        year, quarter = self.cleaned_data["year"], self.cleaned_data["quarter"]
        start = datetime.date(year, 3 * quarter - 2, 1)
        following = (
            datetime.date(year + 1, 1, 1)
            if quarter == 4
            else datetime.date(year, 3 * quarter + 1, 1)
        )
        return start, following - datetime.timedelta(days=1)

    def scope(self) -> Scope:
        start, end = self.period()
        return Scope(start, end, organisation_id=self.cleaned_data["organisation"].pk)
