# SPDX-License-Identifier: EUPL-1.2
"""Send a referral, answer one (reports are written on the case page)."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.views import call_service, staff_view
from eenplan.cases import selectors as case_selectors
from eenplan.cases import services as case_services
from eenplan.core.once import submitted_once

from . import selectors, services
from .forms import AnswerForm, ReferralForm


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def referral_new(request, case_uuid):
    case = case_selectors.case_get(
        actor=request.actor, uuid=case_uuid, then=Action.REFERRAL_CREATE
    )
    case_services.require_open(case)
    form = ReferralForm(
        request.POST or None,
        case=case,
        initial={"answer_by": timezone.localdate() + datetime.timedelta(days=10)},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.referral_send,
            actor=request.actor,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The referral has been sent."))
        return redirect("workspace:case", uuid=case.uuid)
    return render(
        request,
        "collaboration/referral_form.html",
        {"form": form, "case": case, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def referral_detail(request, uuid):
    """The referral's content; its receivers accept or decline it here."""
    read = selectors.referral_get(actor=request.actor, uuid=uuid)
    referral = read.referral
    can_answer = referral.is_open and bool(
        policy.can(request.actor, Action.REFERRAL_ANSWER, referral)
    )
    form = AnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST" and form is None:
        policy.require(request.actor, Action.REFERRAL_ANSWER, referral)
        form = AnswerForm(request.POST)  # answered meanwhile: the service says so
    if (
        form is not None
        and request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.referral_answer,
            actor=request.actor,
            referral=referral,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Your answer has been recorded."))
        return redirect("collaboration:referral", uuid=referral.uuid)
    return render(
        request,
        "collaboration/referral_detail.html",
        {
            "referral": referral,
            "persons": read.persons,
            "withheld": read.withheld,
            "today": timezone.localdate(),
            "form": form,
            "nav": "work",
        },
    )
