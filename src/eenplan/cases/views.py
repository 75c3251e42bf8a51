# SPDX-License-Identifier: EUPL-1.2
"""Assigning a director, intake, ZRM, involvements, legal bases, emergency access
and closure. The case page itself is the workspace's."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import call_service, staff_view
from eenplan.assessments import domain as assessments_domain
from eenplan.assessments import selectors as assessment_selectors
from eenplan.assessments import services as assessment_services
from eenplan.assessments.forms import ZrmForm
from eenplan.assessments.models import Assessment
from eenplan.core.errors import ApplicationError, NotFoundOrForbidden, PermissionDenied
from eenplan.core.once import submitted_once
from eenplan.intake import selectors as intake_selectors
from eenplan.people.models import Person
from eenplan.people.selectors import current_members
from eenplan.plans import services as plan_services
from eenplan.privacy import services as privacy_services
from eenplan.privacy.forms import BreakGlassForm, LegalBasisForm
from eenplan.privacy.models import LegalBasis
from eenplan.services import selectors as catalogue
from eenplan.services import services as grant_services
from eenplan.services.forms import GrantForm

from . import domain, selectors, services
from .forms import (
    AbsenceForm,
    CloseForm,
    DirectorForm,
    FollowUpForm,
    HandoverForm,
    IntakeForm,
    InvolvementForm,
)


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def case_open(request, request_uuid):
    """Team leader assigns a director to an integral request: this opens the case."""
    actor = request.actor
    req = intake_selectors.request_get(
        actor=actor, uuid=request_uuid, then=(Action.CASE_OPEN, "household")
    )
    form = DirectorForm(
        request.POST or None, directors=services.directors_for_team(req.household.team)
    )
    if request.method == "POST" and form.is_valid():
        case = call_service(
            form,
            services.case_open,
            actor=actor,
            request=req,
            director=form.cleaned_data["director"],
        )
        if case is not None:
            messages.success(
                request,
                _("The case is open with %(name)s as director.")
                % {"name": case.director},
            )
            return redirect("workspace:case", uuid=case.uuid)
    candidates = selectors.candidates(
        team=req.household.team, request=req, directors_only=True
    )
    return render(
        request,
        "cases/case_open.html",
        {"form": form, "req": req, "candidates": candidates, "nav": "work"},
    )


def _case_for(request, uuid, action):
    """The case, if the actor may do `action` on it, and it is open (a closed case
    is read on its page, not changed)."""
    case = selectors.case_get(actor=request.actor, uuid=uuid, then=action)
    services.require_open(case)
    return case


@staff_view
@require_http_methods(["GET", "POST"])
def intake_edit(request, uuid):
    case = _case_for(request, uuid, Action.CASE_INTAKE)
    intake = getattr(case, "intake", None)
    initial = (
        {
            "held_on": intake.held_on,
            "consent_answer": intake.consent_answer,
            "underlying_need": intake.underlying_need,
            "notes": intake.notes,
            "lock_version": intake.lock_version,
        }
        if intake
        else {
            "lock_version": 0,
            "held_on": timezone.localdate(),
            "underlying_need": case.request.underlying_need if case.request else "",
        }
    )
    form = IntakeForm(
        request.POST or None,
        initial=initial,
        date_ranges={
            "held_on": domain.intake_held_on_range(timezone.localdate(), case.opened_on)
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.intake_record,
            actor=request.actor,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The intake has been saved."))
        return redirect("workspace:case", uuid=case.uuid)
    return render(
        request, "cases/intake_form.html", {"form": form, "case": case, "nav": "work"}
    )


def _adult_member(case, person_uuid):
    for member in current_members(case.household):
        if str(member.person.uuid) == str(person_uuid):
            return member.person
    raise Hidden(Action.ASSESSMENT_CREATE, "people.person")


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def assessment_new(request, uuid, person_uuid):
    """Record a ZRM for one adult member of the household."""
    case = _case_for(request, uuid, Action.ASSESSMENT_CREATE)
    person = _adult_member(case, person_uuid)
    scale = assessment_selectors.zrm_scale()
    today = timezone.localdate()
    form = ZrmForm(
        request.POST or None,
        **scale,
        initial={"assessed_on": today},
        date_ranges={
            "assessed_on": assessments_domain.assessed_on_range(today, case.opened_on)
        },
    )
    if request.method == "POST" and form.is_valid():
        kind = (
            Assessment.Kind.REVIEW
            if case.assessments.filter(person=person).exists()
            else Assessment.Kind.INTAKE
        )
        if call_service(
            form,
            assessment_services.assessment_record,
            actor=request.actor,
            case=case,
            person=person,
            kind=kind,
            assessed_on=form.cleaned_data["assessed_on"],
            scores=form.scores(),
        ):
            messages.success(request, _("The ZRM has been saved."))
            return redirect("workspace:case", uuid=case.uuid)
    return render(
        request,
        "cases/assessment_form.html",
        {"form": form, "case": case, "person": person, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
def case_close(request, uuid):
    """Close with a reason and a final ZRM for every adult, in one form."""
    case = _case_for(request, uuid, Action.CASE_CLOSE)
    today = timezone.localdate()
    adults = services.adults_of(case, today)
    data = request.POST or None
    form = CloseForm(
        data,
        initial={"closed_on": today, "lock_version": case.lock_version},
        date_ranges={"closed_on": domain.closed_on_range(today, case.opened_on)},
        follow_up_defaults=services.follow_up_defaults(),
    )
    scale = assessment_selectors.zrm_scale()
    zrm_forms = [
        (
            person,
            ZrmForm(data, **scale, prefix=f"zrm-{person.uuid}", with_date=False),
        )
        for person in adults
    ]
    if request.method == "POST" and form.is_valid() & all(
        [z.is_valid() for _p, z in zrm_forms]
    ):
        closed = call_service(
            form,
            services.case_close,
            actor=request.actor,
            case=case,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            closed_on=form.cleaned_data["closed_on"],
            final_scores={person: zrm.scores() for person, zrm in zrm_forms},
            lock_version=form.cleaned_data["lock_version"],
            follow_up_months=form.follow_up_months(),
        )
        if closed is not None:
            messages.success(request, _("The case has been closed."))
            return redirect("workspace:case", uuid=case.uuid)
    return render(
        request,
        "cases/case_close.html",
        {"form": form, "zrm_forms": zrm_forms, "case": case, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def involvement_add(request, uuid):
    """Involve another professional; a third at the kitchen table needs a reason.

    Before saving, the form shows what a professional from outside the team
    will and will not see (consent and legal bases for their organisation), and
    asks the director to confirm when something is not shared.
    """
    case = _case_for(request, uuid, Action.CASE_INVOLVE)
    form = InvolvementForm(request.POST or None, case=case)
    preview = None
    if request.method == "POST" and form.is_valid():
        professional = form.cleaned_data["professional"]
        shares = selectors.sharing_for(case=case, professional=professional)
        members = [m.person for m in current_members(case.household)]
        preview = selectors.sharing_summary(shares, members)
        withheld = any(row["withheld"] for row in preview)
        if withheld and not form.cleaned_data["confirmed"]:
            form.ask_confirmation()
        elif call_service(
            form,
            services.involvement_add,
            actor=request.actor,
            case=case,
            professional=professional,
            role=form.cleaned_data["role"],
            reason=form.cleaned_data["reason"],
            at_kitchen_table=not form.cleaned_data["background"],
            second_worker=form.cleaned_data["second_worker"],
        ):
            messages.success(request, _("The professional has been added to the case."))
            return redirect("workspace:case", uuid=case.uuid)
    candidates = selectors.candidates(
        team=case.team, case=case, exclude=(case.director_id,)
    )
    return render(
        request,
        "cases/involvement_form.html",
        {
            "form": form,
            "case": case,
            "preview": preview,
            "candidates": candidates,
            "nav": "work",
        },
    )


@staff_view
@require_POST
@submitted_once
def involvement_end(request, uuid, involvement_uuid):
    case = _case_for(request, uuid, Action.CASE_INVOLVE)
    involvement = case.involvements.filter(
        uuid=involvement_uuid, until__isnull=True
    ).first()
    if involvement is None:
        raise Hidden(Action.CASE_INVOLVEMENT_END, "cases.involvement")
    services.involvement_end(actor=request.actor, involvement=involvement)
    messages.success(request, _("The professional no longer works on the case."))
    return redirect("workspace:case", uuid=case.uuid)


@staff_view
@require_http_methods(["GET", "POST"])
def director_change(request, uuid):
    case = _case_for(request, uuid, Action.CASE_CHANGE_DIRECTOR)
    form = HandoverForm(
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
            actor=request.actor,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(
            request,
            _("The case has been handed over; the new director has been told."),
        )
        return redirect("workspace:case", uuid=case.uuid)
    candidates = selectors.candidates(team=case.team, case=case, directors_only=True)
    return render(
        request,
        "cases/director_form.html",
        {"form": form, "case": case, "candidates": candidates, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def legal_basis_new(request, uuid):
    case = _case_for(request, uuid, Action.LEGAL_BASIS_RECORD)
    form = LegalBasisForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            privacy_services.legal_basis_record,
            actor=request.actor,
            case=case,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The legal basis has been recorded."))
        return redirect("workspace:case", uuid=case.uuid)
    return render(
        request,
        "cases/legal_basis_form.html",
        {"form": form, "case": case, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def grant_new(request, uuid):
    """Grant a service to a member of the household. "Check" shows the cost
    and whether the actor's mandate covers it before anything is saved;
    above the mandate the grant waits for a colleague's approval."""
    case = _case_for(request, uuid, Action.GRANT_REQUEST)
    members = current_members(case.household)
    persons = Person.objects.filter(pk__in=[m.person_id for m in members])
    services_ = list(
        catalogue.services_offered().select_related("provider").order_by("law", "name")
    )
    initial = {"starts_on": timezone.localdate(), "period": "week"}
    chosen = catalogue.service_get(uuid=request.GET.get("service", ""))
    if chosen is not None:
        initial["service"] = str(chosen.uuid)
    form = GrantForm(
        request.POST or None,
        initial=initial,
        persons=persons,
        services=services_,
        offered=catalogue.services_offered(),
    )
    check = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        terms = {k: data[k] for k in ("starts_on", "ends_on", "units", "period")}
        if request.POST.get("step") == "check":
            check = call_service(
                form,
                grant_services.preview,
                service=data["service"],
                actor=request.actor,
                case=case,
                **terms,
            )
        else:
            version = call_service(
                form,
                grant_services.grant_request,
                service=data["service"],
                actor=request.actor,
                case=case,
                person=data["person"],
                note=data["note"],
                **terms,
            )
            if version is not None:
                if version.status == version.Status.GRANTED:
                    messages.success(request, _("The service has been granted."))
                else:
                    messages.success(
                        request,
                        _(
                            "The grant is above your mandate: it waits for approval "
                            "by a colleague who holds the mandate."
                        ),
                    )
                return redirect("services:grant", uuid=version.grant.uuid)
    return render(
        request,
        "cases/grant_form.html",
        {"form": form, "case": case, "check": check, "nav": "work"},
    )


@staff_view
@require_POST
@submitted_once
def legal_basis_end(request, uuid, basis_uuid):
    case = _case_for(request, uuid, Action.LEGAL_BASIS_RECORD)
    basis = LegalBasis.objects.filter(case=case, uuid=basis_uuid, ended_on=None).first()
    if basis is None:
        raise Hidden(Action.LEGAL_BASIS_END, "privacy.legalbasis")
    privacy_services.legal_basis_end(actor=request.actor, basis=basis)
    messages.success(request, _("The legal basis has been ended."))
    return redirect("workspace:case", uuid=case.uuid)


@staff_view
@require_POST
@submitted_once
def break_glass(request, uuid):
    """Open a case in an emergency, with a reason (see cases/no_access.html)."""
    case = selectors.case_known(actor=request.actor, uuid=uuid)
    if policy.can(request.actor, Action.CASE_VIEW, case):
        return redirect("workspace:case", uuid=case.uuid)
    form = BreakGlassForm(request.POST)
    if form.is_valid() and call_service(
        form,
        privacy_services.break_glass_open,
        actor=request.actor,
        case=case,
        reason=form.cleaned_data["reason"],
    ):
        messages.warning(
            request,
            _("Emergency access granted for %(hours)d hours and logged for review.")
            % {"hours": privacy_services.BREAK_GLASS_HOURS},
        )
        return redirect("workspace:case", uuid=case.uuid)
    return render(
        request,
        "cases/no_access.html",
        {
            "case": case,
            "form": form,
            "can_break_glass": True,
            "message": policy.can(request.actor, Action.CASE_VIEW, case).message,
            "nav": "work",
        },
    )


@staff_view
@require_POST
@submitted_once
def plan_start(request, uuid):
    """Start the household's plan (the plans app's service) from the case page."""
    case = _case_for(request, uuid, Action.PLAN_CHANGE)
    try:
        plan = plan_services.plan_start(actor=request.actor, case=case)
    except (PermissionDenied, NotFoundOrForbidden):
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("workspace:case", uuid=case.uuid)
    return redirect("plans:plan", uuid=plan.uuid)


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def absence_new(request, team_uuid, user_uuid):
    """The team leader registers a professional's absence and hands over their
    cases, places at tables and open actions in the team, in one go."""
    actor = request.actor
    team, professional = selectors.team_member_get(
        actor=actor, team_uuid=team_uuid, user_uuid=user_uuid
    )
    work = services.work_of(professional=professional, team=team)
    colleagues = [u for u in selectors.team_people(team=team) if u != professional]
    directors = [
        d for d in services.directors_for_team(team) if d.pk != professional.pk
    ]
    today = timezone.localdate()
    form = AbsenceForm(
        request.POST or None,
        work=work,
        directors=directors,
        colleagues=colleagues,
        initial={"starts_on": today},
        date_ranges={"starts_on": domain.absence_starts_on_range(today)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        absence = call_service(
            form,
            services.absence_register,
            actor=actor,
            team=team,
            professional=professional,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            reason=data["reason"],
            handovers=form.handovers(),
        )
        if absence is not None:
            messages.success(
                request,
                _("The absence is registered and the work has been handed over."),
            )
            return redirect("workspace:team", uuid=team.uuid)
    selectors.audit_work_list(actor=actor, work=work)
    return render(
        request,
        "cases/absence_form.html",
        {
            "form": form,
            "team": team,
            "professional": professional,
            "rows": form.rows(),
            "nav": "work",
        },
    )


@staff_view
def handover_letter(request, uuid):
    """A letter for the household: who their new contact is, from when."""
    handover, members = selectors.handover_for_letter(actor=request.actor, uuid=uuid)
    return render(
        request,
        "cases/handover_letter.html",
        {"handover": handover, "case": handover.case, "members": members},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def follow_up(request, uuid):
    """Record the follow-up check of a closed case: all well, or a new request."""
    check = selectors.follow_up_get(actor=request.actor, uuid=uuid)
    form = FollowUpForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.follow_up_record,
            actor=request.actor,
            follow_up=check,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The follow-up check has been recorded."))
        return redirect("workspace:my_work")
    return render(
        request,
        "cases/follow_up_form.html",
        {"form": form, "follow_up": check, "case": check.case, "nav": "work"},
    )
