# SPDX-License-Identifier: EUPL-1.2
"""Steering information for management and policy: aggregates only."""

import csv
import io
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import redirect, render

from eenplan.access.actions import Action
from eenplan.access.errors import Hidden
from eenplan.access.views import action_view

from . import figures, selectors
from .forms import FilterForm

insights_view = action_view(Action.INSIGHTS_VIEW)
REPORT_CSS = Path(__file__).resolve().parent / "templates" / "insights" / "report.css"
BUILT = (
    "workload",
    "staffing",
    "finance",
    "quality",
)  # built so far (docs/insights.md)


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


def _quarter_form(request):
    from django.utils import timezone

    from .forms import QuarterForm

    today = timezone.localdate()
    previous = (today.month - 1) // 3 or 4
    year = today.year if (today.month - 1) // 3 else today.year - 1
    return QuarterForm(request.GET or None, initial={"year": year, "quarter": previous})


@insights_view
def accountability(request):
    """The accountability report of a partner organisation for a quarter."""
    form = _quarter_form(request)
    shown = []
    if form.is_bound and form.is_valid():
        shown = selectors.accountability(actor=request.actor, scope=form.scope())
    return render(
        request,
        "insights/accountability.html",
        {
            "form": form,
            "shown": shown,
            "query": request.GET.urlencode(),
            "views": [(v, figures.VIEWS[v]) for v in BUILT],
            "nav": "insights",
        },
    )


@insights_view
def accountability_pdf(request):
    """The same report as a PDF (WeasyPrint), to send to the organisation."""
    from django.template.loader import render_to_string
    from django.utils.translation import override
    from weasyprint import CSS, HTML

    form = _quarter_form(request)
    if not form.is_valid():
        raise Hidden(Action.INSIGHTS_VIEW, "insights.accountability")
    scope = form.scope()
    shown = selectors.accountability(actor=request.actor, scope=scope)
    with override("nl"):
        html = render_to_string(
            "insights/accountability_pdf.html",
            {
                "shown": shown,
                "organisation": form.cleaned_data["organisation"],
                "start": scope.start,
                "end": scope.end,
            },
        )
    css = CSS(string=REPORT_CSS.read_text(encoding="utf-8"), url_fetcher=_refuse_fetch)
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(stylesheets=[css])
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"verantwoording-{scope.start:%Y}-q{form.cleaned_data['quarter']}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError("Reports load no resources.")
