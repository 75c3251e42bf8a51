# SPDX-License-Identifier: EUPL-1.2
"""Forms for requests, screening and the triage decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.assessments.models import Level, LifeDomain
from eenplan.core.forms import (
    DateField,
    DateInput,
    Form,
    ModelMultipleChoiceField,
    required_when,
)
from eenplan.organisations.models import Organisation, Team
from eenplan.people.models import Person
from eenplan.privacy.models import DataCategory, LegalBasis
from eenplan.services import selectors as catalogue
from eenplan.services.models import Offer

from .domain import received_on_range
from .errors import (
    OverrideNeedsReason,
    ReturnNeedsReasonAndAdvice,
    SolvedAtDoorNeedsWhat,
    SolvedOfferNotNamed,
    TargetRequired,
)
from .models import Outcome, Request, TriageDecision


class RequestForm(Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Request.Channel.choices, widget=forms.RadioSelect
    )
    referrer = required_when(
        forms.CharField(
            label=_("Referrer"),
            max_length=200,
            help_text=_("Who referred the household: a GP, a school, a neighbour."),
        ),
        _("required when the channel is ‘Referrer’"),
    )
    received_on = DateField(label=_("Received on"), widget=DateInput)
    question = forms.CharField(
        label=_("The question as asked"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In the resident's own words."),
    )
    underlying_need = forms.CharField(
        label=_("The question behind the question"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the resident really needs, as far as you can tell now."),
    )
    persons = ModelMultipleChoiceField(
        label=_("People involved"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, household, **kwargs):
        kwargs.setdefault(
            "date_ranges",
            {"received_on": received_on_range(timezone.localdate())},
        )
        super().__init__(*args, **kwargs)

        self.fields["persons"].queryset = Person.objects.living_in(household)

    def clean(self):
        data = super().clean()
        if data.get("channel") == Request.Channel.REFERRER:
            self.require("referrer", _("Say who referred the household."))
        return data


class ScreeningForm(Form):
    """One optional level per life domain: only domains with a concern are scored."""

    safety_concerns = forms.BooleanField(
        label=_(
            "There are concerns about safety (of a child, partner or the resident)"
        ),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = list(LifeDomain.objects.filter(active=True))
        choices = [("", _("No concern"))] + [
            (level.value, f"{level.value} {level.name}")
            for level in Level.objects.all()
        ]
        for domain in self.domains:
            self.fields[f"domain_{domain.code}"] = forms.TypedChoiceField(
                label=domain.name,
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
            )
        # Domains first, then safety and notes.
        order = [f"domain_{d.code}" for d in self.domains] + [
            "safety_concerns",
            "notes",
        ]
        self.order_fields(order)

    def domain_fields(self):
        return [self[f"domain_{d.code}"] for d in self.domains]

    def levels(self) -> dict:
        return {
            domain: self.cleaned_data[f"domain_{domain.code}"]
            for domain in self.domains
            if self.cleaned_data.get(f"domain_{domain.code}")
        }


class TriageForm(Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    override_reason = required_when(
        forms.CharField(
            label=_("Reason for a different outcome from the one suggested"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        _("required when you do not follow the suggestion"),
    )
    target_team = forms.ModelChoiceField(
        label=_("To team"),
        queryset=Team.objects.all(),
        required=False,
        help_text=_("For one discipline: the team whose queue takes the request."),
    )
    target_organisation = forms.ModelChoiceField(
        label=_("Or to partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "Organisations with an intake for this team. Routing to an "
            "organisation outside the team rests on the consent of the people "
            "involved, or on a legal basis you record below."
        ),
    )
    basis_law = required_when(
        forms.ChoiceField(
            label=_("Legal basis for routing to the organisation"),
            choices=[
                ("", _("None: the people involved consented")),
                *LegalBasis.Law.choices,
            ],
        ),
        _(
            "required when you route to a partner organisation and not every "
            "person involved consented to sharing their request with it"
        ),
    )
    basis_categories = required_when(
        ModelMultipleChoiceField(
            label=_("Data the legal basis covers"),
            queryset=DataCategory.objects.all(),
            widget=forms.CheckboxSelectMultiple,
        ),
        _("required with a legal basis"),
    )
    basis_explanation = required_when(
        forms.CharField(
            label=_("Which statutory task, and why"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        _("required with a legal basis"),
    )

    solved_with = required_when(
        forms.ChoiceField(
            label=_("Solved at the door with"),
            choices=[("", "—"), *TriageDecision.SolvedWith.choices],
        ),
        _("required when the request is solved at the door"),
    )
    solved_note = required_when(
        forms.CharField(
            label=_("What the resident was given"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("The information, or which offer of the social map."),
        ),
        _("required when the request is solved at the door"),
    )

    solved_offer = required_when(
        forms.ModelChoiceField(
            label=_("Which offer of the social map"),
            queryset=Offer.objects.none(),
            to_field_name="uuid",
            help_text=_("Offers in the team's area and for the whole municipality."),
        ),
        _("required when an offer was given"),
    )

    def __init__(self, *args, suggested: str, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        self.fields["outcome"].initial = suggested
        self.fields["solved_offer"].queryset = catalogue.offers_in_area(
            team_id=request.team_id if request is not None else None
        ).order_by("name")
        if request is not None:
            self.fields["target_organisation"].queryset = Organisation.objects.filter(
                intake_points__team_id=request.team_id
            ).distinct()

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome and outcome != self.suggested:
            self.require("override_reason", OverrideNeedsReason.message)
        if outcome == Outcome.ONE_DISCIPLINE and not (
            data.get("target_team") or data.get("target_organisation")
        ):
            self.add_error(
                "target_team",
                TargetRequired.message,
            )
        if data.get("target_team") and data.get("target_organisation"):
            self.add_error(
                "target_organisation",
                _("Choose a team or an organisation, not both."),
            )
        if outcome == Outcome.SOLVED_AT_DOOR:
            self.require("solved_with", _("Choose what the resident was given."))
            self.require("solved_note", SolvedAtDoorNeedsWhat.message)
            if data.get("solved_with") == TriageDecision.SolvedWith.OFFER:
                self.require("solved_offer", SolvedOfferNotNamed.message)
        if data.get("basis_law"):
            self.require(
                "basis_categories", _("Choose the data the legal basis covers.")
            )
            self.require(
                "basis_explanation",
                _("Say which statutory task the routing rests on, and why."),
            )
        return data


class RoutedAnswerForm(Form):
    """The receiver of a routed request: pick it up, or send it back."""

    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[
            ("yes", _("Pick it up")),
            ("no", _("Send it back to the front desk")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = required_when(
        forms.CharField(
            label=_("Reason for sending it back"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        _("required when you send it back"),
    )
    advice = required_when(
        forms.CharField(
            label=_("Advice: where can the resident go instead?"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        _("required when you send it back"),
    )

    def clean(self):
        data = super().clean()
        if data.get("accept") is False:
            for name in ("reason", "advice"):
                self.require(name, ReturnNeedsReasonAndAdvice.message)
        return data
