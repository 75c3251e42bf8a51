# SPDX-License-Identifier: EUPL-1.2
"""Forms for the journal and referrals."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateField, DateInput, Form
from eenplan.organisations.models import Organisation

from .domain import answer_by_range


class JournalForm(Form):
    text = forms.CharField(
        label=_("Report"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    confidential = forms.BooleanField(
        label=_("Confidential: only for colleagues of my organisation"),
        required=False,
        help_text=_("For professional secrecy, for example in mental health care."),
    )


class ReferralForm(Form):
    to_organisation = forms.ModelChoiceField(
        label=_("To organisation"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "Organisations with an intake for the household's team. The referral "
            "reaches that intake, not everyone who works there."
        ),
    )
    question = forms.CharField(
        label=_("Question to the organisation"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the household needs that this organisation can offer."),
    )
    tried = forms.CharField(
        label=_("What has been tried already"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("So the household does not have to tell it again."),
    )
    recommendation = forms.CharField(
        label=_("Your advice"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answer_by = DateField(
        label=_("Answer by"),
        widget=DateInput,
        help_text=_(
            "The organisation accepts, or declines with a reason and advice, by "
            "this date; later, it shows as overdue to the team leader."
        ),
    )

    def __init__(self, *args, case, **kwargs):
        kwargs.setdefault(
            "date_ranges", {"answer_by": answer_by_range(timezone.localdate())}
        )
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(
            intake_points__team_id=case.team_id
        ).distinct()


class AnswerForm(Form):
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Accept")), ("no", _("Decline"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    role = forms.CharField(
        label=_("Your role in the case"),
        required=False,
        max_length=100,
        help_text=_("When you accept."),
    )
    reason = forms.CharField(
        label=_("Reason for a third professional at the kitchen table"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "When you accept and two professionals already work with the household."
        ),
    )
    decline_reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    advice = forms.CharField(
        label=_("Advice: where can the household go instead?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
