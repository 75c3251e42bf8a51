# SPDX-License-Identifier: EUPL-1.2
"""Writes on ZRM assessments."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.core.errors import CaseClosed, DateOutOfRange

from . import domain
from .errors import IncompleteAssessment, NotAnAdultMember, ScoreOutOfRange
from .models import Assessment, DomainScore, LifeDomain


@transaction.atomic
def assessment_record(
    *,
    actor: Actor,
    case,
    person,
    kind: str,
    assessed_on: datetime.date,
    scores: Mapping[LifeDomain, int],
) -> Assessment:
    """Record a ZRM for an adult member of the case's household: every domain, 1–5."""
    policy.require(actor, Action.ASSESSMENT_CREATE, case)
    if not case.is_open:
        raise CaseClosed()
    allowed = domain.assessed_on_range(timezone.localdate(), case.opened_on)
    if assessed_on not in allowed:
        raise DateOutOfRange("assessed_on", allowed)
    is_member = case.household.memberships.filter(
        person=person, until__isnull=True
    ).exists()
    if not is_member or not person.is_adult_on(assessed_on):
        raise NotAnAdultMember()
    if not all(domain.valid_score(score) for score in scores.values()):
        raise ScoreOutOfRange()
    required = LifeDomain.objects.filter(active=True).values_list("code", flat=True)
    if domain.missing_domains(required, (d.code for d in scores)):
        raise IncompleteAssessment()
    assessment = Assessment.objects.create(
        person=person,
        case=case,
        kind=kind,
        assessed_on=assessed_on,
        assessor=actor.acting_user,
    )
    DomainScore.objects.bulk_create(
        DomainScore(assessment=assessment, domain=d, score=score)
        for d, score in scores.items()
    )
    audit.record(
        actor=actor,
        action=Action.ASSESSMENT_CREATE,
        subject=assessment,
        persons=[person],
    )
    return assessment
