# SPDX-License-Identifier: EUPL-1.2
"""Factories for the journal.

JournalEntryFactory()                 a report by the case's director
JournalEntryFactory(confidential=True) kept inside the author's organisation
"""

import factory
from factory.django import DjangoModelFactory

from eenplan.cases.tests.factories import CaseFactory
from eenplan.collaboration.models import JournalEntry


class JournalEntryFactory(DjangoModelFactory):
    class Meta:
        model = JournalEntry

    case = factory.SubFactory(CaseFactory)
    author = factory.SelfAttribute("case.director")
    organisation = factory.SelfAttribute("author.organisation")
    text = factory.Faker("paragraph", locale="nl_NL")
