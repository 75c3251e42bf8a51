# SPDX-License-Identifier: EUPL-1.2
"""Consultation pages: my consultations, plan one, its agenda with outcomes,
the outcome form per case; escalate a case, read or withdraw an escalation,
plan a forum's meeting."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.views import call_service, staff_view
from eenplan.cases import selectors as case_selectors
from eenplan.cases import services as case_services
from eenplan.core.once import submitted_once
from eenplan.people.models import HouseholdMember

from . import selectors, services
from .forms import (
    CancelForm,
    ConsultationForm,
    EscalationForm,
    ForumMeetingForm,
    OutcomeForm,
)
from .models import Consultation, Escalation


@staff_view
def consultation_list(request):
    context = selectors.consultation_list(actor=request.actor)
    context["can_plan"] = bool(policy.can(request.actor, Action.CONSULTATION_PLAN))
    context["can_plan_forum"] = bool(
        policy.can(request.actor, Action.FORUM_MEETING_PLAN)
    )
    context["nav"] = "consultations"
    return render(request, "consultations/consultation_list.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def consultation_new(request):
    actor = request.actor
    policy.require(actor, Action.CONSULTATION_PLAN)
    form = ConsultationForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cases = list(data["cases"])
        consultation = call_service(
            form,
            services.consultation_plan,
            actor=actor,
            cases=cases,
            starts_at=data["starts_at"],
            chair=data["chair"],
            participants=list(data["participants"]),
            questions={case.pk: data["question"] for case in cases},
            household_takes_part=data["household_takes_part"],
        )
        if consultation is not None:
            messages.success(request, _("The consultation has been planned."))
            return redirect("consultations:detail", uuid=consultation.uuid)
    # The addresses of the cases offered are personal data: audit whose.
    cases = list(form.fields["cases"].queryset)
    audit.record(
        actor=actor,
        action=Action.CONSULTATION_PLAN_FORM,
        persons=HouseholdMember.objects.filter(
            household_id__in={c.household_id for c in cases}, until__isnull=True
        ).values_list("person_id", flat=True),
    )
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "nav": "consultations"},
    )


@staff_view
def consultation_detail(request, uuid):
    actor = request.actor
    read = selectors.consultation_read(actor=actor, uuid=uuid)
    consultation = read.consultation
    can_cancel = consultation.is_planned and bool(
        policy.can(actor, Action.CONSULTATION_CANCEL, consultation)
    )
    can_record = consultation.status != Consultation.Status.CANCELLED and bool(
        policy.can(actor, Action.CONSULTATION_RECORD, consultation)
    )
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "agenda": read.agenda,
            "participants": read.participants,
            "can_cancel": can_cancel,
            "cancel_form": CancelForm() if can_cancel else None,
            "can_record": can_record,
            "nav": "consultations",
        },
    )


@staff_view
@require_POST
@submitted_once
def consultation_cancel(request, uuid):
    actor = request.actor
    consultation = selectors.consultation_get(actor=actor, uuid=uuid)
    policy.require(actor, Action.CONSULTATION_CANCEL, consultation)
    form = CancelForm(request.POST)
    if form.is_valid() and call_service(
        form,
        services.consultation_cancel,
        actor=actor,
        consultation=consultation,
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, _("The consultation has been cancelled."))
        return redirect("consultations:detail", uuid=consultation.uuid)
    read = selectors.consultation_read(actor=actor, uuid=uuid)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": read.consultation,
            "agenda": read.agenda,
            "participants": read.participants,
            "can_cancel": True,
            "cancel_form": form,
            "can_record": False,
            "nav": "consultations",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def outcome_new(request, uuid):
    """The outcome of one agenda case; shown instead once it is recorded."""
    actor = request.actor
    row = selectors.agenda_item_read(
        actor=actor, uuid=uuid, then=Action.CONSULTATION_RECORD
    )
    consultation = row.item.consultation
    form = None
    if row.outcome is None and consultation.status != Consultation.Status.CANCELLED:
        form = OutcomeForm(
            request.POST or None,
            case=row.case,
            allow_actions=not consultation.is_escalation,
        )
    elif request.method == "POST":
        # Recorded (or cancelled) meanwhile: the service says so, as a form error.
        form = OutcomeForm(request.POST, case=row.case)
    if (
        form is not None
        and request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.outcome_record,
            actor=actor,
            item=row.item,
            **form.service_data(),
        )
    ):
        messages.success(
            request,
            _("The outcome has been recorded and shared with the participants."),
        )
        return redirect("consultations:detail", uuid=consultation.uuid)
    return render(
        request,
        "consultations/outcome_form.html",
        {
            "consultation": consultation,
            "row": row,
            "form": form,
            "slots": [
                [
                    form[f"a{n}_{p}"]
                    for p in ("description", "performer_kind", "performer", "due_on")
                ]
                for n in range(form.slots)
            ]
            if form is not None
            else [],
            "nav": "consultations",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def escalation_new(request, case_uuid):
    actor = request.actor
    read = case_selectors.case_read(
        actor=actor, uuid=case_uuid, then=Action.ESCALATION_RAISE
    )
    case = read.case
    case_services.require_open(case)
    open_escalation = Escalation.objects.filter(
        case=case, status__in=[Escalation.Status.RAISED, Escalation.Status.ON_AGENDA]
    ).first()
    form = EscalationForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and (
            escalation := call_service(
                form,
                services.escalation_raise,
                actor=actor,
                case=case,
                **form.cleaned_data,
            )
        )
    ):
        messages.success(request, _("The case has been escalated to the forum."))
        return redirect("consultations:escalation", uuid=escalation.uuid)
    return render(
        request,
        "consultations/escalation_form.html",
        {
            "form": form,
            "case": case,
            "withheld": read.withheld,
            "open_escalation": open_escalation,
            "nav": "consultations",
        },
    )


@staff_view
def escalation_detail(request, uuid):
    actor = request.actor
    read = selectors.escalation_read(actor=actor, uuid=uuid)
    escalation = read.escalation
    can_withdraw = escalation.is_open and bool(
        policy.can(actor, Action.ESCALATION_WITHDRAW, escalation)
    )
    return render(
        request,
        "consultations/escalation_detail.html",
        {
            "read": read,
            "escalation": escalation,
            "can_withdraw": can_withdraw,
            "nav": "consultations",
        },
    )


@staff_view
@require_POST
@submitted_once
def escalation_withdraw(request, uuid):
    actor = request.actor
    escalation = selectors.escalation_get(actor=actor, uuid=uuid)
    services.escalation_withdraw(actor=actor, escalation=escalation)
    messages.success(request, _("The escalation has been withdrawn."))
    return redirect("consultations:escalation", uuid=escalation.uuid)


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def forum_meeting_new(request):
    actor = request.actor
    policy.require(actor, Action.FORUM_MEETING_PLAN)
    form = ForumMeetingForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consultation = call_service(
            form,
            services.forum_meeting_plan,
            actor=actor,
            forum=data["forum"],
            starts_at=data["starts_at"],
            escalations=list(data["escalations"]),
        )
        if consultation is not None:
            messages.success(request, _("The forum's meeting has been planned."))
            return redirect("consultations:detail", uuid=consultation.uuid)
    return render(
        request,
        "consultations/forum_meeting_form.html",
        {"form": form, "nav": "consultations"},
    )
