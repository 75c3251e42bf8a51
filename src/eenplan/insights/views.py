# SPDX-License-Identifier: EUPL-1.2
"""Steering information for management and policy: aggregates only."""

import csv
import io

from django.http import HttpResponse
from django.shortcuts import redirect, render

from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import action_view

from . import figures, selectors
from .forms import FilterForm

insights_view = action_view(Action.INSIGHTS_VIEW)
BUILT = ("workload", "finance", "quality")  # built so far (docs/insights.md)


def _scope(request):
    form = FilterForm(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    return form, form.scope() if valid else None


@insights_view
def index(request):
    return redirect("insights:view", view=BUILT[0])


@insights_view
def view(request, view):
    if view not in BUILT:
        raise Hidden(Action.INSIGHTS_VIEW, "insights.view")
    form, scope = _scope(request)
    shown = (
        selectors.view_figures(actor=request.actor, view=view, scope=scope)
        if scope is not None
        else []
    )
    return render(
        request,
        "insights/view.html",
        {
            "form": form,
            "shown": shown,
            "view": view,
            "views": [(v, figures.VIEWS[v]) for v in BUILT],
            "title": figures.VIEWS[view],
            "query": request.GET.urlencode(),
            "nav": "insights",
        },
    )


@insights_view
def definition(request, code):
    form, scope = _scope(request)
    if scope is None:
        scope = FilterForm().scope()
    shown = selectors.figure_get(actor=request.actor, code=code, scope=scope)
    return render(
        request,
        "insights/definition.html",
        {
            "shown": shown,
            "sql": selectors.sql_of(shown),
            "view_title": figures.VIEWS[shown.figure.view],
            "query": request.GET.urlencode(),
            "nav": "insights",
        },
    )


def _rows(shown):
    yield ["", *shown.header()]
    for row in shown.rows():
        yield [row["label"], *row["cells"]]


@insights_view
def export(request, code, fmt):
    """The figure's table as CSV or XLSX, suppressed exactly as on the page."""
    form, scope = _scope(request)
    if scope is None:
        raise Hidden(Action.INSIGHTS_VIEW, "insights.export")
    shown = selectors.figure_get(actor=request.actor, code=code, scope=scope)
    name = f"{code}-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([str(shown.figure.title)])
        for row in _rows(shown):
            writer.writerow(["" if v is None else v for v in row])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = code[:31]
        sheet.append([str(shown.figure.title)])
        for row in _rows(shown):
            sheet.append([_xlsx_value(v) for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
        )
    else:
        raise Hidden(Action.INSIGHTS_VIEW, "insights.export")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _xlsx_value(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)
