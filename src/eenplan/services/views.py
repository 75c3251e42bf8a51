# SPDX-License-Identifier: EUPL-1.2
"""The catalogue and the social map; a grant, its decision (four eyes), its
change or end, and its letter."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import action_view, call_service
from eenplan.core.once import submitted_once

from . import selectors, services
from .forms import CatalogueForm, ChangeForm, DecideForm, EndForm
from .models import GrantVersion


@action_view(Action.CATALOGUE_VIEW)
def catalogue(request):
    """Search services and the social map by domain, topic, words and area.
    With `plan` (a plan's public id), each offer and service links back to
    the plan's action form, chosen for the action."""
    form = CatalogueForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = selectors.catalogue_search(
            actor=request.actor,
            text=data["q"],
            domain_id=data["domain"].pk if data["domain"] else None,
            topic=data["topic"],
            team_id=data["team"].pk if data["team"] else None,
            kind=data["kind"],
        )
    plan = request.GET.get("plan", "")
    return render(
        request,
        "services/catalogue.html",
        {
            "form": form,
            "results": results,
            "plan": plan if _is_uuid(plan) else "",
            "nav": "catalogue",
        },
    )


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


FORMS = {"decide": DecideForm, "change": ChangeForm, "end": EndForm}


@action_view(Action.STAFF_USE)
@require_http_methods(["GET", "POST"])
@submitted_once
def grant_detail(request, uuid):
    """A grant: its versions and letters; the approver decides here, the
    director changes or ends it."""
    actor = request.actor
    view = selectors.grant_get(actor=actor, uuid=uuid)
    grant = view.grant
    case_open = grant.case.is_open
    can_decide = case_open and selectors.pending_for(grant_view=view, actor=actor)
    can_change = (
        case_open
        and view.pending is None
        and bool(view.schedule)
        and bool(policy.can(actor, Action.GRANT_REQUEST, grant.case))
    )
    step = request.POST.get("step", "")
    forms = {
        name: form_class(
            request.POST if step == name else None,
            prefix=name,
            initial=_initial(name, view),
        )
        for name, form_class in FORMS.items()
    }
    if request.method == "POST":
        if step not in FORMS:
            raise Hidden(Action.GRANT_REQUEST, "services.grant")
        form = forms[step]
        if form.is_valid():
            done = _submit(request, step, form, view)
            if done is not None:
                messages.success(request, done)
                return redirect("services:grant", uuid=grant.uuid)
    return render(
        request,
        "services/grant_detail.html",
        {
            "view": view,
            "grant": grant,
            "case": grant.case,
            "can_decide": can_decide,
            "can_change": can_change,
            "decide_form": forms["decide"],
            "change_form": forms["change"],
            "end_form": forms["end"],
            "step": step,
            "statuses": GrantVersion.Status,
            "nav": "work",
        },
    )


def _initial(name, view):
    segment = view.in_force
    if name == "change" and segment is not None:
        return {
            "units": segment.units.normalize(),
            "period": segment.period,
            "ends_on": segment.ends_on,
        }
    return {}


def _submit(request, step, form, view):
    actor, data = request.actor, form.cleaned_data
    if step == "decide":
        if view.pending is None:
            policy.require(actor, Action.GRANT_REQUEST, view.grant.case)
            form.add_error(None, _("This grant has been decided already."))
            return None
        approve = data["decision"] == "approve"
        done = call_service(
            form,
            services.grant_decide,
            actor=actor,
            version=view.pending,
            approve=approve,
            reason=data["reason"],
        )
        if done is None:
            return None
        return (
            _("The grant has been approved.")
            if approve
            else _("The grant has been refused.")
        )
    service = services.grant_change if step == "change" else services.grant_end
    done = call_service(form, service, actor=actor, grant=view.grant, **data)
    if done is None:
        return None
    if done.status == GrantVersion.Status.PENDING:
        return _("The change waits for approval by someone who holds the mandate.")
    return (
        _("The grant has been changed.")
        if step == "change"
        else _("The grant has been ended.")
    )


@action_view(Action.STAFF_USE)
def letter(request, uuid, number):
    """The decision letter of one version, as the PDF stored at the decision."""
    pdf = selectors.letter_get(actor=request.actor, uuid=uuid, number=number)
    response = HttpResponse(pdf, content_type="application/pdf")
    # No name in the file name: it ends up in downloads folders and logs.
    response["Content-Disposition"] = f'inline; filename="beschikking-{number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
