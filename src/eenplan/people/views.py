# SPDX-License-Identifier: EUPL-1.2
"""Register households and their members (finding them is the workspace's)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.views import call_service, staff_view
from eenplan.core.once import submitted_once
from eenplan.organisations.models import Team

from . import selectors, services
from .forms import HouseholdForm, PersonForm, PersonFormSet


def _person_data(cleaned) -> services.NewPerson:
    return services.NewPerson(
        given_names=cleaned["given_names"],
        family_name=cleaned["family_name"],
        birth_date=cleaned["birth_date"],
        relation=cleaned["relation"],
        bsn=cleaned.get("bsn", ""),
        phone=cleaned.get("phone", ""),
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def household_new(request):
    actor = request.actor
    policy.require(actor, Action.HOUSEHOLD_CREATE)
    teams = Team.objects.filter(pk__in=actor.team_ids())
    form = HouseholdForm(request.POST or None, teams=teams)
    formset = PersonFormSet(request.POST or None, prefix="person")
    known = None
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        members = [
            _person_data(f.cleaned_data) for f in formset.forms if f.cleaned_data
        ]
        # Already known? Show the household (its page says who works with it)
        # and register a new one only when asked to anyway.
        known = selectors.households_known(
            actor=actor,
            postcode=form.cleaned_data["postcode"],
            house_number=form.cleaned_data["house_number"],
            bsns=[m.bsn for m in members if m.bsn],
        )
        if known and not request.POST.get("register_anyway"):
            return render(
                request,
                "people/household_new.html",
                {"form": form, "formset": formset, "known": known, "nav": "search"},
            )
        household = call_service(
            form,
            services.household_create,
            actor=actor,
            members=members,
            **form.cleaned_data,
        )
        if household is not None:
            messages.success(request, _("The household has been registered."))
            return redirect("intake:request_new", household_uuid=household.uuid)
    return render(
        request,
        "people/household_new.html",
        {"form": form, "formset": formset, "known": known, "nav": "search"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def member_new(request, uuid):
    household = selectors.household_get(
        actor=request.actor, uuid=uuid, then=Action.HOUSEHOLD_MEMBER_ADD
    )
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = call_service(
            form,
            services.household_member_add,
            actor=request.actor,
            household=household,
            data=_person_data(form.cleaned_data),
        )
        if person is not None:
            messages.success(request, _("The person has been added to the household."))
            return redirect("workspace:household", uuid=household.uuid)
    return render(
        request,
        "people/member_new.html",
        {"form": form, "household": household, "nav": "search"},
    )
