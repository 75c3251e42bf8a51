# SPDX-License-Identifier: EUPL-1.2
"""Write the plan with the household, agree it, read earlier versions, review it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import call_service, staff_view
from eenplan.people.selectors import current_members

from . import domain, selectors, services
from .forms import ActionForm, AgreeForm, GoalForm, LockedForm, ReviewForm
from .models import Plan, PlanLocked


def _forms(request, plan, step):
    """The draft's forms; only the submitted one is bound to the POST data."""
    today = timezone.localdate()
    lock = {"lock_version": plan.lock_version}

    def data(name):
        return request.POST if step == name else None

    return {
        "goal_form": GoalForm(data("goal"), initial=lock, prefix="goal"),
        "action_form": ActionForm(
            data("action"),
            plan=plan,
            initial=lock,
            prefix="action",
            date_ranges={"due_on": domain.due_on_range(today)},
        ),
        "agree_form": AgreeForm(
            data("agree"),
            initial={
                **lock,
                "agreed_on": today,
                "agreed_how": Plan.AgreedHow.IN_PERSON,
                "next_review_due": domain.latest_review_date(today),
            },
            prefix="agree",
            date_ranges={
                "agreed_on": domain.agreed_on_range(today, plan.case.opened_on)
            },
        ),
    }


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
        forms = _forms(request, plan, step)
        result = _handle(request, plan, step, forms)
        if result is not None:
            return result
    elif request.method == "POST":
        policy.require(actor, Action.PLAN_CHANGE, plan.case)
        raise PlanLocked()
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "case": plan.case,
            "review": selectors.plan_review(plan=plan),
            "can_change": can_change,
            "can_print": bool(policy.can(actor, Action.PLAN_PRINT, plan)),
            "can_review": plan.status == Plan.Status.AGREED
            and plan.case.is_open
            and bool(policy.can(actor, Action.REVIEW_CREATE, plan.case)),
            "nav": "work",
            **forms,
        },
    )


def _handle(request, plan, step, forms):
    """Run the submitted step; a redirect on success, None to show the page again."""
    actor = request.actor
    if step == "goal" and forms["goal_form"].is_valid():
        form = forms["goal_form"]
        if call_service(
            form, services.goal_add, actor=actor, plan=plan, **form.cleaned_data
        ):
            messages.success(request, _("The goal has been added."))
            return redirect("plans:plan", uuid=plan.uuid)
    elif step == "action" and forms["action_form"].is_valid():
        form = forms["action_form"]
        if call_service(
            form, services.action_add, actor=actor, plan=plan, **form.cleaned_data
        ):
            messages.success(request, _("The action has been added."))
            return redirect("plans:plan", uuid=plan.uuid)
    elif step == "agree" and forms["agree_form"].is_valid():
        form = forms["agree_form"]
        if call_service(
            form, services.plan_agree, actor=actor, plan=plan, **form.cleaned_data
        ):
            messages.success(request, _("The plan has been agreed with the household."))
            return redirect("workspace:case", uuid=plan.case.uuid)
    elif step in ("goal_remove", "action_remove"):
        return _remove(request, plan, step)
    return None


def _remove(request, plan, step):
    form = LockedForm(request.POST)
    items = plan.goals.all() if step == "goal_remove" else plan.actions.all()
    item = next((i for i in items if str(i.uuid) == request.POST.get("item")), None)
    if item is None or not form.is_valid():
        raise Hidden(Action.PLAN_CHANGE, "plans.goal")
    service = services.goal_remove if step == "goal_remove" else services.action_remove
    key = "goal" if step == "goal_remove" else "action"
    call_service(
        form,
        service,
        actor=request.actor,
        lock_version=form.cleaned_data["lock_version"],
        **{key: item},
    )
    for error in form.non_field_errors():
        messages.error(request, error)
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
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def review_new(request, uuid):
    """Review the agreed version with the household; opens the next version."""
    plan = selectors.plan_get(actor=request.actor, uuid=uuid, then=Action.REVIEW_CREATE)
    services.require_open(plan.case)
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
