# SPDX-License-Identifier: EUPL-1.2
"""Reads of ZRM assessments: per person, over time, for the radar chart."""

from __future__ import annotations

from collections import defaultdict

from django.utils.formats import date_format

from eenplan.access import policy
from eenplan.access.actor import Actor
from eenplan.access.categories import Category

from . import domain
from .models import Assessment, Level, LifeDomain


def active_domains() -> list[LifeDomain]:
    return list(LifeDomain.objects.filter(active=True))


def zrm_scale() -> dict:
    """The active life domains and the levels, for ZRM forms (two queries, once
    per page however many forms it shows)."""
    return {"domains": active_domains(), "levels": list(Level.objects.all())}


def zrm_charts(
    *, actor: Actor, case, persons, shares: policy.Sharing | None = None
) -> list[dict]:
    """For each person whose ZRM may be shown (`shares`, the case's sharing for
    the actor, asked when not given): the case's assessments of them, oldest
    first, as radar series. Three queries whatever the number of persons and
    assessments."""
    if shares is None:
        shares = policy.sharing_of(actor, case)
    persons = [p for p in persons if shares.allows(Category.ZRM, [p.pk])]
    domains = active_domains()
    codes = [d.code for d in domains]
    code_of = {d.pk: d.code for d in domains}  # not a query per page for them
    assessments = (
        Assessment.objects.filter(case=case, person__in=persons)
        .select_related("assessor")
        .prefetch_related("scores")
        .order_by("assessed_on", "created_at")
    )
    by_person: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments:
        by_person[assessment.person_id].append(assessment)
    charts = []
    for person in persons:
        items = by_person.get(person.pk, [])
        series = domain.radar_series(
            codes,
            [
                (
                    f"{date_format(a.assessed_on, 'SHORT_DATE_FORMAT')} "
                    f"({a.get_kind_display()})",
                    {
                        code_of[s.domain_id]: s.score
                        for s in a.scores.all()
                        if s.domain_id in code_of
                    },
                )
                for a in items
            ],
        )
        charts.append(
            {
                "person": person,
                "assessments": items,
                "labels": [d.name for d in domains],
                "series": series,
            }
        )
    return charts
