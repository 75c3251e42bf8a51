# SPDX-License-Identifier: EUPL-1.2
"""The weekly time registration: direct hours per case, indirect hours by kind,
for one week in one team. Entering a week takes one form."""

import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eenplan import audit
from eenplan.access.actions import Action
from eenplan.access.views import action_view, call_service
from eenplan.cases import services as case_services
from eenplan.cases.models import TimeEntry
from eenplan.core.forms import DateField, Form
from eenplan.core.once import submitted_once
from eenplan.organisations.models import Team
from eenplan.people.models import HouseholdMember

HOURS = {
    "required": False,
    "min_value": Decimal("0"),
    "max_value": Decimal("80"),
    "decimal_places": 2,
    "max_digits": 5,
    "widget": forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
}


class HoursField(forms.DecimalField):
    """Hours as typed in Dutch (5,5) or with a point (5.5)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class WeekForm(Form):
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.none(),
        to_field_name="uuid",
        empty_label=None,
    )
    week = DateField(
        label=gettext_lazy("A day of the week"),
        help_text=gettext_lazy(
            "The week from its Monday; this week or an earlier one."
        ),
    )

    def __init__(self, *args, teams, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.cases = cases
        for case in cases:
            self.fields[f"case-{case.uuid}"] = HoursField(
                label=case.household.address, **HOURS
            )
        for kind, label in TimeEntry.Kind.choices:
            if kind != TimeEntry.Kind.DIRECT:
                self.fields[f"kind-{kind}"] = HoursField(label=label, **HOURS)
        self.style_fields(self.fields.values())

    def direct(self) -> dict:
        return {
            c.pk: self.cleaned_data.get(f"case-{c.uuid}")
            for c in self.cases
            if self.cleaned_data.get(f"case-{c.uuid}")
        }

    def indirect(self) -> dict:
        return {
            kind: self.cleaned_data.get(f"kind-{kind}")
            for kind in TimeEntry.Kind.values
            if kind != TimeEntry.Kind.DIRECT and self.cleaned_data.get(f"kind-{kind}")
        }


@action_view(Action.STAFF_USE)
@require_http_methods(["GET", "POST"])
@submitted_once
def time_week(request):
    """My hours of a week: per case I work on, and indirect time by kind."""
    actor = request.actor
    teams = Team.objects.filter(pk__in=actor.team_ids()).order_by("name")
    asked = _uuid(request.POST.get("team") or request.GET.get("team"))
    chosen = teams.filter(uuid=asked).first() if asked else None
    team = chosen or teams.first()
    cases = case_services.time_cases(actor=actor, team_id=team.pk) if team else []
    today = timezone.localdate()
    week = case_services.week_of(_day(request.GET.get("week")) or today)
    entries = TimeEntry.objects.filter(
        professional_id=actor.user_id, team=team, week=week
    )
    initial = {"team": team.uuid if team else None, "week": week}
    by_case = {c.pk: c for c in cases}
    for entry in entries:
        if entry.case_id in by_case:
            initial[f"case-{by_case[entry.case_id].uuid}"] = entry.hours.normalize()
        elif entry.kind != TimeEntry.Kind.DIRECT:
            initial[f"kind-{entry.kind}"] = entry.hours.normalize()
    form = WeekForm(request.POST or None, initial=initial, teams=teams, cases=cases)
    # The cases are listed by their address: basic data of their households.
    if cases:
        audit.record(
            actor=actor,
            action=Action.WORK_VIEW,
            persons=HouseholdMember.objects.filter(
                household_id__in=[c.household_id for c in cases], until__isnull=True
            ).values_list("person_id", flat=True),
        )
    if request.method == "POST" and form.is_valid():
        written = call_service(
            form,
            case_services.time_week_record,
            actor=actor,
            team_id=form.cleaned_data["team"].pk,
            week=form.cleaned_data["week"],
            direct=form.direct(),
            indirect=form.indirect(),
        )
        if written is not None:
            messages.success(request, _("Your hours of the week have been saved."))
            monday = case_services.week_of(form.cleaned_data["week"])
            return redirect(f"{request.path}?week={monday:%Y-%m-%d}")
    return render(
        request,
        "workspace/time_week.html",
        {
            "form": form,
            "week": week,
            "case_fields": [form[f"case-{c.uuid}"] for c in cases],
            "kind_fields": [
                form[f"kind-{k}"] for k in TimeEntry.Kind.values if k != "direct"
            ],
            "nav": "time",
        },
    )


def _uuid(text):
    import uuid

    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None


def _day(text):
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return None
