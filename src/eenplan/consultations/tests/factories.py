# SPDX-License-Identifier: EUPL-1.2
"""Factories for consultations, forums and escalations.

consultation_for(case)                  planned an hour ago, the director chairs
consultation_for(case, ahead=True)      planned for tomorrow
ForumFactory(members=[user])            "Verbindend overleg teammanagers"
"""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from eenplan.consultations.models import (
    AgendaItem,
    Consultation,
    Escalation,
    Forum,
    Participant,
)


class ForumFactory(DjangoModelFactory):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Verbindend overleg teammanagers {n}")
    cadence = "maandelijks"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


def consultation_for(case, *, ahead=False, chair=None, participants=()):
    """A planned consultation of the case's team with `case` on the agenda
    (as `.item`), begun an hour ago (or tomorrow: `ahead`); the director chairs."""
    delta = datetime.timedelta(days=1) if ahead else -datetime.timedelta(hours=1)
    chair = chair or case.director
    consultation = Consultation.objects.create(
        team=case.team,
        starts_at=timezone.now() + delta,
        chair=chair,
        planned_by=chair,
    )
    consultation.item = AgendaItem.objects.create(
        consultation=consultation, case=case, question="Wie doet wat?"
    )
    for user in {chair, *participants}:
        Participant.objects.create(consultation=consultation, user=user)
    return consultation


class EscalationFactory(DjangoModelFactory):
    class Meta:
        model = Escalation

    case = None
    forum = factory.SubFactory(ForumFactory)
    raised_by = factory.LazyAttribute(lambda o: o.case.director)
    kind = Escalation.Kind.DISAGREEMENT
    question = "Wie neemt de regie?"
