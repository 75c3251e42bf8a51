# SPDX-License-Identifier: EUPL-1.2
"""Write the plan with the household, agree it, read earlier versions, review it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import call_service, staff_view
from eenplan.core.once import submitted_once
from eenplan.people.selectors import current_members
from eenplan.services import selectors as catalogue

from . import domain, selectors, services
from .forms import (
    ActionForm,
    AgreeForm,
    AssignForm,
    AssignmentAnswerForm,
    AssignmentReportForm,
    GoalForm,
    LockedForm,
    ReviewForm,
)
from .models import Action as PlanAction
from .models import Assignment, Plan, PlanLocked

# The draft's forms, by the prefix of their fields and the value of the
# submit button ("step") that sends them.
STEPS = {"goal": GoalForm, "action": ActionForm, "agree": AgreeForm}


def _typed(data, prefix: str) -> dict:
    """What the user typed into the form with `prefix` (its lock version aside:
    that is always the plan's current one)."""
    fields = STEPS[prefix].base_fields
    typed = {}
    for name in fields:
        key = f"{prefix}-{name}"
        if name != "lock_version" and key in data:
            values = data.getlist(key) if hasattr(data, "getlist") else data[key]
            typed[name] = values if len(values) > 1 else values[0]
    return typed


def _carry_key(plan) -> str:
    return f"plan-typed-{plan.uuid}"


def _forms(request, plan, step):
    """The draft's forms. They are one form on the page, so every submit sends
    what was typed in all of them: the submitted one is bound and checked, the
    others show what was typed (after a successful step, carried over in the
    session to the page the redirect shows)."""
    today = timezone.localdate()
    lock = {"lock_version": plan.lock_version}
    if request.method == "POST":
        typed = {prefix: _typed(request.POST, prefix) for prefix in STEPS}
    else:
        typed = request.session.pop(_carry_key(plan), {})
        chosen = _from_catalogue(request.GET)
        if chosen:
            typed["action"] = {**chosen, **typed.get("action", {})}
    defaults = {
        "agree": {
            "agreed_on": today,
            "agreed_how": Plan.AgreedHow.IN_PERSON,
            "next_review_due": domain.latest_review_date(today),
        }
    }
    extra = {
        "action": {
            "plan": plan,
            "date_ranges": {"due_on": domain.due_on_range(today)},
        },
        "agree": {
            "date_ranges": {
                "agreed_on": domain.agreed_on_range(today, plan.case.opened_on)
            }
        },
    }
    forms = {}
    for prefix, form_class in STEPS.items():
        bound = request.POST if step == prefix else None
        initial = {**defaults.get(prefix, {}), **typed.get(prefix, {}), **lock}
        forms[f"{prefix}_form"] = form_class(
            bound, initial=initial, prefix=prefix, **extra.get(prefix, {})
        )
    return forms, typed


def _from_catalogue(query) -> dict:
    """An offer or service chosen in the catalogue for a new action (its public
    id in the link back): the action form starts from it."""
    offer = catalogue.offer_get(uuid=query.get("offer", ""))
    if offer is not None:
        return {
            "offer": str(offer.uuid),
            "description": offer.name,
            "performer_kind": PlanAction.PerformerKind.VOLUNTEER,
            "performer": offer.organiser,
        }
    service = catalogue.service_get(uuid=query.get("service", ""))
    if service is not None:
        return {
            "service": str(service.uuid),
            "description": service.name,
            "performer_kind": PlanAction.PerformerKind.PROFESSIONAL,
            "performer": service.provider.name,
            "organisation": str(service.provider_id),
        }
    return {}


def _keep_typed(request, plan, typed, done: str) -> None:
    """After a successful step, keep what was typed in the other forms."""
    kept = {prefix: values for prefix, values in typed.items() if prefix != done}
    if any(kept.values()):
        request.session[_carry_key(plan)] = kept


@staff_view
@require_http_methods(["GET", "POST"])
def plan_detail(request, uuid):
    """A plan version; on a draft, goals, actions and the agreement are entered."""
    actor = request.actor
    plan = selectors.plan_get(actor=actor, uuid=uuid)
    can_change = (
        plan.is_draft
        and plan.case.is_open
        and bool(policy.can(actor, Action.PLAN_CHANGE, plan.case))
    )
    forms = {}
    if can_change:
        step = request.POST.get("step", "")
        forms, typed = _forms(request, plan, step)
        result = _handle(request, plan, step, forms, typed)
        if result is not None:
            return result
    elif request.method == "POST":
        policy.require(actor, Action.PLAN_CHANGE, plan.case)
        raise PlanLocked()
    review = selectors.plan_review(plan=plan)
    stalled = selectors.mark_stalled(plan, timezone.localdate())
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "case": plan.case,
            "review": review,
            "can_change": can_change,
            "can_print": bool(policy.can(actor, Action.PLAN_PRINT, plan)),
            # Assign on the version in force, before its review (the service).
            "can_assign": plan.status == Plan.Status.AGREED
            and review is None
            and plan.case.is_open
            and bool(policy.can(actor, Action.ASSIGNMENT_CREATE, plan.case)),
            "stalled": stalled,
            # A service of an action is granted once the plan is in force.
            "can_grant": plan.status == Plan.Status.AGREED
            and plan.case.is_open
            and bool(policy.can(actor, Action.GRANT_REQUEST, plan.case)),
            "can_review": plan.status == Plan.Status.AGREED
            and review is None
            and plan.case.is_open
            and bool(policy.can(actor, Action.REVIEW_CREATE, plan.case)),
            "nav": "work",
            **forms,
        },
    )


DONE = {
    "goal": (services.goal_add, gettext_lazy("The goal has been added.")),
    "action": (services.action_add, gettext_lazy("The action has been added.")),
    "agree": (
        services.plan_agree,
        gettext_lazy("The plan has been agreed with the household."),
    ),
}


def _handle(request, plan, step, forms, typed):
    """Run the submitted step; a redirect on success, None to show the page again."""
    if request.method != "POST":
        return None
    remove = request.POST.get("remove", "")
    if remove:
        return _remove(request, plan, remove, typed)
    if step not in DONE:
        return None
    form = forms[f"{step}_form"]
    if not form.is_valid():
        return None
    service, message = DONE[step]
    if not call_service(
        form, service, actor=request.actor, plan=plan, **form.cleaned_data
    ):
        return None
    messages.success(request, str(message))
    if step == "agree":
        return redirect("workspace:case", uuid=plan.case.uuid)
    _keep_typed(request, plan, typed, step)
    return redirect("plans:plan", uuid=plan.uuid)


def _remove(request, plan, remove: str, typed):
    """A goal's or action's remove button: "goal:<uuid>" or "action:<uuid>"."""
    kind, _sep, item_uuid = remove.partition(":")
    if kind not in ("goal", "action"):
        raise Hidden(Action.PLAN_CHANGE, "plans.goal")
    items = plan.goals.all() if kind == "goal" else plan.actions.all()
    item = next((i for i in items if str(i.uuid) == item_uuid), None)
    form = LockedForm(request.POST, prefix="goal")
    if item is None or not form.is_valid():
        raise Hidden(Action.PLAN_CHANGE, f"plans.{kind}")
    service = services.goal_remove if kind == "goal" else services.action_remove
    call_service(
        form,
        service,
        actor=request.actor,
        lock_version=form.cleaned_data["lock_version"],
        **{kind: item},
    )
    for error in form.non_field_errors():
        messages.error(request, error)
    _keep_typed(request, plan, typed, done="")
    return redirect("plans:plan", uuid=plan.uuid)


@staff_view
def plan_print(request, uuid):
    """The plan as a document for the household: print it or save it as PDF."""
    plan = selectors.plan_for_print(actor=request.actor, uuid=uuid)
    return render(
        request,
        "plans/plan_print.html",
        {
            "plan": plan,
            "case": plan.case,
            "members": current_members(plan.case.household),
            "goals": [(goal, goal.action_list) for goal in plan.goal_list],
            "loose_actions": plan.loose_actions,
            "sections": selectors.print_sections(plan=plan),
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def review_new(request, uuid):
    """Review the agreed version with the household; opens the next version."""
    plan = selectors.plan_get(actor=request.actor, uuid=uuid, then=Action.REVIEW_CREATE)
    services.require_open(plan.case)
    services.require_reviewable(plan)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        goals=plan.goal_list,
        initial={"held_on": today},
        date_ranges={
            "held_on": domain.review_held_on_range(today, plan.agreed_on or today)
        },
    )
    if request.method == "POST" and form.is_valid():
        draft = call_service(
            form,
            services.review_record,
            actor=request.actor,
            plan=plan,
            held_on=form.cleaned_data["held_on"],
            summary=form.cleaned_data["summary"],
            progress=form.progress(),
        )
        if draft is not None:
            messages.success(
                request,
                _("The review has been saved. Write version %(v)d with the household.")
                % {"v": draft.version},
            )
            return redirect("plans:plan", uuid=draft.uuid)
    return render(
        request,
        "plans/review_form.html",
        {"form": form, "plan": plan, "case": plan.case, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def action_assign(request, uuid):
    """Assign an action of the agreed plan to a partner (the director)."""
    action = selectors.action_for_assigning(actor=request.actor, uuid=uuid)
    case = action.plan.case
    services.require_open(case)
    organisations, professionals = selectors.assignees_for(case=case)
    form = AssignForm(
        request.POST or None, organisations=organisations, professionals=professionals
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.action_assign,
            actor=request.actor,
            action=action,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("The action has been assigned."))
        return redirect("plans:plan", uuid=action.plan.uuid)
    return render(
        request,
        "plans/action_assign.html",
        {"form": form, "action": action, "case": case, "nav": "work"},
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def assignment_detail(request, uuid):
    """An assigned action: the assignee answers it and reports on it here; the
    director and those on the case read how it stands."""
    actor = request.actor
    read = selectors.assignment_get(actor=actor, uuid=uuid)
    assignment = read.assignment
    open_case = assignment.case.is_open
    answering = (
        open_case
        and assignment.status == Assignment.Status.ASSIGNED
        and bool(policy.can(actor, Action.ASSIGNMENT_ANSWER, assignment))
    )
    reporting = (
        open_case
        and assignment.status == Assignment.Status.ACCEPTED
        and bool(policy.can(actor, Action.ASSIGNMENT_REPORT, assignment))
    )
    today = timezone.localdate()
    answer_form = AssignmentAnswerForm(
        request.POST if answering and "answer" in request.POST else None,
        prefix="answer",
    )
    report_form = AssignmentReportForm(
        request.POST if reporting and "report" in request.POST else None,
        prefix="report",
        initial={"reported_on": today},
        date_ranges={
            "reported_on": domain.report_on_range(
                today, timezone.localtime(assignment.created_at).date()
            )
        },
    )
    if request.method == "POST":
        if "answer" in request.POST:
            form, service = answer_form, services.assignment_answer
            policy.require(actor, Action.ASSIGNMENT_ANSWER, assignment)
        elif "report" in request.POST:
            form, service = report_form, services.assignment_report
            policy.require(actor, Action.ASSIGNMENT_REPORT, assignment)
        else:
            raise Hidden(Action.ASSIGNMENT_ANSWER, "plans.assignment")
        if not form.is_bound:  # answered or done meanwhile: the service says so
            form = type(form)(request.POST, prefix=form.prefix)
        if form.is_valid() and call_service(
            form, service, actor=actor, assignment=assignment, **form.cleaned_data
        ):
            messages.success(request, _("Saved."))
            return redirect("plans:assignment", uuid=assignment.uuid)
    return render(
        request,
        "plans/assignment_detail.html",
        {
            "assignment": assignment,
            "action": read.action,
            "reports": read.reports,
            "persons": read.persons,
            "withheld": read.withheld,
            "answer_form": answer_form if answering else None,
            "report_form": report_form if reporting else None,
            "stalled": domain.action_stalled(
                due_on=assignment.due_on,
                last_report_on=read.reports[0].reported_on if read.reports else None,
                is_open=assignment.is_open,
                today=today,
            ),
            "nav": "work",
        },
    )
