# SPDX-License-Identifier: EUPL-1.2
"""The access matrix: every staff URL × every kind of user → allowed or refused.

One table (`ROUTES`) names, for every URL of the staff application, which
actors may use it. Each actor is a role with a relation to one household's
case (see `ACTORS`). The test builds the same small world for every cell,
requests the URL as that actor and checks the answer: allowed is 200 or a
redirect, refused is 403 or 404 (never a 500). A URL added without an entry
fails `test_every_staff_url_is_in_the_matrix`.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from eenplan.accounts.tests.factories import (
    DirectorFactory,
    FrontDeskFactory,
    ProfessionalFactory,
    TeamLeaderFactory,
    UserFactory,
)
from eenplan.cases.models import Involvement
from eenplan.cases.tests.factories import CaseFactory
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.intake.tests.factories import TriageDecisionFactory
from eenplan.organisations.tests.factories import OrganisationFactory, TeamFactory
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.plans.tests.factories import PlanFactory
from eenplan.privacy.models import Consent, DataCategory, LegalBasis
from eenplan.privacy.tests.factories import RetentionRunFactory, retention_policies

STAFF_NAMESPACES = {
    "cases",
    "people",
    "intake",
    "plans",
    "privacy",
    "collaboration",
    "audit",
    "officer",
}

# Who the actors are, relative to the household's case in the world below.
ACTORS = {
    "desk": "front desk of the case's team, no relation to the case",
    "colleague": "professional of the case's team, no relation to the case",
    "director": "director of the case",
    "involved": "professional of the case's team, involved in the case",
    "leader": "team leader of the case's team",
    "ext_none": "involved professional of a partner organisation, no consent",
    "ext_consent": "involved professional of a partner organisation, with consent",
    "ext_withdrawn": "involved partner professional after consent was withdrawn",
    "receiver": "staff of the organisation a referral was sent to",
    "stranger": "professional of another team and organisation, no relation",
    "management": "management (aggregates only)",
    "privacy_officer": "privacy officer (audit trail, not case content)",
    "functional_admin": "functional admin (configuration)",
}

CASE_WORKERS = {
    "desk",
    "colleague",
    "director",
    "involved",
    "leader",
    "ext_none",
    "ext_consent",
    "ext_withdrawn",
    "receiver",
    "stranger",
}
TEAM = {"desk", "colleague", "director", "involved", "leader"}
CASE_READ = {"director", "involved", "leader", "ext_consent"}
DIRECTING = {"director", "leader"}
DESK = {"desk", "leader"}
CONSENT = {"desk", "leader", "director"}
OFFICER = {"privacy_officer"}

# name -> (method, URL kwargs from the world, actors allowed)
ROUTES = {
    # The start page: case workers' work; others are sent to their function's page.
    "cases:my_work": ("get", lambda w: {}, set(ACTORS)),
    "cases:open": ("get", lambda w: {"request_uuid": w.request.uuid}, {"leader"}),
    "cases:case": ("get", lambda w: {"uuid": w.case.uuid}, CASE_READ),
    "cases:intake": ("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:assessment_new": (
        "get",
        lambda w: {"uuid": w.case.uuid, "person_uuid": w.adult.uuid},
        DIRECTING,
    ),
    "cases:close": ("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:director": ("get", lambda w: {"uuid": w.case.uuid}, {"leader"}),
    "cases:involvement_add": ("get", lambda w: {"uuid": w.case.uuid}, DIRECTING),
    "cases:involvement_end": (
        "post",
        lambda w: {"uuid": w.case.uuid, "involvement_uuid": w.involvement.uuid},
        DIRECTING,
    ),
    "people:search": ("get", lambda w: {}, CASE_WORKERS),
    "people:household_new": ("get", lambda w: {}, DESK),
    "people:household": (
        "get",
        lambda w: {"uuid": w.case.household.uuid},
        TEAM | {"ext_consent"},
    ),
    "people:member_new": ("get", lambda w: {"uuid": w.case.household.uuid}, DESK),
    "intake:request_new": (
        "get",
        lambda w: {"household_uuid": w.case.household.uuid},
        DESK,
    ),
    "intake:rules": ("get", lambda w: {}, CASE_WORKERS),
    "intake:request": ("get", lambda w: {"uuid": w.request.uuid}, TEAM),
    # The case already has a plan: directing roles get the message, not a 500.
    "plans:start": ("post", lambda w: {"case_uuid": w.case.uuid}, DIRECTING),
    "plans:plan": ("get", lambda w: {"uuid": w.plan.uuid}, CASE_READ),
    "plans:review": ("get", lambda w: {"uuid": w.plan.uuid}, DIRECTING),
    "plans:print": ("get", lambda w: {"uuid": w.plan.uuid}, DIRECTING),
    "privacy:consent_new": (
        "get",
        lambda w: {
            "household_uuid": w.case.household.uuid,
            "person_uuid": w.adult.uuid,
        },
        CONSENT,
    ),
    "privacy:consent_withdraw": (
        "post",
        lambda w: {"uuid": w.referral_consent.uuid},
        CONSENT,
    ),
    "privacy:legal_basis_new": ("get", lambda w: {"case_uuid": w.case.uuid}, DIRECTING),
    "privacy:legal_basis_end": (
        "post",
        lambda w: {"case_uuid": w.case.uuid, "uuid": w.legal_basis.uuid},
        DIRECTING,
    ),
    # Team members without a relation may break the glass; those with one are
    # sent on to the case; everyone else never learns the case exists.
    "privacy:break_glass": (
        "post",
        lambda w: {"case_uuid": w.case.uuid},
        {"desk", "colleague"} | CASE_READ,
    ),
    "privacy:break_glass_review": ("get", lambda w: {}, OFFICER),
    "audit:list": ("get", lambda w: {}, OFFICER),
    "audit:person_search": ("post", lambda w: {}, OFFICER),
    "audit:export": ("get", lambda w: {}, OFFICER),
    "officer:person_find": ("get", lambda w: {}, OFFICER),
    "officer:person_export": ("get", lambda w: {"uuid": w.adult.uuid}, OFFICER),
    "officer:person_export_json": (
        "post",
        lambda w: {"uuid": w.adult.uuid},
        OFFICER,
    ),
    "officer:retention": ("get", lambda w: {}, OFFICER),
    "officer:retention_start": ("post", lambda w: {}, OFFICER),
    "officer:retention_policy": (
        "get",
        lambda w: {"record_type": retention_policies()["case"].record_type},
        OFFICER,
    ),
    "officer:retention_run": (
        "get",
        lambda w: {"uuid": RetentionRunFactory().uuid},
        OFFICER,
    ),
    "officer:retention_approve": (
        "post",
        lambda w: {"uuid": RetentionRunFactory().uuid},
        OFFICER,
    ),
    "officer:retention_execute": (
        "post",
        lambda w: {"uuid": RetentionRunFactory(approved=True).uuid},
        OFFICER,
    ),
    "collaboration:journal_add": (
        "post",
        lambda w: {"case_uuid": w.case.uuid},
        CASE_READ,
    ),
    "collaboration:referral_new": (
        "get",
        lambda w: {"case_uuid": w.case.uuid},
        DIRECTING,
    ),
    "collaboration:referral": (
        "get",
        lambda w: {"uuid": w.referral.uuid},
        CASE_READ | {"receiver"},
    ),
}

POST_DATA = {
    "privacy:break_glass": {"reason": "Acute zorgen, regisseur onbereikbaar."},
    "collaboration:journal_add": {"text": "Huisbezoek afgelegd."},
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
    """One household with a case, a plan, reports, a referral and consents.

    `actor` decides the consent state for the partner organisation: given,
    given and withdrawn, or none.
    """

    def __init__(self, actor: str):
        municipality = OrganisationFactory(name="Gemeente Voorbeeld")
        partner = OrganisationFactory(name="GGZ Voorbeeld", kind="mental_health")
        receiving = OrganisationFactory(name="Schuldhulp Voorbeeld", kind="debt_help")
        self.team = TeamFactory()
        other_team = TeamFactory()
        make = {
            "desk": lambda: FrontDeskFactory(team=self.team),
            "colleague": lambda: ProfessionalFactory(team=self.team),
            "involved": lambda: ProfessionalFactory(team=self.team),
            "leader": lambda: TeamLeaderFactory(team=self.team),
            "ext_none": lambda: ProfessionalFactory(
                team=other_team, organisation=partner
            ),
            "receiver": lambda: ProfessionalFactory(
                team=other_team, organisation=receiving
            ),
            "stranger": lambda: ProfessionalFactory(
                team=other_team,
                organisation=OrganisationFactory(name="Elders", kind="welfare"),
            ),
            "management": lambda: UserFactory(function="management"),
            "privacy_officer": lambda: UserFactory(function="privacy_officer"),
            "functional_admin": lambda: UserFactory(function="functional_admin"),
        }
        make["ext_consent"] = make["ext_withdrawn"] = make["ext_none"]
        self.director = DirectorFactory(team=self.team, organisation=municipality)
        self.case = CaseFactory(
            household=HouseholdFactory(
                team=self.team, members__adults=2, members__children=1
            ),
            director=self.director,
        )
        self.user = self.director if actor == "director" else make[actor]()
        self.adult = members_of(self.case.household)[0]
        self.plan = PlanFactory(case=self.case, agreed=True)
        self.request = TriageDecisionFactory(
            request__household=HouseholdFactory(team=self.team),
            request__awaiting_director=True,
        ).request
        colleague = ProfessionalFactory(team=self.team)
        self.involvement = Involvement.objects.create(
            case=self.case, professional=colleague, role="buurtwerker"
        )
        if actor in ("involved", "ext_none", "ext_consent", "ext_withdrawn"):
            Involvement.objects.create(
                case=self.case, professional=self.user, role="behandelaar"
            )
        categories = list(DataCategory.objects.all())
        if actor in ("ext_consent", "ext_withdrawn"):
            for person in members_of(self.case.household):
                self.consent(person, partner, categories, actor == "ext_withdrawn")
        self.referral_consent = self.consent(self.adult, receiving, categories, False)
        self.referral = Referral.objects.create(
            case=self.case,
            sent_by=self.director,
            to_organisation=receiving,
            question="Kunnen jullie de schulden oppakken?",
            answer_by=timezone.localdate(),
        )
        self.legal_basis = LegalBasis.objects.create(
            case=self.case,
            law=LegalBasis.Law.WMO,
            organisation=municipality,
            explanation="Wmo-onderzoek",
            recorded_by=self.director,
        )
        JournalEntry.objects.create(
            case=self.case,
            author=self.director,
            organisation=municipality,
            text="Eerste huisbezoek.",
        )

    def consent(self, person, organisation, categories, withdrawn):
        consent = Consent.objects.create(
            person=person,
            purpose="Samenwerken aan één plan",
            given_how=Consent.GivenHow.WRITTEN,
            given_by=Consent.GivenBy.PERSON,
            recorded_by=self.director,
            withdrawn_on=timezone.localdate() if withdrawn else None,
        )
        consent.organisations.set([organisation])
        consent.categories.set(categories)
        return consent

    def url(self, name):
        _method, kwargs, _allowed = ROUTES[name]
        return reverse(name, kwargs=kwargs(self))


def test_every_staff_url_is_in_the_matrix():
    assert staff_url_names() == set(ROUTES)


def test_every_allowed_actor_is_known():
    for name, (_method, _kwargs, allowed) in ROUTES.items():
        assert allowed <= set(ACTORS), name


@pytest.mark.django_db
@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("name", sorted(ROUTES))
def test_access_matrix(client, name, actor):
    world = World(actor)
    method, _kwargs, allowed = ROUTES[name]
    client.force_login(world.user)
    response = getattr(client, method)(world.url(name), POST_DATA.get(name, {}))
    if actor in allowed:
        assert response.status_code in (200, 302), (name, actor, response.status_code)
    else:
        assert response.status_code in (403, 404), (name, actor, response.status_code)
