# SPDX-License-Identifier: EUPL-1.2
"""Factories for requests for help, screenings, triage rules and decisions.

RequestFactory()                        awaiting triage, all members involved
RequestFactory(awaiting_director=True)  triaged as integral, waiting for a case
"""

import json
from pathlib import Path

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.accounts.tests.factories import FrontDeskFactory
from eenplan.core.tests import factories as _core  # noqa: F401  (nl_NL locale)
from eenplan.intake.models import (
    Outcome,
    Request,
    Screening,
    TriageDecision,
    TriageRule,
)
from eenplan.people.models import Person
from eenplan.people.tests.factories import HouseholdFactory

RULES_JSON = Path(__file__).resolve().parent.parent / "triage_rules.json"


def published_rules_data() -> list[dict]:
    """The rules as published in triage_rules.json."""
    return json.loads(RULES_JSON.read_text(encoding="utf-8"))


def triage_rules() -> list[TriageRule]:
    """The published rules in the database, reloaded if a flush removed them."""
    if not TriageRule.objects.exists():
        for data in published_rules_data():
            TriageRule.objects.create(**data)
    return list(TriageRule.objects.all())


class RequestFactory(DjangoModelFactory):
    class Meta:
        model = Request
        skip_postgeneration_save = True

    class Params:
        awaiting_director = factory.Trait(status=Request.Status.AWAITING_DIRECTOR)
        routed = factory.Trait(status=Request.Status.ROUTED)

    household = factory.SubFactory(HouseholdFactory)
    team = factory.SelfAttribute("household.team")
    channel = Request.Channel.PHONE
    question = factory.Faker("sentence", nb_words=10)
    underlying_need = ""
    registered_by = factory.SubFactory(
        FrontDeskFactory, team=factory.SelfAttribute("..team")
    )
    received_on = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def persons(obj, create, extracted, **kwargs):
        """The people involved: `extracted`, or every current household member."""
        if not create:
            return
        if extracted is None:
            extracted = Person.objects.filter(
                household_memberships__household=obj.household,
                household_memberships__until__isnull=True,
            )
        obj.persons.set(extracted)


class ScreeningFactory(DjangoModelFactory):
    class Meta:
        model = Screening

    request = factory.SubFactory(RequestFactory)
    safety_concerns = False
    screened_by = factory.SelfAttribute("request.registered_by")


class TriageDecisionFactory(DjangoModelFactory):
    class Meta:
        model = TriageDecision

    request = factory.SubFactory(RequestFactory, awaiting_director=True)
    suggested_outcome = Outcome.INTEGRAL
    outcome = factory.SelfAttribute("suggested_outcome")
    override_reason = ""
    decided_by = factory.SelfAttribute("request.registered_by")
