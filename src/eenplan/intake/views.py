# SPDX-License-Identifier: EUPL-1.2
"""Register a request, screen it and make the first triage."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.categories import Category
from eenplan.access.views import action_view, call_service, staff_view
from eenplan.core.once import submitted_once
from eenplan.people import selectors as people_selectors

from . import selectors, services
from .forms import RequestForm, RoutedAnswerForm, ScreeningForm, TriageForm
from .models import Screening


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def request_new(request, household_uuid):
    household = people_selectors.household_get(
        actor=request.actor, uuid=household_uuid, then=Action.REQUEST_CREATE
    )
    form = RequestForm(
        request.POST or None,
        household=household,
        initial={"received_on": timezone.localdate(), "channel": "desk"},
    )
    if request.method == "POST" and form.is_valid():
        new = call_service(
            form,
            services.request_register,
            actor=request.actor,
            household=household,
            **form.cleaned_data,
        )
        if new is not None:
            messages.success(request, _("The request has been registered."))
            return redirect("intake:request", uuid=new.uuid)
    return render(
        request,
        "intake/request_new.html",
        {"form": form, "household": household, "nav": "search"},
    )


def _screening_of(req):
    try:
        return req.screening
    except Screening.DoesNotExist:
        return None


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def request_detail(request, uuid):
    """The request, its screening and the triage: one page, step by step; for
    the receiver of a routed request, its answer (pick up or send back)."""
    actor = request.actor
    read = selectors.request_read(actor=actor, uuid=uuid)
    req = read.request
    step = request.POST.get("step", "")
    screening = _screening_of(req) if read.shares.allows(Category.ZRM) else None
    decision = getattr(req, "triage", None)
    # A request its receiver sent back is triaged again (not screened again).
    to_triage = decision is None or req.was_returned
    may_triage = bool(policy.can(actor, Action.REQUEST_TRIAGE, req))
    can_triage = to_triage and may_triage
    screening_form = triage_form = answer_form = evaluation = None
    # A step that was posted gets its form back even when the request moved on
    # meanwhile (a colleague triaged it): the service says so beside the form,
    # and what was typed stays.
    if (can_triage and decision is None) or (step == "screening" and may_triage):
        screening_form = ScreeningForm(
            request.POST if step == "screening" else None,
            initial=_screening_initial(screening),
        )
        if (
            step == "screening"
            and screening_form.is_valid()
            and call_service(
                screening_form,
                services.screening_record,
                actor=actor,
                request=req,
                levels=screening_form.levels(),
                safety_concerns=screening_form.cleaned_data["safety_concerns"],
                notes=screening_form.cleaned_data["notes"],
            )
        ):
            return redirect("intake:request", uuid=req.uuid)
    if screening is not None and (can_triage or (step == "triage" and may_triage)):
        evaluation = services.screening_evaluate(screening)
        triage_form = TriageForm(
            request.POST if step == "triage" else None,
            suggested=evaluation.suggested_outcome,
            request=req,
        )
        if (
            step == "triage"
            and triage_form.is_valid()
            and call_service(
                triage_form,
                services.triage_decide,
                actor=actor,
                request=req,
                **triage_form.cleaned_data,
            )
        ):
            messages.success(request, _("The triage decision has been recorded."))
            return redirect("intake:request", uuid=req.uuid)
    if (req.awaits_receiver or step == "answer") and policy.can(
        actor, Action.REQUEST_ANSWER, req
    ):
        answer_form = RoutedAnswerForm(request.POST if step == "answer" else None)
        if (
            step == "answer"
            and answer_form.is_valid()
            and call_service(
                answer_form,
                services.routed_answer,
                actor=actor,
                request=req,
                **answer_form.cleaned_data,
            )
        ):
            messages.success(request, _("Your answer has been recorded."))
            return redirect("workspace:my_work")
    return render(
        request,
        "intake/request_detail.html",
        {
            "req": req,
            "screening": screening,
            "screening_scores": screening.scores.select_related("domain")
            if screening
            else [],
            "decision": decision,
            "answers": selectors.routing_answers(request=req),
            "evaluation": evaluation,
            "screening_form": screening_form,
            "triage_form": triage_form,
            "answer_form": answer_form,
            "shares": read.shares,
            "can_view_household": bool(
                policy.can(actor, Action.HOUSEHOLD_VIEW, req.household)
            ),
            "persons": read.persons,
            "withheld": read.withheld,
            "can_open_case": bool(policy.can(actor, Action.CASE_OPEN, req.household)),
            "nav": "work",
        },
    )


def _screening_initial(screening):
    if screening is None:
        return {}
    initial = {
        f"domain_{s.domain.code}": s.level
        for s in screening.scores.select_related("domain")
    }
    initial.update(safety_concerns=screening.safety_concerns, notes=screening.notes)
    return initial


@action_view(Action.RULES_VIEW)
def rule_list(request):
    """The published triage rules, readable by every staff member."""
    return render(
        request,
        "intake/rule_list.html",
        {"rules": selectors.triage_rule_list(), "nav": "rules"},
    )
