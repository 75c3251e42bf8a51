# SPDX-License-Identifier: EUPL-1.2
"""Consent pages: record a person's consent, withdraw it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import call_service, staff_view
from eenplan.core.once import submitted_once
from eenplan.core.redirects import safe_next
from eenplan.people import selectors as people_selectors

from . import domain, selectors, services
from .forms import ConsentForm, WithdrawForm


def _member(read, person_uuid):
    for person in read.persons:
        if str(person.uuid) == str(person_uuid):
            return person
    raise Hidden(Action.CONSENT_RECORD, "people.person")


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def consent_new(request, household_uuid, person_uuid):
    read = people_selectors.household_read(
        actor=request.actor, uuid=household_uuid, then=Action.CONSENT_RECORD
    )
    household, person = read.household, _member(read, person_uuid)
    today = timezone.localdate()
    decides = services.who_decides(person, today)
    form = ConsentForm(
        request.POST or None,
        date_ranges={
            "given_on": domain.consent_given_on_range(today, person.birth_date)
        },
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
            actor=request.actor,
            person=person,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The consent has been recorded."))
        return redirect(
            safe_next(request) or reverse("workspace:household", args=[household.uuid])
        )
    return render(
        request,
        "privacy/consent_form.html",
        {
            "form": form,
            "household": household,
            "person": person,
            "age": person.age_on(today),
            "explanation": domain.decides_explanation(decides, person.age_on(today)),
            "next": safe_next(request),
            "nav": "work",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def consent_withdraw(request, uuid):
    """Confirm a withdrawal: who asked and when, with a note; then at once."""
    consent = selectors.consent_get(
        actor=request.actor, uuid=uuid, then=Action.CONSENT_RECORD
    )
    today = timezone.localdate()
    form = WithdrawForm(
        request.POST or None,
        initial={"asked_on": today},
        date_ranges={
            "asked_on": domain.withdrawal_asked_on_range(today, consent.given_on)
        },
    )
    back = safe_next(request)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.consent_withdraw,
            actor=request.actor,
            consent=consent,
            **form.cleaned_data,
        )
    ):
        messages.success(
            request, _("The consent has been withdrawn; it takes effect at once.")
        )
        return redirect(back or "workspace:my_work")
    return render(
        request,
        "privacy/consent_withdraw.html",
        {"form": form, "consent": consent, "next": back, "nav": "work"},
    )
