# SPDX-License-Identifier: EUPL-1.2
"""Forms to write the plan with the household, agree it and review it."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Level, LifeDomain
from eenplan.core.forms import DateField, DateInput, Form
from eenplan.organisations.models import Organisation
from eenplan.services import selectors as catalogue

from . import domain
from .errors import OfferOrService
from .models import Action, GoalProgress, Plan


class LockedForm(Form):
    """Carries the plan's lock version, so a change on a stale page is refused."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class GoalForm(LockedForm):
    domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.objects.filter(active=True)
    )
    description = forms.CharField(
        label=_("Goal in the household's own words"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # Most goals aim at "sufficiently self-reliant" (level 4).
    target_level = forms.TypedChoiceField(
        label=_("Target level"), coerce=int, choices=(), initial=4
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_level"].choices = [
            (lv.value, f"{lv.value} {lv.name}") for lv in Level.objects.all()
        ]


class ActionForm(LockedForm):
    goal = forms.ModelChoiceField(label=_("For goal"), queryset=None, required=False)
    description = forms.CharField(
        label=_("What"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    performer_kind = forms.ChoiceField(
        label=_("Who does it"),
        choices=Action.PerformerKind.choices,
        widget=forms.RadioSelect,
    )
    performer = forms.CharField(label=_("Name of who does it"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("When a professional or organisation does it."),
    )
    due_on = DateField(label=_("When"), widget=DateInput)
    offer = forms.ModelChoiceField(
        label=_("Offer of the social map"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        help_text=_("A free local offer in the household's area."),
    )
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        help_text=_("A service to grant once the plan is agreed."),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["offer"].queryset = catalogue.offers_in_area(
            team_id=plan.case.team_id
        ).order_by("name")
        self.fields["service"].queryset = (
            catalogue.services_offered().select_related("provider").order_by("name")
        )
        self.fields["service"].label_from_instance = lambda s: (
            f"{s.name} ({s.provider})"
        )
        self.style_fields([self.fields["offer"], self.fields["service"]])

    def clean(self):
        data = super().clean()
        if data.get("offer") and data.get("service"):
            self.add_error("service", OfferOrService.message)
        return data


class AgreeForm(LockedForm):
    agreed_on = DateField(label=_("Agreed on"), widget=DateInput)
    agreed_how = forms.ChoiceField(
        label=_("How"), choices=Plan.AgreedHow.choices, widget=forms.RadioSelect
    )
    agreed_with = forms.CharField(label=_("With whom of the household"), max_length=300)
    next_review_due = DateField(
        label=_("Next review"),
        widget=DateInput,
        help_text=_("At most six weeks after the agreement."),
    )

    def clean(self):
        data = super().clean()
        agreed_on, due = data.get("agreed_on"), data.get("next_review_due")
        if agreed_on and due and not domain.review_date_allowed(agreed_on, due):
            self.add_error(
                "next_review_due",
                _("Plan the review between %(start)s and %(end)s.")
                % {
                    "start": agreed_on.strftime("%d-%m-%Y"),
                    "end": domain.latest_review_date(agreed_on).strftime("%d-%m-%Y"),
                },
            )
        return data


class ReviewForm(Form):
    held_on = DateField(label=_("Held on"), widget=DateInput)
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"progress_{goal.uuid}"] = forms.ChoiceField(
                label=_("Progress"),
                choices=[("", "—"), *GoalProgress.Progress.choices],
            )
            self.fields[f"note_{goal.uuid}"] = forms.CharField(
                label=_("Note"), required=False, max_length=1000
            )

    def goal_rows(self):
        return [
            (goal, self[f"progress_{goal.uuid}"], self[f"note_{goal.uuid}"])
            for goal in self.goals
        ]

    def progress(self) -> dict:
        return {
            goal: (
                self.cleaned_data[f"progress_{goal.uuid}"],
                self.cleaned_data[f"note_{goal.uuid}"],
            )
            for goal in self.goals
        }


def default_review_date(agreed_on: datetime.date) -> datetime.date:
    return domain.latest_review_date(agreed_on)


class AssignForm(Form):
    """To whom an action goes: a partner organisation's intake for the team, or
    a named professional (involved in the case, or of the case's team)."""

    to = forms.ChoiceField(
        label=_("Assign to"),
        help_text=_(
            "An organisation's intake picks it up and names who does it; a "
            "professional gets it on their own work list."
        ),
    )

    def __init__(self, *args, organisations, professionals, **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations = {str(o.uuid): o for o in organisations}
        self._professionals = {str(u.uuid): u for u in professionals}
        self.fields["to"].choices = [("", _("Choose…"))] + [
            (
                _("Intake of an organisation"),
                [
                    (f"org:{key}", _("%(org)s (its intake for the team)") % {"org": o})
                    for key, o in self._organisations.items()
                ],
            ),
            (
                _("A professional"),
                [
                    (f"user:{key}", f"{u.get_full_name()}, {u.organisation}")
                    for key, u in self._professionals.items()
                ],
            ),
        ]

    def clean(self):
        data = super().clean()
        kind, _sep, key = data.get("to", "").partition(":")
        if kind == "org" and key in self._organisations:
            data["organisation"], data["professional"] = self._organisations[key], None
        elif kind == "user" and key in self._professionals:
            user = self._professionals[key]
            data["organisation"], data["professional"] = user.organisation, user
        else:
            self.add_error("to", _("Choose an organisation or a professional."))
        data.pop("to", None)
        return data


class AssignmentAnswerForm(Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Accept: we do it")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignmentReportForm(Form):
    reported_on = DateField(label=_("Date"), widget=DateInput)
    text = forms.CharField(
        label=_("What happened"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_result = forms.BooleanField(
        label=_("This is the result: the action is done"), required=False
    )
