# SPDX-License-Identifier: EUPL-1.2
"""Consent, legal basis, age rules, break-the-glass and confidential reports."""

import datetime

import pytest
from django.utils import timezone

from eenplan.access.categories import Category
from eenplan.access.decisions import Reason
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.audit.models import AuditEntry
from eenplan.cases import selectors as case_selectors
from eenplan.cases.errors import CaseAccessRefused
from eenplan.cases.models import Involvement
from eenplan.collaboration import selectors as collaboration_selectors
from eenplan.collaboration import services as collaboration_services
from eenplan.collaboration.errors import NoSharingBasis
from eenplan.collaboration.models import Referral
from eenplan.core.errors import PermissionDenied
from eenplan.organisations.tests.factories import OrganisationFactory, intake_for
from eenplan.people.tests.factories import PersonFactory, members_of
from eenplan.privacy import domain, services
from eenplan.privacy.errors import RepresentativeRequired, WrongConsentGiver
from eenplan.privacy.models import BreakGlass, DataCategory, LegalBasis

pytestmark = pytest.mark.django_db


# Age rules (pure)


@pytest.mark.parametrize(
    ("age", "decides"),
    [
        (0, "parents"),
        (11, "parents"),
        (12, "child_and_parents"),
        (15, "child_and_parents"),
        (16, "child"),
        (17, "child"),
        (44, "child"),
    ],
)
def test_default_age_rules(age, decides):
    assert domain.who_decides(age) == decides


@pytest.mark.parametrize(
    ("decides", "given_by", "allowed"),
    [
        ("parents", "representative", True),
        ("parents", "person", False),
        ("child_and_parents", "both", True),
        ("child_and_parents", "representative", False),
        ("child_and_parents", "person", False),
        ("child", "person", True),
        ("child", "representative", False),
    ],
)
def test_who_may_give_consent(decides, given_by, allowed):
    assert domain.given_by_allowed(decides, given_by) is allowed


def test_age_rules_are_data_loaded_by_migration():
    assert [r.decides for r in services.age_rules()] == [
        "parents",
        "child_and_parents",
        "child",
    ]


# Recording consent


@pytest.fixture
def partner():
    return OrganisationFactory(name="GGZ Voorbeeld", kind="mental_health")


def record(actor, person, partner, **overrides):
    kwargs = {
        "organisations": [partner],
        "categories": DataCategory.objects.all(),
        "purpose": "Samen één plan",
        "given_on": timezone.localdate(),
        "given_how": "written",
        "given_by": "person",
        "representative_name": "",
    }
    kwargs.update(overrides)
    return services.consent_record(actor=act(actor), person=person, **kwargs)


def child_of(household, years):
    from eenplan.people.models import HouseholdMember

    child = PersonFactory(
        birth_date=timezone.localdate() - datetime.timedelta(days=int(years * 365.25))
    )
    HouseholdMember.objects.create(household=household, person=child, relation="child")
    return child


def test_a_ten_year_old_cannot_consent_alone(director, open_case, partner):
    child = child_of(open_case.household, 10)
    with pytest.raises(WrongConsentGiver):
        record(director, child, partner, given_by="person")
    with pytest.raises(RepresentativeRequired):
        record(director, child, partner, given_by="representative")
    consent = record(
        director,
        child,
        partner,
        given_by="representative",
        representative_name="Moeder",
    )
    assert consent.is_active


def test_a_fourteen_year_old_and_a_parent_consent_together(
    director, open_case, partner
):
    child = child_of(open_case.household, 14)
    with pytest.raises(WrongConsentGiver):
        record(director, child, partner, given_by="person")
    record(director, child, partner, given_by="both", representative_name="Vader")


def test_a_seventeen_year_old_decides_alone(director, open_case, partner):
    teen = child_of(open_case.household, 17)
    with pytest.raises(WrongConsentGiver):
        record(
            director, teen, partner, given_by="representative", representative_name="X"
        )
    record(director, teen, partner, given_by="person")


def test_consent_is_recorded_only_by_the_team_or_the_director(
    professional, open_case, partner
):
    adult = members_of(open_case.household)[0]
    with pytest.raises(PermissionDenied):
        record(professional, adult, partner)


# Sharing: consent, withdrawal, legal basis


GIVER = {"parents": "representative", "child_and_parents": "both", "child": "person"}


def consent_all(director, case, organisation):
    """Every member consents, given by whoever decides at their age."""
    today = timezone.localdate()
    return [
        record(
            director,
            person,
            organisation,
            given_by=GIVER[services.who_decides(person, today)],
            representative_name="Ouder",
        )
        for person in case.household.members()
    ]


@pytest.fixture
def receiver(open_case, partner, other_team):
    """The partner organisation's intake for the household's team."""
    receiver = ProfessionalFactory(team=other_team, organisation=partner)
    intake_for(receiver, open_case.team)
    return receiver


@pytest.fixture
def partner_professional(open_case, director, partner, other_team):
    professional = ProfessionalFactory(team=other_team, organisation=partner)
    Involvement.objects.create(case=open_case, professional=professional, role="GGZ")
    return professional


def test_partner_sees_nothing_without_consent(open_case, partner_professional):
    with pytest.raises(CaseAccessRefused):
        case_selectors.case_get(actor=act(partner_professional), uuid=open_case.uuid)


def test_withdrawal_hides_the_withdrawn_data_from_the_partner_at_once(
    director, open_case, partner, partner_professional
):
    consents = consent_all(director, open_case, partner)
    read = case_selectors.case_read(
        actor=act(partner_professional), uuid=open_case.uuid
    )
    assert read.shares.case_file
    withdrawn = consents[0]
    services.consent_withdraw(
        actor=act(director),
        consent=withdrawn,
        asked_by="De bewoner zelf",
        asked_on=timezone.localdate(),
        note="Wil niet",
    )
    read = case_selectors.case_read(
        actor=act(partner_professional), uuid=open_case.uuid
    )
    # The household's file needs everyone's consent; the person who withdrew
    # is no longer shown at all.
    assert not read.shares.case_file
    shown = {m.person_id for m in read.members}
    assert withdrawn.person_id not in shown
    assert shown
    for consent in consents[1:]:
        services.consent_withdraw(
            actor=act(director),
            consent=consent,
            asked_by="De bewoner zelf",
            asked_on=timezone.localdate(),
        )
    with pytest.raises(CaseAccessRefused) as refused:
        case_selectors.case_get(actor=act(partner_professional), uuid=open_case.uuid)
    assert refused.value.decision.reason == Reason.NOT_SHARED
    assert refused.value.decision.category == Category.BASIC
    assert AuditEntry.objects.filter(action="consent.withdraw").count() == 3


def test_consent_for_one_organisation_does_not_open_the_case_to_another(
    director, open_case, partner_professional
):
    consent_all(director, open_case, OrganisationFactory(name="Schuldhulp"))
    with pytest.raises(CaseAccessRefused):
        case_selectors.case_get(actor=act(partner_professional), uuid=open_case.uuid)


def test_a_legal_basis_opens_only_its_categories(
    director, open_case, partner, partner_professional
):
    services.legal_basis_record(
        actor=act(director),
        case=open_case,
        law=LegalBasis.Law.JEUGDWET,
        organisation=partner,
        categories=DataCategory.objects.filter(code__in=["basis", "hulpvraag-plan"]),
        explanation="Jeugdhulp op grond van de Jeugdwet",
    )
    assert case_selectors.case_get(actor=act(partner_professional), uuid=open_case.uuid)
    collaboration_services.journal_add(
        actor=act(director), case=open_case, text="Verslag"
    )
    # Reports (rapportage) are not covered by this basis.
    assert (
        collaboration_selectors.journal_for(
            actor=act(partner_professional), case=open_case
        )
        == []
    )


# Confidential reports


def test_confidential_report_stays_inside_the_authors_organisation(
    director, open_case, partner, partner_professional, team_leader
):
    consent_all(director, open_case, partner)
    collaboration_services.journal_add(
        actor=act(partner_professional),
        case=open_case,
        text="GGZ-behandeling",
        confidential=True,
    )
    collaboration_services.journal_add(
        actor=act(director), case=open_case, text="Open verslag"
    )
    seen_by_partner = collaboration_selectors.journal_for(
        actor=act(partner_professional), case=open_case
    )
    seen_by_director = collaboration_selectors.journal_for(
        actor=act(director), case=open_case
    )
    assert {e.text for e in seen_by_partner} == {"GGZ-behandeling", "Open verslag"}
    assert {e.text for e in seen_by_director} == {"Open verslag"}
    assert {
        e.text
        for e in collaboration_selectors.journal_for(
            actor=act(team_leader), case=open_case
        )
    } == {"Open verslag"}


# Referrals


def test_referral_needs_consent_for_the_receiving_organisation(
    director, open_case, partner, receiver
):
    with pytest.raises(NoSharingBasis):
        collaboration_services.referral_send(
            actor=act(director),
            case=open_case,
            to_organisation=partner,
            question="Kunnen jullie helpen?",
            reason="Schulden lopen op",
            answer_by=timezone.localdate(),
        )
    consent_all(director, open_case, partner)
    referral = collaboration_services.referral_send(
        actor=act(director),
        case=open_case,
        to_organisation=partner,
        question="Kunnen jullie helpen?",
        reason="Schulden lopen op",
        answer_by=timezone.localdate(),
    )
    assert referral.status == Referral.Status.SENT


def test_receiver_sees_the_referral_but_not_the_case_until_accepting(
    director, open_case, partner, receiver
):
    consent_all(director, open_case, partner)
    referral = collaboration_services.referral_send(
        actor=act(director),
        case=open_case,
        to_organisation=partner,
        question="Kunnen jullie helpen?",
        reason="Schulden lopen op",
        answer_by=timezone.localdate(),
    )
    assert collaboration_selectors.referral_get(actor=act(receiver), uuid=referral.uuid)
    with pytest.raises(Exception):  # noqa: B017 - 404, the case is not even findable
        case_selectors.case_get(actor=act(receiver), uuid=open_case.uuid)
    collaboration_services.referral_answer(
        actor=act(receiver), referral=referral, accept=True, role="GGZ-behandelaar"
    )
    assert case_selectors.case_get(actor=act(receiver), uuid=open_case.uuid)


def test_declining_needs_a_reason_and_advice(director, open_case, partner, receiver):
    from eenplan.collaboration.errors import DeclineNeedsReasonAndAdvice

    consent_all(director, open_case, partner)
    referral = collaboration_services.referral_send(
        actor=act(director),
        case=open_case,
        to_organisation=partner,
        question="?",
        reason="Schulden lopen op",
        answer_by=timezone.localdate(),
    )
    with pytest.raises(DeclineNeedsReasonAndAdvice):
        collaboration_services.referral_answer(
            actor=act(receiver), referral=referral, accept=False, decline_reason="Vol"
        )
    collaboration_services.referral_answer(
        actor=act(receiver),
        referral=referral,
        accept=False,
        decline_reason="Wachtlijst",
        advice="Vraag de POH-GGZ bij de huisarts",
    )


# Break the glass


def test_break_the_glass_opens_the_case_marked_and_for_review(professional, open_case):
    with pytest.raises(CaseAccessRefused):
        case_selectors.case_get(actor=act(professional), uuid=open_case.uuid)
    services.break_glass_open(
        actor=act(professional),
        case=open_case,
        reason="Melding van acuut geweld, regisseur ziek",
    )
    read = case_selectors.case_read(actor=act(professional), uuid=open_case.uuid)
    assert read.access.break_glass
    entry = AuditEntry.objects.filter(action="case.view").order_by("-id").first()
    assert entry.break_glass
    assert BreakGlass.objects.filter(user=professional, reviewed_at=None).exists()


def test_break_the_glass_is_for_reading_only(professional, open_case):
    services.break_glass_open(
        actor=act(professional), case=open_case, reason="Acute zorgen over de kinderen"
    )
    with pytest.raises(PermissionDenied):
        collaboration_services.journal_add(
            actor=act(professional), case=open_case, text="x"
        )


def test_break_the_glass_expires(professional, open_case):
    access = services.break_glass_open(
        actor=act(professional), case=open_case, reason="Acute zorgen over de kinderen"
    )
    BreakGlass.objects.filter(pk=access.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(CaseAccessRefused):
        case_selectors.case_get(actor=act(professional), uuid=open_case.uuid)


def test_only_the_privacy_officer_reviews_break_the_glass(professional, open_case):
    from eenplan.accounts.tests.factories import UserFactory

    access = services.break_glass_open(
        actor=act(professional), case=open_case, reason="Acute zorgen over de kinderen"
    )
    with pytest.raises(PermissionDenied):
        services.break_glass_review(
            actor=act(professional), access=access, verdict="justified", note="ok"
        )
    officer = UserFactory(function="privacy_officer")
    services.break_glass_review(
        actor=act(officer), access=access, verdict="justified", note="Terecht"
    )
    access.refresh_from_db()
    assert access.reviewed_by == officer
