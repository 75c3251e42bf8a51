# SPDX-License-Identifier: EUPL-1.2
"""The nine defects of issue 7, each with the test that failed before the policy
was rebuilt around the actor."""

import pytest
from django.urls import reverse
from django.utils import timezone

from eenplan.access.categories import Category
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.audit.models import AuditEntry
from eenplan.cases.errors import ThirdProfessionalNeedsReason
from eenplan.cases.models import Involvement
from eenplan.cases.tests.factories import CaseFactory
from eenplan.collaboration import services as collaboration_services
from eenplan.intake import services as intake_services
from eenplan.intake.errors import RoutingNeedsBasis
from eenplan.intake.models import Outcome
from eenplan.intake.tests.factories import RequestFactory, ScreeningFactory
from eenplan.organisations.tests.factories import IntakePointFactory
from eenplan.privacy.models import DataCategory, LegalBasis

from .world import World

pytestmark = pytest.mark.django_db


def _new_entries(since: int):
    return list(AuditEntry.objects.filter(id__gt=since))


def _last() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_1_the_timeline_shows_a_partner_only_what_its_consent_covers(client):
    world = World("ext_basis")
    RequestFactory(
        household=world.case.household,
        registered_by=world.director,
        question="Schulden en somberheid sinds de scheiding",
    )
    url = reverse("workspace:household", kwargs={"uuid": world.case.household.uuid})
    client.force_login(world.user)
    page = client.get(url).content.decode()
    assert "Schulden en somberheid" not in page
    assert "eenplan-withheld" in page
    client.force_login(world.director)
    assert "Schulden en somberheid" in client.get(url).content.decode()


def test_2_routing_to_an_organisation_rests_on_consent_or_a_legal_basis(
    front_desk, help_request, triage_rules
):
    from eenplan.organisations.tests.factories import OrganisationFactory

    partner = OrganisationFactory(name="Schuldhulp Oost", kind="debt_help")
    IntakePointFactory(organisation=partner, team=help_request.team)
    ScreeningFactory(request=help_request, screened_by=front_desk)
    with pytest.raises(RoutingNeedsBasis):
        intake_services.triage_decide(
            actor=act(front_desk),
            request=help_request,
            outcome=Outcome.ONE_DISCIPLINE,
            override_reason="Alleen schulden",
            target_organisation=partner,
        )
    intake_services.triage_decide(
        actor=act(front_desk),
        request=help_request,
        outcome=Outcome.ONE_DISCIPLINE,
        override_reason="Alleen schulden",
        target_organisation=partner,
        basis_law=LegalBasis.Law.WGS,
        basis_categories=DataCategory.objects.filter(code=Category.CASE_FILE),
        basis_explanation="Schuldhulpverlening is een taak van de gemeente (Wgs).",
    )
    basis = LegalBasis.objects.get(request=help_request)
    assert basis.organisation == partner
    assert basis.case is None


def test_2_the_receiver_sees_what_consent_allows_and_no_screening(client):
    world = World("receiver")
    world.routed.screening.notes = "Drugsgebruik en psychische klachten"
    world.routed.screening.save()
    client.force_login(world.user)
    page = client.get(
        reverse("intake:request", kwargs={"uuid": world.routed.uuid})
    ).content.decode()
    assert world.routed.question in page  # consent for the request and plan
    assert "Drugsgebruik" not in page  # no consent for the ZRM-like screening
    assert 'id="screening-withheld"' in page


def test_3_a_refused_page_is_audited_exactly_once(client):
    world = World("colleague")
    client.force_login(world.user)
    before = _last()
    response = client.get(reverse("cases:close", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 403
    assert [e.outcome for e in _new_entries(before)] == ["refused"]


def test_4_accepting_a_referral_goes_through_the_involvement_service():
    world = World("receiver")
    # The director and two professionals: the receiver would be the fourth.
    Involvement.objects.create(
        case=world.case, professional=ProfessionalFactory(), role="jeugdhulp"
    )
    with pytest.raises(ThirdProfessionalNeedsReason):
        collaboration_services.referral_answer(
            actor=act(world.user), referral=world.referral, accept=True
        )
    before = _last()
    collaboration_services.referral_answer(
        actor=act(world.user),
        referral=world.referral,
        accept=True,
        role="schuldhulpverlener",
        reason="Schulden vragen een specialist",
    )
    joined = Involvement.objects.get(case=world.case, professional=world.user)
    assert joined.reason == "Schulden vragen een specialist"
    actions = [e.action for e in _new_entries(before)]
    assert "case.involve" in actions and "referral.accept" in actions


def test_5_a_director_reads_their_closed_case_and_is_told_it_cannot_change(
    client, director, household
):
    case = CaseFactory(household=household, director=director, closed=True)
    client.force_login(director)
    assert (
        client.get(reverse("workspace:case", kwargs={"uuid": case.uuid})).status_code
        == 200
    )
    before = _last()
    response = client.get(reverse("cases:close", kwargs={"uuid": case.uuid}))
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()
    assert not any(e.outcome == "refused" for e in _new_entries(before))


def test_6_an_involved_partner_without_consent_is_told_the_real_reason(client):
    world = World("ext_none")
    client.force_login(world.user)
    response = client.get(reverse("workspace:case", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 403
    page = response.content.decode()
    assert "geen toestemming of wettelijke grondslag" in page
    assert "betrokken professional" not in page


def test_7_a_withdrawn_consent_closes_the_referral_at_the_next_read(client):
    world = World("receiver")
    url = reverse("collaboration:referral", kwargs={"uuid": world.referral.uuid})
    client.force_login(world.user)
    assert client.get(url).status_code == 200
    world.referral_consent.withdrawn_on = timezone.localdate()
    world.referral_consent.save()
    assert client.get(url).status_code == 404
    work = client.get(reverse("workspace:my_work")).content.decode()
    assert str(world.referral.uuid) not in work


def test_8_a_routed_request_is_for_the_organisations_intake_for_the_team(client):
    for actor, status in (("receiver", 200), ("receiver_elsewhere", 404)):
        world = World(actor)
        client.force_login(world.user)
        url = reverse("intake:request", kwargs={"uuid": world.routed.uuid})
        assert client.get(url).status_code == status, actor


def test_9_adding_a_partner_says_first_what_they_will_not_see(client):
    world = World("director")
    partner = ProfessionalFactory(organisation=world.partner)
    url = reverse("cases:involvement_add", kwargs={"uuid": world.case.uuid})
    client.force_login(world.director)
    data = {"professional": partner.pk, "role": "behandelaar", "reason": "GGZ"}
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="sharing-preview"' in page
    assert "Niet gedeeld" in page
    assert not Involvement.objects.filter(professional=partner).exists()
    response = client.post(url, {**data, "confirmed": "on"})
    assert response.status_code == 302
    assert Involvement.objects.filter(professional=partner).exists()


def test_2_a_partners_own_team_receives_like_the_partner(
    front_desk, help_request, triage_rules
):
    """Routing to a team of one partner organisation (its specialist team) is
    routing to that organisation: it rests on consent or a legal basis too."""
    from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory

    ggz = OrganisationFactory(name="GGZ Oost", kind="mental_health")
    specialists = TeamFactory(organisation=ggz)
    ScreeningFactory(request=help_request, screened_by=front_desk)
    with pytest.raises(RoutingNeedsBasis):
        intake_services.triage_decide(
            actor=act(front_desk),
            request=help_request,
            outcome=Outcome.ONE_DISCIPLINE,
            override_reason="Alleen GGZ",
            target_team=specialists,
        )


def test_2_the_receiver_does_not_read_the_screening_in_the_fired_rules(client):
    world = World("receiver")
    world.routed.triage.fired_rules = [
        {
            "code": "x",
            "name": "Twee leefgebieden",
            "outcome": "integral",
            "explanation": "Geestelijke gezondheid, Middelengebruik op niveau 2",
        }
    ]
    world.routed.triage.save()
    client.force_login(world.user)
    page = client.get(
        reverse("intake:request", kwargs={"uuid": world.routed.uuid})
    ).content.decode()
    assert "Middelengebruik" not in page
    household = reverse(
        "workspace:household", kwargs={"uuid": world.routed.household.uuid}
    )
    assert household not in page  # no link to a page that would refuse
