# SPDX-License-Identifier: EUPL-1.2
"""Shared pytest fixtures: one team with each role, a household, reference data.

Registered for every test by the root `conftest.py`. Staff users get the
password `eenplan.accounts.tests.factories.PASSWORD`.
"""

import pytest

from eenplan.accounts.tests.factories import (
    DirectorFactory,
    FrontDeskFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
)
from eenplan.assessments.tests.factories import life_domains as _life_domains
from eenplan.cases.tests.factories import CaseFactory
from eenplan.intake.tests.factories import RequestFactory
from eenplan.intake.tests.factories import triage_rules as _triage_rules
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory
from eenplan.plans.tests.factories import PlanFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="Wijkteam Noord", postcode_areas="2671,2672")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Wijkteam Zuid", postcode_areas="2681")


@pytest.fixture
def front_desk(team):
    return FrontDeskFactory(team=team, username="balie")


@pytest.fixture
def professional(team):
    """A professional in the team who may not be director."""
    return ProfessionalFactory(team=team, username="professional")


@pytest.fixture
def director(team):
    """A professional in the team who may be director (regisseur)."""
    return DirectorFactory(team=team, username="regisseur")


@pytest.fixture
def team_leader(team):
    return TeamLeaderFactory(team=team, username="teamleider")


@pytest.fixture
def household(team):
    """Two parents and one child, served by `team`."""
    return HouseholdFactory(team=team, members__adults=2, members__children=1)


@pytest.fixture
def help_request(household, front_desk):
    """A request for help for every member of `household`, awaiting triage."""
    return RequestFactory(household=household, registered_by=front_desk)


@pytest.fixture
def request_awaiting_director(household, front_desk):
    """A request triaged as integral: the team leader can open a case for it."""
    return RequestFactory(
        household=household, registered_by=front_desk, awaiting_director=True
    )


@pytest.fixture
def open_case(household, director):
    """The household's open case, directed by `director`."""
    return CaseFactory(household=household, director=director)


@pytest.fixture
def draft_plan(open_case):
    """Version 1 of the case's plan: a draft with one goal."""
    return PlanFactory(case=open_case, goals=1)


@pytest.fixture
def agreed_plan(open_case):
    """Version 1 of the case's plan, agreed today, with one goal."""
    return PlanFactory(case=open_case, agreed=True)


@pytest.fixture
def life_domains(db):
    """The 13 active ZRM life domains, in their order."""
    return _life_domains()


@pytest.fixture
def triage_rules(db):
    """The published triage rules as database rows."""
    return _triage_rules()
