# SPDX-License-Identifier: EUPL-1.2
"""The access matrix: every staff URL × every kind of actor → allowed or refused.

One table (`ROUTES`) names, for every URL of the staff application, which
actors may use it. Each actor is a role with a relation to one household's
case, with consent in every state (see `world.ACTORS`). The test builds the
same small world for every cell, requests the URL as that actor and checks the
answer: allowed is 200 or a redirect, refused is 403 or 404 (never a 500). A
URL added without an entry fails `test_every_staff_url_is_in_the_matrix`.

A route name may carry a variant after "#" (the same URL for another object).
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from eenplan.privacy.tests.factories import (
    ExportRequestFactory,
    RetentionRunFactory,
    retention_policies,
)

from .world import ACTORS, INVITED, World

STAFF_NAMESPACES = {
    "workspace",
    "cases",
    "people",
    "intake",
    "plans",
    "privacy",
    "collaboration",
    "consultations",
    "audit",
    "officer",
    "inbox",
    "services",
    "insights",
}


class Route(NamedTuple):
    method: str
    kwargs: object  # World -> URL kwargs
    allowed: set[str]


TEAM = {"desk", "colleague", "director", "involved", "leader"}
DIRECTING = {"director", "leader"}
DESK = {"desk", "leader"}
CONSENT = {"desk", "leader", "director"}
OFFICER = {"privacy_officer"}
# Read the case page: by relation, or as a partner with basic data shared.
CASE_PAGE = {
    "director",
    "involved",
    "leader",
    "ext_consent",
    "ext_basis",
    "ext_one_person",
    "ext_legal_basis",
}
# Read the household's request and plan: consent of everyone, or a legal basis.
CASE_FILE = {"director", "involved", "leader", "ext_consent", "ext_legal_basis"}
# Read a grant for the household's first adult: consent of that adult (for all
# categories) opens it to a partner; a legal basis for the plan does not.
SERVICES = {"director", "involved", "leader", "ext_consent", "ext_one_person"}
# Read and write reports.
JOURNAL = {"director", "involved", "leader", "ext_consent"}
ALL = set(ACTORS)
# Open the team's consultation: its chair (the director), the team leader and
# those invited; each sees of the case what their organisation may.
CONSULTATION = INVITED | DIRECTING
# Read the escalation: those on the case, and the forum's members.
ESCALATION = CASE_PAGE | {"ext_none", "ext_withdrawn", "stranger"}
CASE_WORKERS = ALL - {"management", "privacy_officer", "functional_admin"}

ROUTES = {
    # The start page: case workers' work; others are sent to their function's page.
    "workspace:my_work": Route("get", lambda w: {}, ALL),
    "workspace:case": Route("get", lambda w: {"uuid": w.case.uuid}, CASE_PAGE),
    "workspace:household": Route(
        "get", lambda w: {"uuid": w.case.household.uuid}, TEAM | (CASE_PAGE - TEAM)
    ),
    "cases:open": Route("get", lambda w: {"request_uuid": w.request.uuid}, {"leader"}),
    "cases:intake": Route("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:assessment_new": Route(
        "get",
        lambda w: {"uuid": w.case.uuid, "person_uuid": w.adult.uuid},
        DIRECTING,
    ),
    "cases:close": Route("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:director": Route("get", lambda w: {"uuid": w.case.uuid}, {"leader"}),
    "cases:involvement_add": Route("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:involvement_end": Route(
        "post",
        lambda w: {"uuid": w.case.uuid, "involvement_uuid": w.involvement.uuid},
        DIRECTING,
    ),
    # The follow-up check: the director who closed the case and the team leader.
    "cases:follow_up": Route("get", lambda w: {"uuid": w.follow_up.uuid}, DIRECTING),
    "cases:legal_basis_new": Route("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:legal_basis_end": Route(
        "post",
        lambda w: {"uuid": w.case.uuid, "basis_uuid": w.legal_basis.uuid},
        DIRECTING,
    ),
    # Team members without a relation may break the glass; those who may read
    # the case are sent on to it; everyone else never learns the case exists.
    "cases:break_glass": Route(
        "post", lambda w: {"uuid": w.case.uuid}, {"desk", "colleague"} | CASE_PAGE
    ),
    "workspace:search": Route("get", lambda w: {}, CASE_WORKERS),
    "people:household_new": Route("get", lambda w: {}, DESK),
    "people:member_new": Route("get", lambda w: {"uuid": w.case.household.uuid}, DESK),
    "intake:request_new": Route(
        "get", lambda w: {"household_uuid": w.case.household.uuid}, DESK
    ),
    # Published rules: every staff member.
    "intake:rules": Route("get", lambda w: {}, ALL),
    "intake:request": Route("get", lambda w: {"uuid": w.request.uuid}, TEAM),
    # Routed to the receiving organisation: its intake for the team, within the
    # persons' consent; not its staff elsewhere.
    "intake:request#routed": Route(
        "get", lambda w: {"uuid": w.routed.uuid}, TEAM | {"receiver"}
    ),
    # The case already has a plan: directing roles get the message, not a 500.
    "cases:plan_start": Route("post", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "plans:plan": Route("get", lambda w: {"uuid": w.plan.uuid}, CASE_FILE),
    "plans:review": Route("get", lambda w: {"uuid": w.plan.uuid}, DIRECTING),
    "plans:print": Route("get", lambda w: {"uuid": w.plan.uuid}, DIRECTING),
    "privacy:consent_new": Route(
        "get",
        lambda w: {
            "household_uuid": w.case.household.uuid,
            "person_uuid": w.adult.uuid,
        },
        CONSENT,
    ),
    "privacy:consent_withdraw": Route(
        "get", lambda w: {"uuid": w.referral_consent.uuid}, CONSENT
    ),
    "officer:break_glass_review": Route("get", lambda w: {}, OFFICER),
    "audit:list": Route("get", lambda w: {}, OFFICER),
    "audit:person_search": Route("post", lambda w: {}, OFFICER),
    "audit:export": Route("get", lambda w: {}, OFFICER),
    "officer:person_find": Route("get", lambda w: {}, OFFICER),
    "officer:export_requests": Route("get", lambda w: {}, OFFICER),
    "officer:export_request_new": Route(
        "get", lambda w: {"uuid": w.adult.uuid}, OFFICER
    ),
    "officer:export_request": Route(
        "get",
        lambda w: {
            "uuid": ExportRequestFactory(person=w.adult, registered_by=w.user).uuid
        },
        OFFICER,
    ),
    "officer:export_request_json": Route(
        "post",
        lambda w: {
            "uuid": ExportRequestFactory(person=w.adult, registered_by=w.user).uuid
        },
        OFFICER,
    ),
    "officer:export_request_hand_over": Route(
        "post",
        lambda w: {
            "uuid": ExportRequestFactory(person=w.adult, registered_by=w.user).uuid
        },
        OFFICER,
    ),
    "officer:retention": Route("get", lambda w: {}, OFFICER),
    "officer:retention_start": Route("post", lambda w: {}, OFFICER),
    "officer:retention_policy": Route(
        "get",
        lambda w: {"record_type": retention_policies()["case"].record_type},
        OFFICER,
    ),
    "officer:retention_run": Route(
        "get", lambda w: {"uuid": RetentionRunFactory().uuid}, OFFICER
    ),
    "officer:retention_approve": Route(
        "post", lambda w: {"uuid": RetentionRunFactory().uuid}, OFFICER
    ),
    "officer:retention_execute": Route(
        "post", lambda w: {"uuid": RetentionRunFactory(approved=True).uuid}, OFFICER
    ),
    # Writing a report is a POST to the case page.
    "workspace:case#journal": Route("post", lambda w: {"uuid": w.case.uuid}, JOURNAL),
    # Actions assigned to partners: the director assigns; those who read the
    # plan, and the receiving organisation's intake it is assigned to, read it.
    "plans:action_assign": Route("get", lambda w: {"uuid": w.action.uuid}, DIRECTING),
    "plans:assignment": Route(
        "get", lambda w: {"uuid": w.assignment.uuid}, CASE_FILE | {"receiver"}
    ),
    # The team leader's overview, and absences with their hand-overs; the
    # letter to the household about a new director.
    "workspace:teams": Route("get", lambda w: {}, {"leader"}),
    "workspace:team": Route("get", lambda w: {"uuid": w.team.uuid}, {"leader"}),
    "cases:absence_new": Route(
        "get",
        lambda w: {
            "team_uuid": w.team.uuid,
            "user_uuid": w.involvement.professional.uuid,
        },
        {"leader"},
    ),
    "cases:handover_letter": Route(
        "get", lambda w: {"uuid": w.handover.uuid}, DIRECTING
    ),
    # Everyone's own inbox; a notification opens for its recipient only.
    "inbox:list": Route("get", lambda w: {}, ALL),
    "inbox:open": Route("get", lambda w: {"uuid": w.notification.uuid}, {"director"}),
    "collaboration:referral_new": Route(
        "get", lambda w: {"case_uuid": w.case.uuid}, DIRECTING
    ),
    # Only the author corrects a report (the world's reports are the director's).
    "collaboration:journal_correct": Route(
        "get", lambda w: {"uuid": w.report.uuid}, {"director"}
    ),
    "collaboration:referral": Route(
        "get", lambda w: {"uuid": w.referral.uuid}, CASE_FILE | {"receiver"}
    ),
    # Consultations: only the actor's own are listed; team leaders and
    # directors plan them.
    "consultations:list": Route("get", lambda w: {}, CASE_WORKERS),
    "consultations:new": Route("get", lambda w: {}, DIRECTING),
    "consultations:detail": Route(
        "get", lambda w: {"uuid": w.consultation.uuid}, CONSULTATION
    ),
    "consultations:cancel": Route(
        "post", lambda w: {"uuid": w.consultation.uuid}, DIRECTING
    ),
    "consultations:outcome": Route(
        "get", lambda w: {"uuid": w.agenda_item.uuid}, DIRECTING
    ),
    # Escalation: those on the case raise it (an open one exists: the page
    # says so); the forum's members plan its meeting.
    "consultations:escalate": Route(
        "get", lambda w: {"case_uuid": w.case.uuid}, CASE_PAGE
    ),
    "consultations:escalation": Route(
        "get", lambda w: {"uuid": w.escalation.uuid}, ESCALATION
    ),
    "consultations:escalation_withdraw": Route(
        "post", lambda w: {"uuid": w.escalation.uuid}, {"director"}
    ),
    "consultations:forum_meeting_new": Route(
        "get", lambda w: {}, {"leader", "stranger"}
    ),
    # The catalogue and the social map are not personal data: all staff.
    "services:catalogue": Route("get", lambda w: {}, ALL),
    "services:catalogue#search": Route("get", lambda w: {}, ALL),
    # A grant (and its letter) is services data about one adult: by relation,
    # or for a partner with that adult's consent for the services category.
    "services:grant": Route("get", lambda w: {"uuid": w.grant.uuid}, SERVICES),
    "services:letter": Route(
        "get", lambda w: {"uuid": w.grant.uuid, "number": 1}, SERVICES
    ),
    "cases:grant_new": Route("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    # Steering information: management and policy, aggregates only.
    "insights:index": Route("get", lambda w: {}, {"management"}),
    "insights:view": Route("get", lambda w: {"view": "workload"}, {"management"}),
    "insights:view#finance": Route(
        "get", lambda w: {"view": "finance"}, {"management"}
    ),
    "insights:view#quality": Route(
        "get", lambda w: {"view": "quality"}, {"management"}
    ),
    "insights:view#staffing": Route(
        "get", lambda w: {"view": "staffing"}, {"management"}
    ),
    "insights:accountability": Route("get", lambda w: {}, {"management"}),
    "insights:accountability#report": Route("get", lambda w: {}, {"management"}),
    "insights:accountability_pdf": Route("get", lambda w: {}, {"management"}),
    # Everyone with a role in a team writes their own hours.
    "workspace:time": Route("get", lambda w: {}, CASE_WORKERS),
    "insights:definition": Route(
        "get", lambda w: {"code": "need_profiles"}, {"management"}
    ),
    "insights:export": Route(
        "get", lambda w: {"code": "requests_by_channel", "fmt": "xlsx"}, {"management"}
    ),
}

# Routes that answer with a file, not a page: the page checks (titles, dates,
# reflow, forms) leave them out.
NOT_HTML = {
    "audit:export",
    "services:letter",
    "insights:export",
    "insights:accountability_pdf",
}

POST_DATA = {
    "cases:break_glass": {"reason": "Acute zorgen, regisseur onbereikbaar."},
    "workspace:case#journal": {"text": "Huisbezoek afgelegd."},
    "consultations:cancel": {"reason": "De voorzitter is ziek."},
    "services:catalogue#search": {"q": "koffie", "domain": "sociaal-netwerk"},
    # A partner's accountability report for a quarter (data of the world).
    "insights:accountability#report": lambda w: quarter_of(w),
    "insights:accountability_pdf": lambda w: quarter_of(w),
}


def quarter_of(world: World) -> dict:
    return {"organisation": str(world.partner.uuid), "year": "2026", "quarter": "4"}


def url_name(route: str) -> str:
    return route.partition("#")[0]


def url_of(world: World, route: str) -> str:
    return reverse(url_name(route), kwargs=ROUTES[route].kwargs(world))


def staff_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace in STAFF_NAMESPACES:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, None)
    return names


def request(client, world: World, route: str):
    method = ROUTES[route].method
    data = POST_DATA.get(route, {})
    if callable(data):
        data = data(world)
    return getattr(client, method)(url_of(world, route), data)


def test_every_staff_url_is_in_the_matrix():
    assert staff_url_names() == {url_name(route) for route in ROUTES}


def test_every_allowed_actor_is_known():
    for name, route in ROUTES.items():
        assert route.allowed <= set(ACTORS), name


@pytest.mark.django_db
@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_access_matrix(client, route, actor):
    world = World(actor)
    client.force_login(world.user)
    response = request(client, world, route)
    if actor in ROUTES[route].allowed:
        assert response.status_code in (200, 302), (route, actor, response.status_code)
    else:
        assert response.status_code in (403, 404), (route, actor, response.status_code)
