# SPDX-License-Identifier: EUPL-1.2
"""Factories for ZRM life domains and assessments."""

import json
from pathlib import Path

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.assessments.models import Assessment, DomainScore, Level, LifeDomain
from eenplan.core.tests import factories as _core  # noqa: F401  (nl_NL locale)

DOMAINS_JSON = Path(__file__).resolve().parent.parent / "domains.json"


class LifeDomainFactory(DjangoModelFactory):
    class Meta:
        model = LifeDomain
        django_get_or_create = ("code",)

    code = "financien"
    name = "Financiën"
    position = 1


def life_domains() -> list[LifeDomain]:
    """The active ZRM domains, loading the 13 standard ones if a flush removed them.

    Migrations seed them; a transactional test (browser tests) flushes tables.
    """
    if not LifeDomain.objects.exists():
        data = json.loads(DOMAINS_JSON.read_text(encoding="utf-8"))
        for position, (code, name) in enumerate(data["domains"], start=1):
            LifeDomain.objects.create(code=code, name=name, position=position)
        for value, name in data["levels"]:
            Level.objects.get_or_create(value=value, defaults={"name": name})
    return list(LifeDomain.objects.filter(active=True))


def full_scores(level: int = 3, **by_code: int) -> dict[LifeDomain, int]:
    """A score for every active domain: `level`, except the codes given by keyword.

    Keywords use underscores for dashes: `full_scores(4, werk_opleiding=2)`.
    """
    overrides = {code.replace("_", "-"): value for code, value in by_code.items()}
    return {d: overrides.get(d.code, level) for d in life_domains()}


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    person = factory.SubFactory("eenplan.people.tests.factories.PersonFactory")
    case = None
    kind = Assessment.Kind.INTAKE
    assessed_on = factory.LazyFunction(timezone.localdate)
    assessor = factory.SubFactory("eenplan.accounts.tests.factories.DirectorFactory")

    @factory.post_generation
    def scores(obj, create, extracted, **kwargs):
        """`scores={domain: level}`; by default every domain at level 3."""
        if not create:
            return
        values = extracted if extracted is not None else full_scores(3)
        DomainScore.objects.bulk_create(
            DomainScore(assessment=obj, domain=d, score=s) for d, s in values.items()
        )
