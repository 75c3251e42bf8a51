# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's pages: requests for access and their exports, retention
and destruction, emergency accesses.

Names, dates of birth and BSNs arrive by POST only and leave as a person's
UUID in the URL of the request form; an export is reached by its request.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenplan.access.actions import Action
from eenplan.access.views import action_view, call_service
from eenplan.core.errors import ApplicationError, NotFoundOrForbidden
from eenplan.core.once import submitted_once
from eenplan.people.forms import PersonLookupForm
from eenplan.privacy import domain as privacy_domain
from eenplan.privacy import selectors as privacy_selectors
from eenplan.privacy import services as privacy_services
from eenplan.privacy.forms import ReviewForm
from eenplan.privacy.models import RetentionPolicy, RetentionRun

from . import export, requests, retention
from .forms import ExportRequestForm, HandOverForm, RetentionPolicyForm

EXPORT_NAV, RETENTION_NAV = "export", "retention"  # the header's current link


# --- Requests for access (inzageverzoeken) and their exports ------------------------


@action_view(Action.PERSON_EXPORT)
@require_GET
def export_requests(request):
    return render(
        request,
        "officer/export_requests.html",
        {"register": requests.register_list(actor=request.actor), "nav": EXPORT_NAV},
    )


@action_view(Action.PERSON_EXPORT)
@require_http_methods(["GET", "POST"])
def person_find(request):
    form = PersonLookupForm(request.POST if request.method == "POST" else None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = export.person_search(actor=request.actor, **form.cleaned_data)
        if len(results) == 1:
            return redirect("officer:export_request_new", uuid=results[0].uuid)
    return render(
        request,
        "officer/person_find.html",
        {"form": form, "results": results, "nav": EXPORT_NAV},
    )


@action_view(Action.PERSON_EXPORT)
@require_http_methods(["GET", "POST"])
@submitted_once
def export_request_new(request, uuid):
    """Register who asked for the person's data, when, identity and ground."""
    person, open_requests = requests.person_for_request(actor=request.actor, uuid=uuid)
    today = timezone.localdate()
    form = ExportRequestForm(
        request.POST or None,
        initial={"received_on": today, "requester": "person", "ground": "avg_15"},
        date_ranges={"received_on": privacy_domain.export_received_on_range(today)},
    )
    if request.method == "POST" and form.is_valid():
        item = call_service(
            form,
            requests.register,
            actor=request.actor,
            person=person,
            **form.cleaned_data,
        )
        if item:
            messages.success(
                request,
                _("The request has been registered; answer it by %(deadline)s.")
                % {"deadline": item.deadline.strftime("%d-%m-%Y")},
            )
            return redirect("officer:export_request", uuid=item.uuid)
    return render(
        request,
        "officer/export_request_new.html",
        {
            "form": form,
            "person": person,
            "open_requests": open_requests,
            "nav": EXPORT_NAV,
        },
    )


def _hand_over_form(item, data=None):
    today = timezone.localdate()
    return HandOverForm(
        data,
        initial={"handed_over_on": today},
        date_ranges={
            "handed_over_on": privacy_domain.export_handed_over_on_range(
                today, item.received_on
            )
        },
    )


def _export_page(request, item, hand_over_form=None):
    data = requests.request_export(actor=request.actor, item=item)
    return export.render(
        request,
        data,
        context={
            "item": item,
            "hand_over_form": hand_over_form or _hand_over_form(item),
        },
    )


@action_view(Action.PERSON_EXPORT)
@require_GET
def export_request(request, uuid):
    """The request with the person's data export made for it."""
    item = requests.request_get(actor=request.actor, uuid=uuid)
    return _export_page(request, item)


@action_view(Action.PERSON_EXPORT)
@require_POST
def export_request_json(request, uuid):
    """The JSON download: a button (POST with a CSRF token), so that no link,
    prefetch or crawler can make an export appear in the audit trail."""
    item = requests.request_get(actor=request.actor, uuid=uuid)
    data = requests.request_export(actor=request.actor, item=item)
    return export.render(request, data, fmt="json")


@action_view(Action.PERSON_EXPORT)
@require_POST
@submitted_once
def export_request_hand_over(request, uuid):
    item = requests.request_get(actor=request.actor, uuid=uuid)
    form = _hand_over_form(item, request.POST)
    if form.is_valid() and call_service(
        form, requests.hand_over, actor=request.actor, item=item, **form.cleaned_data
    ):
        messages.success(request, _("The export is recorded as handed over."))
        return redirect("officer:export_requests")
    return _export_page(request, item, hand_over_form=form)


# --- Retention and destruction -----------------------------------------------------


@action_view(Action.PRIVACY_REVIEW)
@require_GET
def retention_overview(request):
    return render(
        request,
        "officer/retention.html",
        {
            "policies": retention.policy_list(actor=request.actor),
            "runs": retention.run_list(actor=request.actor),
            "nav": RETENTION_NAV,
        },
    )


@action_view(Action.PRIVACY_REVIEW)
@require_POST
@submitted_once
def retention_start(request):
    run = retention.retention_run_start(actor=request.actor)
    if run.total:
        messages.success(
            request,
            _(
                "%(count)d records are due for destruction. "
                "Check the list and approve it."
            )
            % {"count": run.total},
        )
    else:
        messages.success(request, _("Nothing is due for destruction."))
    return redirect("officer:retention_run", uuid=run.uuid)


@action_view(Action.PRIVACY_REVIEW)
@require_GET
def retention_run(request, uuid):
    run = retention.run_get(actor=request.actor, uuid=uuid)
    labels = dict(RetentionPolicy.RecordType.choices)
    groups = [
        {"record_type": record_type, "label": labels[record_type], "rows": rows}
        for record_type in retention.ORDER
        if (rows := run.due.get(record_type))
    ]
    return render(
        request,
        "officer/retention_run.html",
        {
            "run": run,
            "groups": groups,
            "destructions": list(run.destructions.all()),
            "Status": RetentionRun.Status,
            "nav": RETENTION_NAV,
        },
    )


def _run_step(request, uuid, service, done: str):
    run = retention.run_get(actor=request.actor, uuid=uuid)
    try:
        service(actor=request.actor, run=run)
    except ApplicationError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("officer:retention_run", uuid=run.uuid)


@action_view(Action.PRIVACY_REVIEW)
@require_POST
@submitted_once
def retention_approve(request, uuid):
    return _run_step(
        request,
        uuid,
        retention.retention_run_approve,
        _("The destruction has been approved; it can now be executed."),
    )


@action_view(Action.PRIVACY_REVIEW)
@require_POST
@submitted_once
def retention_execute(request, uuid):
    return _run_step(
        request,
        uuid,
        retention.retention_run_execute,
        _("The records have been destroyed; the destruction record is below."),
    )


@action_view(Action.PRIVACY_REVIEW)
@require_http_methods(["GET", "POST"])
@submitted_once
def retention_policy(request, record_type):
    rule = retention.policy_get(actor=request.actor, record_type=record_type)
    form = RetentionPolicyForm(
        request.POST or None,
        record_type=rule.record_type,
        initial={"years": rule.years, "trigger": rule.trigger, "basis": rule.basis},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            retention.retention_policy_change,
            actor=request.actor,
            policy=rule,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The retention period has been changed."))
        return redirect("officer:retention")
    return render(
        request,
        "officer/retention_policy.html",
        {"form": form, "rule": rule, "nav": RETENTION_NAV},
    )


# --- Emergency accesses (break the glass) -----------------------------------------


@action_view(Action.PRIVACY_REVIEW)
@require_http_methods(["GET", "POST"])
@submitted_once
def break_glass_review(request):
    accesses = privacy_selectors.break_glass_list(actor=request.actor)
    submitted = None
    if request.method == "POST":
        access = next(
            (a for a in accesses if str(a.uuid) == request.POST.get("access")), None
        )
        if access is None:
            raise NotFoundOrForbidden()
        form = ReviewForm(request.POST, prefix=str(access.uuid))
        if form.is_valid() and call_service(
            form,
            privacy_services.break_glass_review,
            actor=request.actor,
            access=access,
            **form.cleaned_data,
        ):
            messages.success(request, _("The emergency access has been reviewed."))
            return redirect("officer:break_glass_review")
        submitted = (access.uuid, form)
    rows = [
        {
            "access": access,
            "form": submitted[1]
            if submitted and submitted[0] == access.uuid
            else ReviewForm(prefix=str(access.uuid)),
        }
        for access in accesses
    ]
    return render(
        request,
        "officer/break_glass_review.html",
        {
            "rows": rows,
            "follow_up": [a for a in accesses if a.verdict == a.Verdict.NOT_JUSTIFIED],
            "nav": "privacy",
        },
    )
