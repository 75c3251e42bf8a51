# SPDX-License-Identifier: EUPL-1.2
"""The ZRM form: one level 1–5 per active life domain."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateField, DateInput, Form

from .models import Level, LifeDomain


class ZrmForm(Form):
    assessed_on = DateField(label=_("Assessed on"), widget=DateInput)

    def __init__(self, *args, domains=None, levels=None, with_date=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_date:
            del self.fields["assessed_on"]
        self.domains = (
            domains
            if domains is not None
            else list(LifeDomain.objects.filter(active=True))
        )
        levels = levels if levels is not None else list(Level.objects.all())
        choices = [("", "—")] + [(lv.value, f"{lv.value} {lv.name}") for lv in levels]
        for domain in self.domains:
            self.fields[f"domain_{domain.code}"] = forms.TypedChoiceField(
                label=domain.name, choices=choices, coerce=int
            )

    def domain_fields(self):
        return [self[f"domain_{d.code}"] for d in self.domains]

    def scores(self) -> dict:
        return {d: self.cleaned_data[f"domain_{d.code}"] for d in self.domains}
