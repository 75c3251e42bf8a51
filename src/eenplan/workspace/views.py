# SPDX-License-Identifier: EUPL-1.2
"""My work, the household page and the case page: pages that gather from
several apps, each part shown by its data category."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Function
from eenplan.access.categories import Category
from eenplan.access.errors import Hidden
from eenplan.access.views import call_service, staff_view
from eenplan.assessments import selectors as assessment_selectors
from eenplan.assessments.models import Level
from eenplan.cases import selectors as case_selectors
from eenplan.collaboration import selectors as collaboration_selectors
from eenplan.collaboration import services as collaboration_services
from eenplan.collaboration.forms import JournalForm
from eenplan.consultations import selectors as consultation_selectors
from eenplan.core.once import submitted_once
from eenplan.organisations.models import Team
from eenplan.people import selectors as people_selectors
from eenplan.people.forms import SearchForm
from eenplan.privacy import selectors as privacy_selectors
from eenplan.services import selectors as grant_selectors

from . import selectors

# Where staff without case work start: their function's own pages.
FUNCTION_HOME = {
    Function.MANAGEMENT: "insights:index",
    Function.PRIVACY_OFFICER: "audit:list",
    Function.FUNCTIONAL_ADMIN: "admin:index",
}


@login_required
def my_work(request):
    """Case workers' start page; staff with a function but no team go to theirs."""
    actor = request.actor
    if not policy.can(actor, Action.STAFF_USE) and actor.functions:
        for function, home in FUNCTION_HOME.items():
            # Django's admin opens for is_staff users only: no redirect into
            # a refusal for a functional admin who has not been given it.
            if home == "admin:index" and not request.user.is_staff:
                continue
            if actor.has_function(function):
                return redirect(home)
        return render(request, "workspace/no_case_work.html", {"nav": "work"})
    return _case_work(request)


@staff_view
def _case_work(request):
    context = selectors.my_work(actor=request.actor)
    context["nav"] = "work"
    return render(request, "workspace/my_work.html", context)


@staff_view
@require_http_methods(["GET", "POST"])
def search(request):
    """Search by POST, so names and BSNs never end up in URLs or access logs."""
    form = SearchForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = selectors.household_search(actor=request.actor, **form.cleaned_data)
    return render(
        request,
        "workspace/search.html",
        {
            "form": form,
            "results": results,
            "can_register": policy.can(request.actor, Action.HOUSEHOLD_CREATE),
            "nav": "search",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
@submitted_once
def case_detail(request, uuid):
    """The case: its parts by category (a partner sees what consent allows).

    A report is written here too: a refused one is shown again on the page
    with its error beside the field, so nothing typed is lost."""
    actor = request.actor
    journal_form = JournalForm(request.POST or None)
    if request.method == "POST":
        case = case_selectors.case_get(
            actor=actor, uuid=uuid, then=Action.JOURNAL_CREATE
        )
        if journal_form.is_valid() and call_service(
            journal_form,
            collaboration_services.journal_add,
            actor=actor,
            case=case,
            **journal_form.cleaned_data,
        ):
            messages.success(request, _("The report has been saved."))
            return redirect("workspace:case", uuid=case.uuid)
    read = case_selectors.case_read(actor=actor, uuid=uuid)
    case, shares, persons = read.case, read.shares, read.persons
    today = timezone.localdate()
    directing = case.is_open and bool(policy.can(actor, Action.PLAN_CHANGE, case))
    involvements = case_selectors.case_involvements(case=case)
    at_table = [inv for inv in involvements if inv.at_kitchen_table]
    return render(
        request,
        "workspace/case_detail.html",
        {
            "case": case,
            "access": read.access,
            "shares": shares,
            "members": read.members,
            "withheld": read.withheld,
            "adults": [p for p in persons if p.is_adult_on(today)],
            "intake": getattr(case, "intake", None) if shares.case_file else None,
            "handovers": case_selectors.case_handovers(case=case)
            if shares.case_file
            else [],
            "involvements": involvements,
            "at_table": at_table,
            "in_background": [i for i in involvements if not i.at_kitchen_table],
            "at_table_count": 1 + len(at_table),
            "consents": privacy_selectors.consent_overview(
                household=case.household, persons=persons
            ),
            "legal_bases": privacy_selectors.legal_bases_of(case=case),
            "can_consent": bool(
                policy.can(actor, Action.CONSENT_RECORD, case.household)
            ),
            "journal": collaboration_selectors.journal_for(
                actor=actor, case=case, shares=shares
            ),
            "journal_form": journal_form,
            "can_write_journal": case.is_open
            and bool(policy.can(actor, Action.JOURNAL_CREATE, case)),
            "referrals": collaboration_selectors.referrals_for(case=case)
            if shares.case_file
            else [],
            "charts": assessment_selectors.zrm_charts(
                actor=actor, case=case, persons=persons, shares=shares
            ),
            "levels": Level.objects.all(),
            "plans": selectors.case_plans(case=case) if shares.case_file else None,
            "can_direct": directing,
            "can_reassign": case.is_open
            and bool(policy.can(actor, Action.CASE_CHANGE_DIRECTOR, case)),
            "grants": grant_selectors.grants_for(case=case, shares=shares),
            "services_shared": shares.any(Category.SERVICES),
            "can_grant": case.is_open
            and bool(policy.can(actor, Action.GRANT_REQUEST, case)),
            "escalations": consultation_selectors.case_escalations(case=case),
            "can_escalate": case.is_open
            and bool(policy.can(actor, Action.ESCALATION_RAISE, case)),
            "nav": "work",
        },
    )


@staff_view
def household_detail(request, uuid):
    actor = request.actor
    read = people_selectors.household_read(actor=actor, uuid=uuid)
    household, persons = read.household, read.persons
    return render(
        request,
        "workspace/household_detail.html",
        {
            "household": household,
            "members": read.members,
            "withheld": read.withheld,
            "timeline": selectors.household_timeline(actor=actor, household=household),
            "involved": selectors.household_professionals(
                household=household, actor=actor
            ),
            "open_cases": selectors.household_open_cases(household=household),
            "consents": privacy_selectors.consent_overview(
                household=household, persons=persons
            ),
            "can_consent": bool(policy.can(actor, Action.CONSENT_RECORD, household)),
            "can_register": policy.can(actor, Action.REQUEST_CREATE, household),
            "nav": "search",
        },
    )


@staff_view
def teams(request):
    """A team leader's teams: straight to the overview when there is one."""
    policy.require(request.actor, Action.TEAM_VIEW)
    led = selectors.teams_led(actor=request.actor)
    if len(led) == 1:
        return redirect("workspace:team", uuid=led[0].uuid)
    return render(request, "workspace/teams.html", {"teams": led, "nav": "team"})


@staff_view
def team(request, uuid):
    """The team leader's overview: load, absence, and what is stuck."""
    team = Team.objects.filter(uuid=uuid).first()
    if team is None or not policy.can(request.actor, Action.TEAM_VIEW, team):
        raise Hidden(Action.TEAM_VIEW, "organisations.team")
    context = selectors.team_overview(actor=request.actor, team=team)
    context["nav"] = "team"
    return render(request, "workspace/team.html", context)
