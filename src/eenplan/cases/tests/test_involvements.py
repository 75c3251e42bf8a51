# SPDX-License-Identifier: EUPL-1.2
"""Professionals involved in a case: a third at the kitchen table needs a reason."""

import pytest
from django.urls import reverse

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.cases import services
from eenplan.cases.errors import AlreadyInvolved, ThirdProfessionalNeedsReason
from eenplan.cases.models import Involvement
from eenplan.core.errors import PermissionDenied
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.people import selectors as people_selectors
from eenplan.privacy.models import Consent, DataCategory

pytestmark = pytest.mark.django_db


def involve(actor, case, professional, reason=""):
    return services.involvement_add(
        actor=act(actor),
        case=case,
        professional=professional,
        role="schuldhulpverlener",
        reason=reason,
    )


def test_second_professional_needs_no_reason(director, open_case, other_team):
    involvement = involve(director, open_case, ProfessionalFactory(team=other_team))
    assert involvement.reason == ""


def test_third_professional_at_the_table_needs_a_reason(director, open_case):
    involve(director, open_case, ProfessionalFactory())
    with pytest.raises(ThirdProfessionalNeedsReason):
        involve(director, open_case, ProfessionalFactory())
    third = involve(
        director, open_case, ProfessionalFactory(), reason="Acute GGZ-problematiek"
    )
    assert third.reason == "Acute GGZ-problematiek"


def test_the_director_or_an_active_professional_cannot_be_added_twice(
    director, open_case
):
    colleague = ProfessionalFactory()
    involve(director, open_case, colleague)
    for professional in (director, colleague):
        with pytest.raises(AlreadyInvolved):
            involve(director, open_case, professional, reason="x")


def test_only_director_and_team_leader_involve_others(professional, open_case):
    with pytest.raises(PermissionDenied):
        involve(professional, open_case, ProfessionalFactory())


def test_partner_professional_sees_the_household_only_with_consent(
    director, open_case, other_team
):
    """Involvement from outside the team opens nothing without consent."""
    outsider = ProfessionalFactory(
        team=other_team,
        organisation=OrganisationFactory(name="GGZ", kind="mental_health"),
    )
    postcode = open_case.household.postcode
    involvement = involve(director, open_case, outsider)
    assert not people_selectors.household_search(actor=act(outsider), postcode=postcode)
    for person in open_case.household.members():
        consent = Consent.objects.create(
            person=person,
            purpose="Samen één plan",
            given_how="written",
            given_by="person",
            recorded_by=director,
        )
        consent.organisations.set([outsider.organisation])
        consent.categories.set(DataCategory.objects.all())
    assert people_selectors.household_search(actor=act(outsider), postcode=postcode)
    services.involvement_end(actor=act(director), involvement=involvement)
    assert not people_selectors.household_search(actor=act(outsider), postcode=postcode)


def test_adding_a_third_without_reason_shows_the_question_on_the_form(
    client, director, open_case
):
    involve(director, open_case, ProfessionalFactory())
    third = ProfessionalFactory(team=open_case.team)  # a colleague: sees it all
    client.force_login(director)
    url = reverse("cases:involvement_add", kwargs={"uuid": open_case.uuid})
    response = client.post(url, {"professional": third.pk, "role": "jeugdhulp"})
    assert response.status_code == 200
    assert "utrecht-alert--error" in response.content.decode()
    assert not Involvement.objects.filter(professional=third).exists()
    response = client.post(
        url, {"professional": third.pk, "role": "jeugdhulp", "reason": "Veiligheid"}
    )
    assert response.status_code == 302
