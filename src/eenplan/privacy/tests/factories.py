# SPDX-License-Identifier: EUPL-1.2
"""Factories for the privacy officer's work: a full case file, retention.

case_file(case, person=, director=, label=)
                                     everything a case can hold, texts marked by label
retention_policies()                 the default periods (reloaded after a flush)
RetentionRunFactory()                a pending run listing nothing
RetentionRunFactory(approved=True)   approved by a privacy officer
"""

import datetime
import json
from pathlib import Path

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.accounts.tests.factories import ProfessionalFactory, UserFactory
from eenplan.assessments.tests.factories import AssessmentFactory, full_scores
from eenplan.cases.models import Intake
from eenplan.cases.tests.factories import InvolvementFactory
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.organisations.tests.factories import OrganisationFactory
from eenplan.plans.models import GoalProgress, Plan, Review
from eenplan.plans.tests.factories import ActionFactory, PlanFactory
from eenplan.privacy.models import (
    BreakGlass,
    DataCategory,
    ExportRequest,
    LegalBasis,
    RetentionPolicy,
    RetentionRun,
)

RETENTION_JSON = Path(__file__).resolve().parent.parent / "retention.json"


def retention_policies() -> dict[str, RetentionPolicy]:
    """The retention periods by record type, loading the defaults if missing.

    Migration 0004 loads them; a transactional test (browser tests) flushes
    tables, so load them again when they are gone.
    """
    data = json.loads(RETENTION_JSON.read_text(encoding="utf-8"))
    for record_type, years, trigger, basis in data["policies"]:
        RetentionPolicy.objects.get_or_create(
            record_type=record_type,
            defaults={"years": years, "trigger": trigger, "basis": basis},
        )
    return {p.record_type: p for p in RetentionPolicy.objects.all()}


class RetentionRunFactory(DjangoModelFactory):
    class Meta:
        model = RetentionRun

    class Params:
        approved = factory.Trait(
            status=RetentionRun.Status.APPROVED,
            approved_by=factory.SubFactory(UserFactory, function="privacy_officer"),
            approved_at=factory.LazyFunction(timezone.now),
        )

    reference_date = factory.LazyFunction(timezone.localdate)
    due = factory.LazyFunction(dict)


class ExportRequestFactory(DjangoModelFactory):
    """A request for access by the person themselves, received today."""

    class Meta:
        model = ExportRequest

    person = factory.SubFactory("eenplan.people.tests.factories.PersonFactory")
    requester = ExportRequest.Requester.PERSON
    received_on = factory.LazyFunction(timezone.localdate)
    identity_check = ExportRequest.IdentityCheck.DOCUMENT
    ground = ExportRequest.Ground.ACCESS
    registered_by = factory.SubFactory(UserFactory, function="privacy_officer")


def case_file(case, *, person, director, label: str):
    """Everything a case can hold, with texts that carry `label`."""
    InvolvementFactory(case=case, role=f"schuldhulpverlener {label}")
    Intake.objects.create(
        case=case,
        held_on=case.opened_on,
        conducted_by=director,
        consent_answer=Intake.ConsentAnswer.YES,
        underlying_need=f"Rust in huis {label}",
        notes=f"Intakenotitie {label}",
    )
    plan = PlanFactory(case=case, goals=1)
    goal = plan.goals.get()
    goal.description = f"Schulden op een rij {label}"
    goal.save()
    ActionFactory(plan=plan, goal=goal, description=f"Post openen {label}")
    today = timezone.localdate()
    Plan.objects.filter(pk=plan.pk).update(
        status=Plan.Status.AGREED,
        agreed_on=today,
        agreed_how=Plan.AgreedHow.IN_PERSON,
        agreed_with="Beide ouders",
        next_review_due=today + datetime.timedelta(weeks=6),
    )
    review = Review.objects.create(
        plan=plan, held_by=director, summary=f"Evaluatie verliep goed {label}"
    )
    GoalProgress.objects.create(
        review=review, goal=goal, progress="on_track", note=f"Op koers {label}"
    )
    municipality = director.organisation
    JournalEntry.objects.create(
        case=case,
        author=director,
        organisation=municipality,
        text=f"Huisbezoek afgelegd {label}",
    )
    JournalEntry.objects.create(
        case=case,
        author=director,
        organisation=municipality,
        text=f"Vertrouwelijke notitie {label}",
        confidential=True,
    )
    Referral.objects.create(
        case=case,
        sent_by=director,
        to_organisation=OrganisationFactory(name=f"Schuldhulp {label}"),
        question=f"Kunnen jullie helpen {label}?",
        answer_by=today,
    )
    basis = LegalBasis.objects.create(
        case=case,
        law=LegalBasis.Law.WMO,
        organisation=municipality,
        explanation=f"Wmo-onderzoek {label}",
        recorded_by=director,
    )
    basis.categories.set(DataCategory.objects.all()[:2])
    BreakGlass.objects.create(
        user=ProfessionalFactory(),
        case=case,
        reason=f"Acute zorgen, regisseur onbereikbaar {label}",
        expires_at=timezone.now() + datetime.timedelta(hours=8),
    )
    AssessmentFactory(
        person=person, case=case, assessor=director, scores=full_scores(2)
    )


def consent_for(person, organisation, *codes, recorded_by=None, withdrawn=False):
    """Active (or withdrawn) consent of `person` for `organisation`, for the
    categories `codes` (all categories when none given)."""
    from django.utils import timezone

    from eenplan.accounts.tests.factories import UserFactory
    from eenplan.privacy.models import Consent, DataCategory

    consent = Consent.objects.create(
        person=person,
        purpose="Samenwerken aan één plan",
        given_how=Consent.GivenHow.WRITTEN,
        given_by=Consent.GivenBy.PERSON,
        recorded_by=recorded_by or UserFactory(),
        withdrawn_on=timezone.localdate() if withdrawn else None,
    )
    consent.organisations.set([organisation])
    categories = DataCategory.objects.all()
    consent.categories.set(categories.filter(code__in=codes) if codes else categories)
    return consent
