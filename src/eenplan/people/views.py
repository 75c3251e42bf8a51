# SPDX-License-Identifier: EUPL-1.2
"""Find households, register new ones and show a household with its timeline."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.core.views import call_service, staff_view
from eenplan.organisations.models import Team
from eenplan.privacy import policy
from eenplan.privacy import selectors as privacy_selectors

from . import selectors, services
from .forms import HouseholdForm, PersonForm, PersonFormSet, SearchForm


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
def search(request):
    """Search by POST, so names and BSNs never end up in URLs or access logs."""
    form = SearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = selectors.household_search(actor=request.user, **form.cleaned_data)
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "can_register": policy.can(request.user, "household.create"),
            "nav": "search",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def household_new(request):
    policy.require(request.user, "household.create")
    teams = Team.objects.filter(pk__in=policy.team_ids(request.user))
    form = HouseholdForm(request.POST or None, teams=teams)
    formset = PersonFormSet(request.POST or None, prefix="person")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        members = [
            _person_data(f.cleaned_data) for f in formset.forms if f.cleaned_data
        ]
        household = call_service(
            form,
            services.household_create,
            actor=request.user,
            members=members,
            **form.cleaned_data,
        )
        if household is not None:
            messages.success(request, _("The household has been registered."))
            return redirect("intake:request_new", household_uuid=household.uuid)
    return render(
        request,
        "people/household_new.html",
        {"form": form, "formset": formset, "nav": "search"},
    )


@staff_view
def household_detail(request, uuid):
    household = selectors.household_get(actor=request.user, uuid=uuid)
    return render(
        request,
        "people/household_detail.html",
        {
            "household": household,
            "timeline": selectors.household_timeline(
                actor=request.user, household=household
            ),
            "involved": selectors.household_professionals(household=household),
            "open_cases": selectors.household_open_cases(household=household),
            "consents": privacy_selectors.consent_overview(
                household=household,
                persons=[m.person for m in household.current_members],
            ),
            "can_consent": bool(policy.can(request.user, "consent.record", household)),
            "can_register": policy.can(request.user, "request.create", household),
            "nav": "search",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def member_new(request, uuid):
    household = selectors.household_get(actor=request.user, uuid=uuid)
    policy.require(request.user, "household.create", household.team)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = call_service(
            form,
            services.household_member_add,
            actor=request.user,
            household=household,
            data=_person_data(form.cleaned_data),
        )
        if person is not None:
            messages.success(request, _("The person has been added to the household."))
            return redirect("people:household", uuid=household.uuid)
    return render(
        request,
        "people/member_new.html",
        {"form": form, "household": household, "nav": "search"},
    )
