# SPDX-License-Identifier: EUPL-1.2
"""The queue of requests routed to a team or partner organisation."""

import pytest
from django.urls import reverse

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.intake import selectors
from eenplan.intake.models import Outcome
from eenplan.intake.tests.factories import TriageDecisionFactory
from eenplan.organisations.tests.factories import OrganisationFactory, intake_for
from eenplan.privacy.tests.factories import consent_for

pytestmark = pytest.mark.django_db


def routed(help_request, **target):
    help_request.status = help_request.Status.ROUTED
    help_request.save()
    TriageDecisionFactory(
        request=help_request,
        suggested_outcome=Outcome.ONE_DISCIPLINE,
        **target,
    )
    return help_request


def test_request_routed_to_a_team_is_in_that_teams_queue(help_request, other_team):
    routed(help_request, target_team=other_team)
    receiver = ProfessionalFactory(team=other_team)
    outsider = ProfessionalFactory()
    assert list(selectors.requests_routed_to_me(actor=act(receiver))) == [help_request]
    assert not selectors.requests_routed_to_me(actor=act(outsider)).exists()


def test_request_routed_to_an_organisation_reaches_its_intake_for_the_team(
    help_request, other_team
):
    """Not everyone on the organisation's payroll: its intake for this team."""
    debt_help = OrganisationFactory(name="Schuldhulp", kind="debt_help")
    for person in help_request.persons.all():
        consent_for(person, debt_help)
    routed(help_request, target_organisation=debt_help)
    receiver = ProfessionalFactory(organisation=debt_help, team=other_team)
    colleague_elsewhere = ProfessionalFactory(organisation=debt_help, team=other_team)
    assert not selectors.requests_routed_to_me(actor=act(receiver)).exists()
    intake_for(receiver, help_request.team)
    assert list(selectors.requests_routed_to_me(actor=act(receiver))) == [help_request]
    assert not selectors.requests_routed_to_me(actor=act(colleague_elsewhere)).exists()


def test_receiver_reads_the_request_but_not_the_household_file(
    client, help_request, other_team
):
    routed(help_request, target_team=other_team)
    client.force_login(ProfessionalFactory(team=other_team))
    work = client.get(reverse("workspace:my_work")).content.decode()
    assert str(help_request.uuid) in work
    page = client.get(reverse("intake:request", kwargs={"uuid": help_request.uuid}))
    assert page.status_code == 200
    household = reverse(
        "workspace:household", kwargs={"uuid": help_request.household.uuid}
    )
    assert client.get(household).status_code == 404
