# SPDX-License-Identifier: EUPL-1.2
"""Forms to open, run and close a case."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eenplan.core.forms import DateField, DateInput, Form, required_when
from eenplan.organisations.models import Absence

from .errors import ClosureNoteRequired
from .models import Case, Handover, Intake


class DirectorForm(Form):
    director = forms.ModelChoiceField(label=_("Director (regisseur)"), queryset=None)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, directors, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["director"].queryset = get_user_model().objects.filter(
            pk__in=[d.pk for d in directors]
        )


class HandoverForm(DirectorForm):
    """A change of director is a hand-over: a note, and how the household hears
    who their new contact is."""

    note = forms.CharField(
        label=_("Hand-over note"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What is handed over and why: how the household is doing, what is "
            "agreed, what comes next."
        ),
    )
    household_told = forms.ChoiceField(
        label=_("How is the household told who their new contact is?"),
        choices=Handover.Told.choices,
        widget=forms.RadioSelect,
        help_text=_("A letter for the household can be printed from the case."),
    )
    field_order = ["director", "note", "household_told"]


class IntakeForm(Form):
    consent_answer = forms.ChoiceField(
        label=_(
            "Does the household consent to sharing data with partner organisations?"
        ),
        choices=Intake.ConsentAnswer.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The first question of the intake. Without consent or a legal "
            "basis, data does not leave the team."
        ),
    )
    held_on = DateField(label=_("Held on"), widget=DateInput)
    # The version of the intake the form was opened on (0: there was none).
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    underlying_need = forms.CharField(
        label=_("The question behind the question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the household really needs, found together in the intake."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CloseForm(Form):
    closed_on = DateField(label=_("Closed on"), widget=DateInput)
    reason = forms.ChoiceField(
        label=_("Reason for closure"),
        choices=Case.ClosureReason.choices,
        widget=forms.RadioSelect,
    )
    note = required_when(
        forms.CharField(
            label=_("Closing note"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
        _('required when the reason is "Other"'),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("reason") == Case.ClosureReason.OTHER:
            self.require("note", ClosureNoteRequired.message)
        return data


class InvolvementForm(Form):
    professional = forms.ModelChoiceField(label=_("Professional"), queryset=None)
    role = forms.CharField(
        label=_("Role in the case"),
        max_length=100,
        help_text=_("For example: debt counsellor, youth worker."),
    )
    reason = required_when(
        forms.CharField(
            label=_("Reason for a third professional"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "The aim is one, at most two professionals at the kitchen table."
            ),
        ),
        _("required when two professionals already work with the household"),
    )

    confirmed = forms.BooleanField(
        label=_("I have seen what this professional will not see, and add them anyway"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["professional"].queryset = (
            get_user_model()
            .objects.filter(memberships__isnull=False, is_active=True)
            .exclude(pk=case.director_id)
            .select_related("organisation")
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["professional"].label_from_instance = lambda user: (
            f"{user} ({user.organisation})" if user.organisation else str(user)
        )

    def ask_confirmation(self):
        """Show the confirmation box: something is not shared with the chosen
        professional's organisation (the page lists what)."""
        field = self.fields["confirmed"]
        field.widget = forms.CheckboxInput(
            attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
        )
        self.add_error(
            "confirmed",
            _(
                "Not everything of this household is shared with this "
                "professional's organisation (see the overview). Tick the box "
                "to add them anyway, or record consent or a legal basis first."
            ),
        )


class AbsenceForm(Form):
    """Register an absence and hand over every piece of the professional's work
    in the team: a successor and a note per case (with how the household is
    told), per place at a table and per open action."""

    starts_on = DateField(label=_("Absent from"), widget=DateInput)
    ends_on = DateField(
        label=_("Absent until"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty when it is not known yet."),
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=Absence.Reason.choices,
        widget=forms.RadioSelect,
        help_text=_("Only the kind of absence: never medical details."),
    )

    def __init__(self, *args, work, directors, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = []
        self._people: dict[str, dict] = {}
        for key, item in work.items():
            is_case = key.startswith("case-")
            if key.startswith("act-"):
                people = [
                    c for c in colleagues if c.organisation_id == item.organisation_id
                ]
            else:
                people = directors if is_case else colleagues
            # Plain choices made once: no query per field when the page renders.
            self._people[key] = {str(p.uuid): p for p in people}
            self.fields[f"{key}-to"] = forms.ChoiceField(
                label=_("New director") if is_case else _("Hand over to"),
                choices=[("", _("Choose…") if is_case else _("Do not hand over"))]
                + [
                    (str(p.uuid), f"{p.get_full_name()}, {p.organisation}")
                    for p in people
                ],
                required=is_case,
            )
            self.fields[f"{key}-note"] = forms.CharField(
                label=_("Hand-over note"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if is_case:
                self.fields[f"{key}-told"] = forms.ChoiceField(
                    label=_("How is the household told?"),
                    choices=[("", _("Choose…"))] + list(Handover.Told.choices),
                )
            self.items.append((key, item, is_case))
        static = set(self.base_fields)
        self.style_fields(f for n, f in self.fields.items() if n not in static)

    def clean(self):
        data = super().clean()
        for key, _item, is_case in self.items:
            chosen = data.get(f"{key}-to")
            data[f"{key}-to"] = self._people[key].get(chosen) if chosen else None
            if data.get(f"{key}-to") and not (data.get(f"{key}-note") or "").strip():
                self.add_error(
                    f"{key}-note", _("Write a note: what is handed over and why.")
                )
            if is_case and not data.get(f"{key}-told"):
                self.add_error(f"{key}-told", _("Say how the household is told."))
        return data

    def rows(self):
        """Per piece of work, its bound fields, for the template."""
        return [
            {
                "key": key,
                "item": item,
                "is_case": is_case,
                "fields": [
                    self[name]
                    for name in (f"{key}-to", f"{key}-told", f"{key}-note")
                    if name in self.fields
                ],
            }
            for key, item, is_case in self.items
        ]

    def handovers(self) -> dict:
        data = self.cleaned_data
        return {
            key: (data[f"{key}-to"], data[f"{key}-note"], data.get(f"{key}-told", ""))
            for key, _item, _case in self.items
            if data.get(f"{key}-to")
        }
