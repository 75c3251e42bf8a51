# SPDX-License-Identifier: EUPL-1.2
"""My work, the case page, assigning a director, intake, ZRM and closure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eenplan.assessments import selectors as assessment_selectors
from eenplan.assessments import services as assessment_services
from eenplan.assessments.forms import ZrmForm
from eenplan.assessments.models import Assessment, Level
from eenplan.collaboration import selectors as collaboration_selectors
from eenplan.collaboration.forms import JournalForm
from eenplan.core.errors import NotFoundOrForbidden
from eenplan.core.views import call_service, staff_view
from eenplan.intake import selectors as intake_selectors
from eenplan.privacy import policy
from eenplan.privacy import selectors as privacy_selectors
from eenplan.privacy.forms import BreakGlassForm
from eenplan.privacy.policy import CASE_ROLES

from . import selectors, services
from .errors import CaseAccessRefused
from .forms import CloseForm, DirectorForm, IntakeForm, InvolvementForm

# Where staff without case work start: their function's own pages.
FUNCTION_HOME = {
    "privacy_officer": "audit:list",
    "functional_admin": "admin:index",
}


@login_required
def my_work(request):
    """Case workers' start page; staff with a function but no team go to theirs."""
    user = request.user
    if not policy.has_role(user, *CASE_ROLES) and user.function:
        if user.function in FUNCTION_HOME:
            return redirect(FUNCTION_HOME[user.function])
        return render(request, "cases/no_case_work.html", {"nav": "work"})
    return _case_work(request)


@staff_view
def _case_work(request):
    context = selectors.my_work(actor=request.user)
    context["nav"] = "work"
    return render(request, "cases/my_work.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
def case_open(request, request_uuid):
    """Team leader assigns a director to an integral request: this opens the case."""
    req = intake_selectors.request_get(actor=request.user, uuid=request_uuid)
    policy.require(request.user, "case.open", req.household)
    form = DirectorForm(
        request.POST or None, directors=services.directors_for_team(req.household.team)
    )
    if request.method == "POST" and form.is_valid():
        case = call_service(
            form,
            services.case_open,
            actor=request.user,
            request=req,
            director=form.cleaned_data["director"],
        )
        if case is not None:
            messages.success(
                request,
                _("The case is open with %(name)s as director.")
                % {"name": case.director},
            )
            return redirect("cases:case", uuid=case.uuid)
    return render(
        request, "cases/case_open.html", {"form": form, "req": req, "nav": "work"}
    )


@staff_view
def case_detail(request, uuid):
    try:
        case = selectors.case_get(actor=request.user, uuid=uuid)
    except CaseAccessRefused as refused:
        return render(
            request,
            "cases/no_access.html",
            {
                "case": refused.case,
                "form": BreakGlassForm(),
                "can_break_glass": bool(
                    policy.can(request.user, "case.break_glass", refused.case)
                ),
                "nav": "work",
            },
            status=403,
        )
    members = case.household.current_members
    today = timezone.localdate()
    plans = selectors.case_plans(case=case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "members": members,
            "adults": [m.person for m in members if m.person.is_adult_on(today)],
            "intake": getattr(case, "intake", None),
            "involvements": selectors.case_involvements(case=case),
            "consents": privacy_selectors.consent_overview(
                household=case.household, persons=[m.person for m in members]
            ),
            "legal_bases": privacy_selectors.legal_bases_of(case=case),
            "can_consent": bool(
                policy.can(request.user, "consent.record", case.household)
            ),
            "journal": collaboration_selectors.journal_for(
                actor=request.user, case=case
            ),
            "journal_form": JournalForm(),
            "can_write_journal": bool(policy.can(request.user, "journal.create", case)),
            "referrals": collaboration_selectors.referrals_for(case=case),
            "charts": assessment_selectors.zrm_charts(
                actor=request.user, case=case, persons=[m.person for m in members]
            ),
            "levels": Level.objects.all(),
            "plans": plans,
            "can_direct": bool(policy.can(request.user, "plan.change", case)),
            "can_reassign": case.is_open
            and bool(policy.can(request.user, "case.open", case.household)),
            "nav": "work",
        },
    )


def _directed_case(request, uuid, action):
    case = selectors.case_get(actor=request.user, uuid=uuid)
    policy.require(request.user, action, case)
    return case


@staff_view
@require_http_methods(["GET", "POST"])
def intake_edit(request, uuid):
    case = _directed_case(request, uuid, "case.intake")
    intake = getattr(case, "intake", None)
    initial = (
        {
            "held_on": intake.held_on,
            "consent_answer": intake.consent_answer,
            "underlying_need": intake.underlying_need,
            "notes": intake.notes,
        }
        if intake
        else {
            "held_on": timezone.localdate(),
            "underlying_need": case.request.underlying_need if case.request else "",
        }
    )
    form = IntakeForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.intake_record,
            actor=request.user,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The intake has been saved."))
        return redirect("cases:case", uuid=case.uuid)
    return render(
        request, "cases/intake_form.html", {"form": form, "case": case, "nav": "work"}
    )


def _adult_member(case, person_uuid):
    for member in case.household.current_members:
        if str(member.person.uuid) == str(person_uuid):
            return member.person
    raise NotFoundOrForbidden()


@staff_view
@require_http_methods(["GET", "POST"])
def assessment_new(request, uuid, person_uuid):
    """Record a ZRM for one adult member of the household."""
    case = _directed_case(request, uuid, "assessment.create")
    person = _adult_member(case, person_uuid)
    form = ZrmForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        kind = (
            Assessment.Kind.REVIEW
            if case.assessments.filter(person=person).exists()
            else Assessment.Kind.INTAKE
        )
        if call_service(
            form,
            assessment_services.assessment_record,
            actor=request.user,
            case=case,
            person=person,
            kind=kind,
            assessed_on=form.cleaned_data["assessed_on"],
            scores=form.scores(),
        ):
            messages.success(request, _("The ZRM has been saved."))
            return redirect("cases:case", uuid=case.uuid)
    return render(
        request,
        "cases/assessment_form.html",
        {"form": form, "case": case, "person": person, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def case_close(request, uuid):
    """Close with a reason and a final ZRM for every adult, in one form."""
    case = _directed_case(request, uuid, "case.close")
    today = timezone.localdate()
    adults = services.adults_of(case, today)
    data = request.POST or None
    form = CloseForm(
        data, initial={"closed_on": today, "lock_version": case.lock_version}
    )
    zrm_forms = [
        (person, ZrmForm(data, prefix=f"zrm-{person.uuid}", with_date=False))
        for person in adults
    ]
    if request.method == "POST" and form.is_valid() & all(
        [z.is_valid() for _p, z in zrm_forms]
    ):
        closed = call_service(
            form,
            services.case_close,
            actor=request.user,
            case=case,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            closed_on=form.cleaned_data["closed_on"],
            final_scores={person: zrm.scores() for person, zrm in zrm_forms},
            lock_version=form.cleaned_data["lock_version"],
        )
        if closed is not None:
            messages.success(request, _("The case has been closed."))
            return redirect("cases:case", uuid=case.uuid)
    return render(
        request,
        "cases/case_close.html",
        {"form": form, "zrm_forms": zrm_forms, "case": case, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def involvement_add(request, uuid):
    """Involve another professional; a third at the kitchen table needs a reason."""
    case = _directed_case(request, uuid, "case.involve")
    form = InvolvementForm(request.POST or None, case=case)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.involvement_add,
            actor=request.user,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The professional has been added to the case."))
        return redirect("cases:case", uuid=case.uuid)
    return render(
        request,
        "cases/involvement_form.html",
        {"form": form, "case": case, "nav": "work"},
    )


@staff_view
@require_POST
def involvement_end(request, uuid, involvement_uuid):
    case = _directed_case(request, uuid, "case.involve")
    involvement = case.involvements.filter(
        uuid=involvement_uuid, until__isnull=True
    ).first()
    if involvement is None:
        raise NotFoundOrForbidden()
    services.involvement_end(actor=request.user, involvement=involvement)
    messages.success(request, _("The professional no longer works on the case."))
    return redirect("cases:case", uuid=case.uuid)


@staff_view
@require_http_methods(["GET", "POST"])
def director_change(request, uuid):
    case = selectors.case_get(actor=request.user, uuid=uuid)
    policy.require(request.user, "case.open", case.household)
    form = DirectorForm(
        request.POST or None,
        directors=services.directors_for_team(case.team),
        initial={"director": case.director_id, "lock_version": case.lock_version},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.case_change_director,
            actor=request.user,
            case=case,
            director=form.cleaned_data["director"],
            lock_version=form.cleaned_data["lock_version"],
        )
    ):
        messages.success(request, _("The director has been changed."))
        return redirect("cases:case", uuid=case.uuid)
    return render(
        request, "cases/director_form.html", {"form": form, "case": case, "nav": "work"}
    )
