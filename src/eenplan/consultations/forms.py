# SPDX-License-Identifier: EUPL-1.2
"""Forms to plan a consultation, record its outcome, escalate a case and plan
a forum's meeting."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from eenplan.access.actor import Actor, Role
from eenplan.cases.models import Case, Handover
from eenplan.core.forms import (
    DateField,
    DateInput,
    Form,
    ModelMultipleChoiceField,
    required_when,
)
from eenplan.plans import domain as plan_domain
from eenplan.plans.models import Action as PlanAction

from .models import Escalation, Forum
from .services import ActionInput

User = get_user_model()
ACTION_SLOTS = 3  # agreed actions per outcome form


class CaseChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.household.address} ({obj.team})"


class StaffChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        org = f" ({obj.organisation})" if obj.organisation_id else ""
        return f"{obj.get_full_name() or obj.username}{org}"


class ChairChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def _staff():
    return (
        User.objects.filter(is_active=True, memberships__isnull=False)
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )


def plannable_cases(actor: Actor):
    """Open cases the actor may put on an agenda: every case of the teams they
    lead, and the cases they direct."""
    return (
        Case.objects.open()
        .filter(
            Q(team_id__in=actor.team_ids(Role.TEAM_LEADER))
            | Q(director_id=actor.user_id)
        )
        .select_related("household", "team")
        .order_by("team__name", "opened_on")
    )


class ConsultationForm(Form):
    cases = CaseChoice(
        label=_("Cases on the agenda"),
        queryset=Case.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Open cases of one team."),
    )
    question = forms.CharField(
        label=_("Question for the consultation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the participants decide together."),
    )
    date = DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"placeholder": "14:00", "size": 5}),
    )
    chair = ChairChoice(label=_("Chair"), queryset=User.objects.none())
    participants = StaffChoice(
        label=_("Participants"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Professionals of any organisation. Each sees of each case only what "
            "consent or a legal basis shares with their organisation."
        ),
    )
    household_takes_part = forms.BooleanField(
        label=_("The household takes part"), required=False
    )

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = plannable_cases(actor)
        teams = actor.team_ids(Role.TEAM_LEADER) | frozenset(
            m.team_id for m in actor.memberships if m.can_direct
        )
        self.fields["chair"].queryset = (
            User.objects.filter(memberships__team_id__in=teams)
            .filter(
                Q(memberships__role=Role.TEAM_LEADER) | Q(memberships__can_direct=True)
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.fields["participants"].queryset = _staff()

    def clean(self):
        data = super().clean()
        day, time = data.get("date"), data.get("time")
        if day and time:
            data["starts_at"] = timezone.make_aware(
                datetime.datetime.combine(day, time)
            )
        return data


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DirectorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class OutcomeForm(Form):
    shared_picture = forms.CharField(
        label=_("Shared picture"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the participants see together, in words the household reads."
        ),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    director = DirectorChoice(
        label=_("Director after the consultation"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leave it as it is to keep the director."),
    )
    household_told = required_when(
        forms.ChoiceField(
            label=_("How is the household told who their new contact is?"),
            choices=Handover.Told.choices,
            widget=forms.RadioSelect,
        ),
        _("when the director changes"),
    )

    def __init__(self, *args, case: Case, allow_actions: bool = True, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("director", case.director_id)
        allowed = plan_domain.due_on_range(timezone.localdate())
        kwargs.setdefault(
            "date_ranges", {f"a{n}_due_on": allowed for n in range(ACTION_SLOTS)}
        )
        super().__init__(*args, **kwargs)
        self.director_id = case.director_id
        self.fields["director"].queryset = (
            User.objects.filter(
                memberships__team_id=case.team_id, memberships__can_direct=True
            )
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.slots = ACTION_SLOTS if allow_actions else 0
        if not allow_actions:  # a forum decides; the director adds the actions
            for name in [n for n in self.fields if n[:1] == "a" and n[1:2].isdigit()]:
                del self.fields[name]
                self.date_ranges.pop(name, None)

    def clean(self):
        data = super().clean()
        director = data.get("director")
        if director is not None and director.pk != self.director_id:
            self.require(
                "household_told",
                self.fields["household_told"].error_messages["required"],
            )
        actions = []
        for n in range(self.slots):
            if not (data.get(f"a{n}_description") or "").strip():
                continue
            for part in ("performer_kind", "performer", "due_on"):
                name = f"a{n}_{part}"
                self.require(name, self.fields[name].error_messages["required"])
            if all(
                data.get(f"a{n}_{p}") for p in ("performer_kind", "performer", "due_on")
            ):
                actions.append(
                    ActionInput(
                        description=data[f"a{n}_description"],
                        performer_kind=data[f"a{n}_performer_kind"],
                        performer=data[f"a{n}_performer"],
                        due_on=data[f"a{n}_due_on"],
                    )
                )
        data["actions"] = actions
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "shared_picture": data["shared_picture"],
            "decisions": data["decisions"],
            "director": data.get("director"),
            "household_told": data.get("household_told") or "",
            "actions": data["actions"],
        }


def _numbered(n: int) -> str:
    return _("Agreed action %(n)d: what") % {"n": n}


# Translated when shown, not when the module loads.
_numbered_label = lazy(_numbered, str)


def _action_fields(n: int) -> dict[str, forms.Field]:
    when = _("when the action is filled in")
    return {
        f"a{n}_description": forms.CharField(
            label=_numbered_label(n + 1),
            max_length=1000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        ),
        f"a{n}_performer_kind": required_when(
            forms.ChoiceField(
                label=_("Who does it"),
                choices=[("", "—"), *PlanAction.PerformerKind.choices],
            ),
            when,
        ),
        f"a{n}_performer": required_when(
            forms.CharField(label=_("Name of who does it"), max_length=200), when
        ),
        f"a{n}_due_on": required_when(
            DateField(label=_("When"), widget=DateInput), when
        ),
    }


# The slots are declared fields (styled like every other field by the form).
for _n in range(ACTION_SLOTS):
    OutcomeForm.base_fields.update(_action_fields(_n))


class EscalationForm(Form):
    forum = forms.ModelChoiceField(
        label=_("Escalation forum"), queryset=Forum.objects.filter(active=True)
    )
    kind = forms.ChoiceField(
        label=_("Why"), choices=Escalation.Kind.choices, widget=forms.RadioSelect
    )
    question = forms.CharField(
        label=_("Question to the forum"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What should the forum decide? Its decision is binding for the case."
        ),
    )


class EscalationChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_kind_display()}, {obj.created_at:%d-%m-%Y} ({obj.forum})"


class ForumMeetingForm(Form):
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none())
    date = DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(
        label=_("Time"),
        widget=forms.TimeInput(attrs={"placeholder": "14:00", "size": 5}),
    )
    escalations = EscalationChoice(
        label=_("Escalations on the agenda"),
        queryset=Escalation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, actor: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        forums = Forum.objects.filter(active=True, members=actor.user)
        self.fields["forum"].queryset = forums
        self.fields["escalations"].queryset = (
            Escalation.objects.filter(forum__in=forums, status=Escalation.Status.RAISED)
            .select_related("forum")
            .order_by("created_at")
        )

    def clean(self):
        data = super().clean()
        day, time = data.get("date"), data.get("time")
        if day and time:
            data["starts_at"] = timezone.make_aware(
                datetime.datetime.combine(day, time)
            )
        return data
