# SPDX-License-Identifier: EUPL-1.2
"""Every staff page: login required, the right role or a 403 (never a 500).

The route table below must name every URL of the staff apps: a new URL
without an entry fails `test_every_staff_url_is_in_the_route_table`.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from eenplan.accounts.tests.factories import (
    DirectorFactory,
    FrontDeskFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
    UserFactory,
)
from eenplan.cases.tests.factories import CaseFactory, InvolvementFactory
from eenplan.intake.tests.factories import TriageDecisionFactory
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.plans.tests.factories import PlanFactory

STAFF_NAMESPACES = {"cases", "people", "intake", "plans"}
ROLES = ("front_desk", "professional", "director", "team_leader")
ALL = dict.fromkeys(ROLES, 200)
DESK = {"front_desk": 200, "professional": 403, "director": 403, "team_leader": 200}
DIRECTING = {
    "front_desk": 403,
    "professional": 403,
    "director": 200,
    "team_leader": 200,
}
LEADER = {"front_desk": 403, "professional": 403, "director": 403, "team_leader": 200}

# name -> (method, kwargs from the world, expected status per role)
ROUTES = {
    "cases:my_work": ("get", lambda w: {}, ALL),
    "cases:open": ("get", lambda w: {"request_uuid": w.request.uuid}, LEADER),
    "cases:case": ("get", lambda w: {"uuid": w.case.uuid}, ALL),
    "cases:intake": ("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:assessment_new": (
        "get",
        lambda w: {"uuid": w.case.uuid, "person_uuid": w.adult.uuid},
        DIRECTING,
    ),
    "cases:close": ("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:director": ("get", lambda w: {"uuid": w.case.uuid}, LEADER),
    "cases:involvement_add": ("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:involvement_end": (
        "post",
        lambda w: {"uuid": w.case.uuid, "involvement_uuid": w.involvement.uuid},
        {"front_desk": 403, "professional": 403, "director": 302, "team_leader": 302},
    ),
    "people:search": ("get", lambda w: {}, ALL),
    "people:household_new": ("get", lambda w: {}, DESK),
    "people:household": ("get", lambda w: {"uuid": w.case.household.uuid}, ALL),
    "people:member_new": ("get", lambda w: {"uuid": w.case.household.uuid}, DESK),
    "intake:request_new": (
        "get",
        lambda w: {"household_uuid": w.case.household.uuid},
        DESK,
    ),
    "intake:rules": ("get", lambda w: {}, ALL),
    "intake:request": ("get", lambda w: {"uuid": w.request.uuid}, ALL),
    # A case that already has a plan: starting another is refused, never a 500.
    "plans:start": (
        "post",
        lambda w: {"case_uuid": w.case.uuid},
        {"front_desk": 403, "professional": 403, "director": 302, "team_leader": 302},
    ),
    "plans:plan": ("get", lambda w: {"uuid": w.plan.uuid}, ALL),
    "plans:review": ("get", lambda w: {"uuid": w.plan.uuid}, DIRECTING),
}


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


class World:
    """One team with every role, a request awaiting a director, a case with a plan."""

    def __init__(self):
        self.team = TeamFactory()
        self.users = {
            "front_desk": FrontDeskFactory(team=self.team),
            "professional": ProfessionalFactory(team=self.team),
            "director": DirectorFactory(team=self.team),
            "team_leader": TeamLeaderFactory(team=self.team),
        }
        household = HouseholdFactory(team=self.team, members__adults=1)
        self.request = TriageDecisionFactory(
            request__household=household, request__awaiting_director=True
        ).request
        self.case = CaseFactory(
            household__team=self.team, director=self.users["director"]
        )
        self.adult = members_of(self.case.household)[0]
        self.plan = PlanFactory(case=self.case, agreed=True)
        self.involvement = InvolvementFactory(case=self.case)

    def url(self, name):
        _method, kwargs, _expected = ROUTES[name]
        return reverse(name, kwargs=kwargs(self))


@pytest.fixture
def world(db):
    return World()


def test_every_staff_url_is_in_the_route_table():
    assert staff_url_names() == set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_staff_page_requires_login(client, world, name):
    method = ROUTES[name][0]
    response = getattr(client, method)(world.url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_user_without_a_team_role_gets_403(client, world, name):
    client.force_login(UserFactory())
    method = ROUTES[name][0]
    response = getattr(client, method)(world.url(name))
    assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_staff_page_answers_per_role(client, world, name, role):
    method, _kwargs, expected = ROUTES[name]
    client.force_login(world.users[role])
    response = getattr(client, method)(world.url(name))
    assert response.status_code == expected[role]


def test_refusal_is_a_clear_page_in_dutch(client, world):
    client.force_login(world.users["professional"])
    response = client.get(reverse("people:household_new"))
    assert response.status_code == 403
    assert response["Content-Language"] == "nl"
    assert "<h1" in response.content.decode()


@pytest.mark.parametrize("name", ["cases:case", "people:household", "plans:plan"])
def test_other_teams_staff_get_404_as_if_it_did_not_exist(client, world, name):
    client.force_login(DirectorFactory(team=TeamFactory()))
    response = client.get(world.url(name))
    assert response.status_code == 404
    assert world.adult.family_name not in response.content.decode()


@pytest.mark.parametrize(
    "name", sorted(n for n, (method, _k, _e) in ROUTES.items() if method == "get")
)
def test_page_title_is_short_plain_text(client, world, name):
    import re

    expected = ROUTES[name][2]
    role = next(
        r for r in ("director", "team_leader", "front_desk") if expected[r] == 200
    )
    client.force_login(world.users[role])
    html = client.get(world.url(name)).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.endswith("— Eenplan")
    assert "<" not in title and len(title) < 80


def test_request_page_title_is_plain_while_waiting_for_triage(client, world):
    import re

    from eenplan.intake.tests.factories import RequestFactory

    waiting = RequestFactory(household=world.case.household)
    client.force_login(world.users["front_desk"])
    html = client.get(reverse("intake:request", kwargs={"uuid": waiting.uuid}))
    title = re.search(r"<title>(.*?)</title>", html.content.decode(), re.S).group(1)
    assert "<" not in title and len(title) < 80
