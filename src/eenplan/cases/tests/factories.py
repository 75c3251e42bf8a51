# SPDX-License-Identifier: EUPL-1.2
"""Factories for cases and involvements.

CaseFactory()             open, with a director who can direct in the team
CaseFactory(closed=True)  closed yesterday because the goals were reached
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.accounts.tests.factories import DirectorFactory, ProfessionalFactory
from eenplan.cases.models import Case, FollowUp, Involvement
from eenplan.people.tests.factories import HouseholdFactory


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    class Params:
        closed = factory.Trait(
            status=Case.Status.CLOSED,
            closed_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            ),
            closure_reason=Case.ClosureReason.GOALS_REACHED,
        )

    household = factory.SubFactory(HouseholdFactory)
    team = factory.SelfAttribute("household.team")
    director = factory.SubFactory(DirectorFactory, team=factory.SelfAttribute("..team"))
    opened_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=60)
    )


class InvolvementFactory(DjangoModelFactory):
    class Meta:
        model = Involvement

    case = factory.SubFactory(CaseFactory)
    professional = factory.SubFactory(ProfessionalFactory)
    role = "schuldhulpverlener"


class FollowUpFactory(DjangoModelFactory):
    """A follow-up check of a closed case, due today, owned by its director."""

    class Meta:
        model = FollowUp

    case = factory.SubFactory(CaseFactory, closed=True)
    due_on = factory.LazyFunction(timezone.localdate)
    owner = factory.SelfAttribute("case.director")
    team = factory.SelfAttribute("case.team")
