# SPDX-License-Identifier: EUPL-1.2
"""Consent and legal basis pages, and the privacy officer's break-the-glass review."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eenplan.cases import selectors as case_selectors
from eenplan.core.errors import NotFoundOrForbidden
from eenplan.core.views import action_view, call_service, staff_view
from eenplan.people import selectors as people_selectors

from . import policy, selectors, services
from .forms import BreakGlassForm, ConsentForm, LegalBasisForm, ReviewForm, WithdrawForm
from .models import LegalBasis


def _member(household, person_uuid):
    for membership in household.current_members:
        if str(membership.person.uuid) == str(person_uuid):
            return membership.person
    raise NotFoundOrForbidden()


@staff_view
@require_http_methods(["GET", "POST"])
def consent_new(request, household_uuid, person_uuid):
    household = people_selectors.household_get(actor=request.user, uuid=household_uuid)
    person = _member(household, person_uuid)
    policy.require(request.user, "consent.record", household)
    today = timezone.localdate()
    decides = services.who_decides(person, today)
    form = ConsentForm(
        request.POST or None,
        initial={
            "given_on": today,
            "given_by": {"parents": "representative", "child_and_parents": "both"}.get(
                decides, "person"
            ),
            "given_how": "verbal",
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.consent_record,
            actor=request.user,
            person=person,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The consent has been recorded."))
        return redirect(request.POST.get("next") or "people:household", household.uuid)
    return render(
        request,
        "privacy/consent_form.html",
        {
            "form": form,
            "household": household,
            "person": person,
            "age": person.age_on(today),
            "decides": decides,
            "next": request.GET.get("next", ""),
            "nav": "work",
        },
    )


@staff_view
@require_POST
def consent_withdraw(request, uuid):
    consent = selectors.consent_get(actor=request.user, uuid=uuid)
    form = WithdrawForm(request.POST)
    form.is_valid()
    if call_service(
        form,
        services.consent_withdraw,
        actor=request.user,
        consent=consent,
        note=form.cleaned_data.get("note", ""),
    ):
        messages.success(
            request, _("The consent has been withdrawn; it takes effect at once.")
        )
    for error in form.non_field_errors():
        messages.error(request, error)
    return redirect(request.POST.get("next") or "cases:my_work")


@staff_view
@require_http_methods(["GET", "POST"])
def legal_basis_new(request, case_uuid):
    case = case_selectors.case_get(actor=request.user, uuid=case_uuid)
    policy.require(request.user, "legal_basis.record", case)
    form = LegalBasisForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.legal_basis_record,
            actor=request.user,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The legal basis has been recorded."))
        return redirect("cases:case", uuid=case.uuid)
    return render(
        request,
        "privacy/legal_basis_form.html",
        {"form": form, "case": case, "nav": "work"},
    )


@staff_view
@require_POST
def legal_basis_end(request, case_uuid, uuid):
    case = case_selectors.case_get(actor=request.user, uuid=case_uuid)
    basis = LegalBasis.objects.filter(case=case, uuid=uuid, ended_on=None).first()
    if basis is None:
        raise NotFoundOrForbidden()
    services.legal_basis_end(actor=request.user, basis=basis)
    messages.success(request, _("The legal basis has been ended."))
    return redirect("cases:case", uuid=case.uuid)


@staff_view
@require_POST
def break_glass(request, case_uuid):
    """Open a case in an emergency, with a reason (see cases/no_access.html)."""
    case = case_selectors.case_known(actor=request.user, uuid=case_uuid)
    if policy.can(request.user, "case.view", case):
        return redirect("cases:case", uuid=case.uuid)
    form = BreakGlassForm(request.POST)
    if form.is_valid() and call_service(
        form,
        services.break_glass_open,
        actor=request.user,
        case=case,
        reason=form.cleaned_data["reason"],
    ):
        messages.warning(
            request,
            _("Emergency access granted for %(hours)d hours and logged for review.")
            % {"hours": policy.BREAK_GLASS_HOURS},
        )
        return redirect("cases:case", uuid=case.uuid)
    return render(
        request,
        "cases/no_access.html",
        {"case": case, "form": form, "can_break_glass": True, "nav": "work"},
        status=403,
    )


@action_view("privacy.review")
@require_http_methods(["GET", "POST"])
def break_glass_review(request):
    accesses = selectors.break_glass_list(actor=request.user)
    if request.method == "POST":
        access = next(
            (a for a in accesses if str(a.uuid) == request.POST.get("access")), None
        )
        form = ReviewForm(request.POST)
        if access is None:
            raise NotFoundOrForbidden()
        if form.is_valid() and call_service(
            form,
            services.break_glass_review,
            actor=request.user,
            access=access,
            note=form.cleaned_data["note"],
        ):
            messages.success(request, _("The emergency access has been reviewed."))
            return redirect("privacy:break_glass_review")
    return render(
        request,
        "privacy/break_glass_review.html",
        {"accesses": accesses, "form": ReviewForm(), "nav": "privacy"},
    )
