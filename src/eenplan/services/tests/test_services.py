# SPDX-License-Identifier: EUPL-1.2
"""Granting within and above a mandate (four eyes), changing and ending in
versions, and the decision letter."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from eenplan.access.errors import Refused
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import (
    DirectorFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
)
from eenplan.audit.models import AuditEntry
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import CaseClosed
from eenplan.inbox.models import Notification
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.services import services
from eenplan.services.errors import (
    AlreadyDecided,
    AlreadyPending,
    EndOutsideGrant,
    MandateExceeded,
    NotAMember,
    RefusalNeedsReason,
)
from eenplan.services.models import GrantVersion, Tariff
from eenplan.services.tests.factories import ServiceFactory, letter_template, mandate

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def world():
    class World:
        team = TeamFactory()
        director = DirectorFactory(team=team)
        leader = TeamLeaderFactory(team=team)
        second_leader = TeamLeaderFactory(team=team)
        case = CaseFactory(
            household=HouseholdFactory(team=team, members__adults=2),
            director=director,
        )
        person = members_of(case.household)[0]
        # € 36.50 an hour: 3 hours a week for 52 weeks is € 5,694.00.
        service = ServiceFactory(name="Huishoudelijke ondersteuning")

    letter_template()
    mandate("professional", law="wmo", max_cost="7500", max_weeks=52)
    mandate("team_leader", max_cost="60000")
    return World


def _request(world, *, units="3", weeks=52, actor=None):
    return services.grant_request(
        actor=act(actor or world.director),
        case=world.case,
        person=world.person,
        service=world.service,
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=7 * weeks - 1),
        units=Decimal(units),
        period="week",
    )


def _text(version) -> str:
    pdf = PdfReader(io.BytesIO(bytes(version.letter.pdf)))
    return " ".join(page.extract_text() for page in pdf.pages)


def test_within_the_mandate_it_is_granted_at_once_with_a_letter(world):
    version = _request(world)
    assert version.status == GrantVersion.Status.GRANTED
    assert version.within_mandate and version.decided_by == world.director
    assert version.cost_per_year == Decimal("5694.00")
    assert version.tariff == Decimal("36.50")
    text = _text(version)
    assert "Huishoudelijke ondersteuning" in text
    assert world.person.given_names.split()[0] in text
    assert "bezwaar" in text  # the objection clause
    assert AuditEntry.objects.filter(action="grant.grant").count() == 1


def test_above_the_mandate_it_waits_for_a_holder_and_is_approved(world):
    version = _request(world, units="10")  # € 18,980.00: above € 7,500
    assert version.status == GrantVersion.Status.PENDING
    assert not version.within_mandate and not hasattr(version, "letter")
    told = Notification.objects.filter(kind="grant_to_approve")
    assert set(told.values_list("recipient", flat=True)) == {
        world.leader.pk,
        world.second_leader.pk,
    }
    decided = services.grant_decide(
        actor=act(world.leader), version=version, approve=True
    )
    assert decided.status == GrantVersion.Status.GRANTED
    assert decided.decided_by == world.leader
    assert "Huishoudelijke ondersteuning" in _text(decided)
    assert Notification.objects.filter(
        kind="grant_decided", recipient=world.director
    ).exists()
    with pytest.raises(AlreadyDecided):
        services.grant_decide(
            actor=act(world.second_leader), version=decided, approve=True
        )


def test_a_refusal_gives_its_reason_in_the_letter(world):
    version = _request(world, units="10")
    with pytest.raises(RefusalNeedsReason):
        services.grant_decide(
            actor=act(world.leader), version=version, approve=False, reason="  "
        )
    refused = services.grant_decide(
        actor=act(world.leader),
        version=version,
        approve=False,
        reason="Een buurtvrijwilliger helpt al twee ochtenden per week.",
    )
    assert refused.status == GrantVersion.Status.REFUSED
    assert "buurtvrijwilliger" in _text(refused)
    assert AuditEntry.objects.filter(action="grant.refuse").count() == 1


def test_the_requester_can_never_approve_their_own(world):
    # The team leader asks above even their own mandate: nobody approves it
    # but another holder, and never the team leader who asked.
    version = _request(world, units="40", actor=world.leader)  # € 75,920.00
    assert version.status == GrantVersion.Status.PENDING
    with pytest.raises(Refused):
        services.grant_decide(actor=act(world.leader), version=version, approve=True)
    # The director holds no mandate for it either.
    with pytest.raises(Refused):
        services.grant_decide(actor=act(world.director), version=version, approve=True)
    # And the database refuses it as well.
    version.status = GrantVersion.Status.GRANTED
    version.decided_by = world.leader
    version.decided_on = TODAY()
    with pytest.raises(IntegrityError), transaction.atomic():
        version.save()


def test_someone_outside_the_team_cannot_decide(world):
    version = _request(world, units="10")
    elsewhere = TeamLeaderFactory(team=TeamFactory())
    with pytest.raises(Refused):
        services.grant_decide(actor=act(elsewhere), version=version, approve=True)


def test_an_approval_after_the_tariff_changed_uses_the_tariff_at_the_decision(world):
    version = _request(world, units="10")
    assert version.tariff == Decimal("36.50")
    Tariff.objects.create(service=world.service, valid_from=TODAY(), amount="40.00")
    decided = services.grant_decide(
        actor=act(world.leader), version=version, approve=True
    )
    assert decided.tariff == Decimal("40.00")
    assert decided.cost_per_year == Decimal("20800.00")  # 10 × 40 × 52


def test_an_approver_whose_mandate_the_new_tariff_exceeds_cannot_approve(world):
    mandate(user=ProfessionalFactory(team=world.team), max_cost="19000")
    approver = mandate.__self__ if False else None  # noqa: F841 (readability)
    holder = (
        world.team.memberships.filter(role="professional")
        .exclude(user=world.director)[0]
        .user
    )
    version = _request(world, units="10")  # € 18,980.00 at € 36.50
    Tariff.objects.create(service=world.service, valid_from=TODAY(), amount="40.00")
    with pytest.raises(MandateExceeded):  # € 20,800.00 at € 40.00
        services.grant_decide(actor=act(holder), version=version, approve=True)
    version.refresh_from_db()
    assert version.status == GrantVersion.Status.PENDING


def test_changing_writes_a_new_version_and_keeps_the_old(world):
    first = _request(world)
    changed = services.grant_change(
        actor=act(world.director),
        grant=first.grant,
        starts_on=TODAY() + datetime.timedelta(days=14),
        ends_on=first.ends_on,
        units=Decimal("2"),
        period="week",
        note="Het gaat beter.",
    )
    assert changed.number == 2 and changed.status == GrantVersion.Status.GRANTED
    first.refresh_from_db()
    assert first.units == Decimal("3") and first.status == GrantVersion.Status.GRANTED
    # Changed above the mandate, the change waits; nothing else changes then.
    pending = services.grant_change(
        actor=act(world.director),
        grant=first.grant,
        starts_on=TODAY() + datetime.timedelta(days=28),
        ends_on=first.ends_on,
        units=Decimal("12"),
        period="week",
    )
    assert pending.status == GrantVersion.Status.PENDING
    with pytest.raises(AlreadyPending):
        services.grant_end(
            actor=act(world.director), grant=first.grant, ends_on=TODAY()
        )


def test_ending_writes_a_version_within_the_grant(world):
    first = _request(world)
    with pytest.raises(EndOutsideGrant):
        services.grant_end(
            actor=act(world.director),
            grant=first.grant,
            ends_on=first.ends_on + datetime.timedelta(days=1),
        )
    ended = services.grant_end(
        actor=act(world.director),
        grant=first.grant,
        ends_on=TODAY() + datetime.timedelta(days=27),
        note="Doel bereikt.",
    )
    assert ended.kind == GrantVersion.Kind.END and ended.number == 2
    assert ended.cost_per_year == Decimal("438.00")  # four weeks of € 109.50


def test_only_members_of_the_household_get_a_grant(world):
    stranger = members_of(HouseholdFactory(team=world.team))[0]
    with pytest.raises(NotAMember):
        services.grant_request(
            actor=act(world.director),
            case=world.case,
            person=stranger,
            service=world.service,
            starts_on=TODAY(),
            ends_on=None,
            units=Decimal("1"),
            period="week",
        )


def test_a_professional_not_directing_the_case_cannot_ask(world):
    colleague = ProfessionalFactory(team=world.team)
    with pytest.raises(Refused):
        _request(world, actor=colleague)


def test_the_preview_says_whether_the_mandate_covers_it(world):
    terms = {
        "case": world.case,
        "service": world.service,
        "starts_on": TODAY(),
        "ends_on": TODAY() + datetime.timedelta(days=363),
        "period": "week",
    }
    within = services.preview(actor=act(world.director), units=Decimal("3"), **terms)
    above = services.preview(actor=act(world.director), units=Decimal("10"), **terms)
    assert within["within_mandate"] and within["cost_per_year"] == Decimal("5694.00")
    assert not above["within_mandate"]
    assert not GrantVersion.objects.exists()  # nothing written


def test_a_closed_case_takes_no_more_decisions_on_its_grants(world):
    version = _request(world, units="10")
    world.case.status = "closed"
    world.case.closed_on = TODAY()
    world.case.closure_reason = "goals_reached"
    world.case.save(update_fields=["status", "closed_on", "closure_reason"])

    with pytest.raises(CaseClosed):
        services.grant_decide(actor=act(world.leader), version=version, approve=True)
    version.refresh_from_db()
    assert version.status == GrantVersion.Status.PENDING


def test_a_one_off_grant_within_the_cost_is_granted_whatever_the_weeks(world):
    stairlift = ServiceFactory(name="Traplift", unit="piece", tariff="6500.00")
    version = services.grant_request(
        actor=act(world.director),
        case=world.case,
        person=world.person,
        service=stairlift,
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=30),  # ignored: once
        units=Decimal("1"),
        period="once",
    )
    assert version.status == GrantVersion.Status.GRANTED
    assert version.ends_on is None and version.cost_per_year == Decimal("6500.00")
