# SPDX-License-Identifier: EUPL-1.2
"""Reads of the steering information: aggregates only, through the policy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.errors import Hidden

from . import figures
from .domain import TOTAL
from .figures import Figure, Result, Scope

HIDDEN = "< 5"


@dataclass
class Shown:
    """A figure computed for a page: its definition and result."""

    figure: Figure
    result: Result

    def rows(self) -> list[dict[str, Any]]:
        """Rows as the page and the exports show them: label, then cells (a
        hidden cell as "< 5"), the row total last when there are totals."""
        table, result = self.result.table, self.result
        keys = [*table.rows, TOTAL] if result.totals else list(table.rows)
        columns = [*table.columns, TOTAL] if result.totals else list(table.columns)
        out = []
        for row in keys:
            label = (
                str(_("Total"))
                if row == TOTAL
                else result.row_labels.get(row, str(row))
            )
            cells: list[Any] = []
            for column in columns:
                if not table.shown(row, column):
                    cells.append(HIDDEN)
                else:
                    cells.append(table.cell(row, column).value)
            out.append({"label": label, "cells": cells, "total": row == TOTAL})
        return out

    def header(self) -> list[str]:
        result, table = self.result, self.result.table
        labels = [result.column_labels.get(c, str(c)) for c in table.columns]
        if result.totals:
            labels.append(str(_("Total")))
        return labels

    def chart(self) -> dict[str, Any] | None:
        """Chart.js data: one dataset per column (hidden cells as gaps)."""
        result, table = self.result, self.result.table
        if not result.chart or not table.rows:
            return None
        datasets = []
        for column in table.columns:
            values: list[float | None] = []
            for row in table.rows:
                value = table.cell(row, column).value
                shown = table.shown(row, column)
                if shown and isinstance(value, int | float | Decimal):
                    values.append(float(value))
                else:
                    values.append(None)
            datasets.append(
                {"label": result.column_labels.get(column, str(column)), "data": values}
            )
        return {
            "type": result.chart,
            "labels": [result.row_labels.get(r, str(r)) for r in table.rows],
            "datasets": datasets,
        }


def _require(actor: Actor) -> None:
    policy.require(actor, Action.INSIGHTS_VIEW)


def view_figures(*, actor: Actor, view: str, scope: Scope) -> list[Shown]:
    """The figures of one view for `scope`: aggregates only; audited as a view
    of steering information (no persons: nothing personal is shown)."""
    _require(actor)
    if view not in figures.VIEWS:
        raise Hidden(Action.INSIGHTS_VIEW, "insights.view")
    shown = [Shown(f, f.compute(scope)) for f in figures.of_view(view)]
    audit.record(actor=actor, action=Action.INSIGHTS_VIEW)
    return shown


def figure_get(*, actor: Actor, code: str, scope: Scope) -> Shown:
    _require(actor)
    found = figures.FIGURES.get(code)
    if found is None:
        raise Hidden(Action.INSIGHTS_VIEW, "insights.figure")
    shown = Shown(found, found.compute(scope))
    audit.record(actor=actor, action=Action.INSIGHTS_VIEW)
    return shown


def sql_of(shown: Shown) -> list[str]:
    """The SQL of the querysets the figure read: the definition's query is the
    figure's own."""
    return [str(qs.query) for qs in shown.result.sources]


ACCOUNTABILITY = ("commitments", "time_spent", "cases_worked")


def accountability(*, actor: Actor, scope: Scope) -> list[Shown]:
    """The accountability report of one organisation (scope.organisation_id)
    for a period: committed against delivered hours, the time its people
    wrote, and the cases they worked on; aggregates only, audited."""
    _require(actor)
    if scope.organisation_id is None:
        raise Hidden(Action.INSIGHTS_VIEW, "insights.accountability")
    shown = [
        Shown(figures.FIGURES[code], figures.FIGURES[code].compute(scope))
        for code in ACCOUNTABILITY
    ]
    audit.record(actor=actor, action=Action.INSIGHTS_VIEW)
    return shown
