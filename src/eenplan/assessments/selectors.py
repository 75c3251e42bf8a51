# SPDX-License-Identifier: EUPL-1.2
"""Reads of ZRM assessments: per person, over time, for the radar chart."""

from __future__ import annotations

from collections import defaultdict

from django.utils.formats import date_format

from eenplan.privacy import policy

from . import domain
from .models import Assessment, LifeDomain


def active_domains() -> list[LifeDomain]:
    return list(LifeDomain.objects.filter(active=True))


def zrm_charts(*, actor, case, persons) -> list[dict]:
    """For each person whose ZRM the user may see: the case's assessments of them,
    oldest first, as radar series. Two queries whatever the number of assessments.
    """
    persons = [p for p in persons if policy.zrm_visible(actor, case, p)]
    domains = active_domains()
    codes = [d.code for d in domains]
    assessments = (
        Assessment.objects.filter(case=case, person__in=persons)
        .select_related("assessor")
        .prefetch_related("scores__domain")
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
                    {s.domain.code: s.score for s in a.scores.all()},
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
