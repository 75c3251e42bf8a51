# SPDX-License-Identifier: EUPL-1.2
"""Factories for the catalogue, the social map, grants and mandates.

ServiceFactory()                       a Wmo service per hour, € 36.50 since 1 January
OfferFactory(teams=[team])             a coffee morning in the team's area
GrantFactory(case=…, person=…)         granted within mandate: 3 hours a week for a year
GrantFactory(…, letter=True)           with a (stand-in) letter on version 1
GrantFactory(…, pending_change=True)   and a second version waiting for approval
mandate("team_leader", max_cost="…")   a mandate rule for a role
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.assessments.tests.factories import LifeDomainFactory
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.services.models import (
    DecisionLetter,
    Grant,
    GrantVersion,
    LetterTemplate,
    MandateRule,
    Offer,
    Service,
    Tariff,
    Topic,
)


def jan_first() -> datetime.date:
    return timezone.localdate().replace(month=1, day=1)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dienst {n}")
    law = "wmo"
    provider = factory.SubFactory(OrganisationFactory, name="Thuiszorg De Linde")
    unit = "hour"
    needs_decision = True

    @factory.post_generation
    def tariff(self, create, extracted, **kwargs):
        """`tariff="40.00"` (default 36.50), valid from 1 January this year."""
        if create:
            Tariff.objects.create(
                service=self,
                valid_from=jan_first(),
                amount=Decimal(extracted or "36.50"),
            )

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        if create:
            self.domains.set(extracted or [LifeDomainFactory(code="instrumentele-adl")])


def topic(code="contact", name="Mensen ontmoeten", domain="sociaal-netwerk") -> Topic:
    found, _ = Topic.objects.get_or_create(code=code, defaults={"name": name})
    found.domains.add(LifeDomainFactory(code=domain, name=domain))
    return found


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Koffieochtend {n}")
    description = "Samen koffie drinken in de buurtkamer."
    organiser = "Welzijn Voorbeeld"
    whole_municipality = False
    contact = "14 0000"

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted or [topic()])


def mandate(role="", *, user=None, law="", service=None, max_cost=None, max_weeks=None):
    return MandateRule.objects.create(
        role=role,
        user=user,
        law=law,
        service=service,
        max_cost_per_year=Decimal(max_cost) if max_cost is not None else None,
        max_weeks=max_weeks,
    )


def letter_template() -> LetterTemplate:
    template = LetterTemplate.objects.first()
    if template is None:  # a flushed database (transaction tests)
        template = LetterTemplate.objects.create(
            name="Test",
            granted_text="Beste $voornaam, u krijgt $voorziening.",
            refused_text="Beste $voornaam, u krijgt $voorziening niet. $reden",
            objection_clause="Bezwaar maken kan binnen zes weken.",
            signature="Het college",
        )
    return template


class GrantFactory(DjangoModelFactory):
    class Meta:
        model = Grant
        skip_postgeneration_save = True
        exclude = ["requested_by"]

    service = factory.SubFactory(ServiceFactory)
    provider = factory.LazyAttribute(lambda g: g.service.provider)
    law = factory.LazyAttribute(lambda g: g.service.law)
    requested_by = None

    @factory.post_generation
    def versions(self, create, extracted, **kwargs):
        if not create:
            return
        by = self._requested_by or self.case.director
        today = timezone.localdate()
        GrantVersion.objects.create(
            grant=self,
            number=1,
            kind=GrantVersion.Kind.NEW,
            starts_on=today,
            ends_on=today + datetime.timedelta(days=363),
            units=Decimal("3"),
            period="week",
            tariff=Decimal("36.50"),
            cost_per_year=Decimal("5694.00"),
            status=GrantVersion.Status.GRANTED,
            within_mandate=True,
            requested_by=by,
            decided_by=by,
            decided_on=today,
            decided_at=timezone.now(),
        )

    @classmethod
    def _create(cls, model_class, *args, requested_by=None, **kwargs):
        grant = super()._create(model_class, *args, **kwargs)
        grant._requested_by = requested_by
        return grant

    @factory.post_generation
    def letter(self, create, extracted, **kwargs):
        if create and extracted:
            DecisionLetter.objects.create(
                version=self.versions.get(number=1),
                pdf=b"%PDF-1.4 stand-in",
                template=letter_template(),
            )

    @factory.post_generation
    def pending_change(self, create, extracted, **kwargs):
        if create and extracted:
            first = self.versions.get(number=1)
            GrantVersion.objects.create(
                grant=self,
                number=2,
                kind=GrantVersion.Kind.CHANGE,
                starts_on=first.starts_on,
                ends_on=first.ends_on,
                units=Decimal("12"),
                period="week",
                tariff=Decimal("36.50"),
                cost_per_year=Decimal("22776.00"),
                status=GrantVersion.Status.PENDING,
                within_mandate=False,
                requested_by=first.requested_by,
            )
