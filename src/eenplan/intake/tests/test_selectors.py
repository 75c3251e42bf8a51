# SPDX-License-Identifier: EUPL-1.2
"""The queue of requests routed to a team or partner organisation."""

import pytest
from django.urls import reverse

from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.intake import selectors
from eenplan.intake.models import Outcome
from eenplan.intake.tests.factories import TriageDecisionFactory
from eenplan.organisations.tests.factories import OrganisationFactory

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
    assert list(selectors.requests_routed_to_me(actor=receiver)) == [help_request]
    assert not selectors.requests_routed_to_me(actor=outsider).exists()


def test_request_routed_to_an_organisation_reaches_its_staff(help_request):
    debt_help = OrganisationFactory(name="Schuldhulp", kind="debt_help")
    routed(help_request, target_organisation=debt_help)
    receiver = ProfessionalFactory(organisation=debt_help)
    assert list(selectors.requests_routed_to_me(actor=receiver)) == [help_request]


def test_receiver_reads_the_request_but_not_the_household_file(
    client, help_request, other_team
):
    routed(help_request, target_team=other_team)
    client.force_login(ProfessionalFactory(team=other_team))
    work = client.get(reverse("cases:my_work")).content.decode()
    assert str(help_request.uuid) in work
    page = client.get(reverse("intake:request", kwargs={"uuid": help_request.uuid}))
    assert page.status_code == 200
    household = reverse(
        "people:household", kwargs={"uuid": help_request.household.uuid}
    )
    assert client.get(household).status_code == 404
