# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's audit page: filter, page through and export the trail."""

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from eenplan.access.actions import Action
from eenplan.access.views import action_view
from eenplan.audit import domain
from eenplan.people.forms import PersonLookupForm

from . import audit_selectors as selectors
from .audit_forms import FilterForm
from .labels import EntryLabels

PAGE_SIZE = 50
# The export has every field the entry's digest covers, plus its id and digest;
# the staff member by username and UUID rather than by internal id.
CSV_COLUMNS = (
    "id",
    *(name for name in domain.ENTRY_FIELDS if name != "actor_id"),
    "digest",
)
# Beside the codes, their Dutch labels and the persons' names.
CSV_LABELS = (
    "action_label",
    "function_label",
    "roles_label",
    "object_label",
    "purpose_label",
    "legal_basis_label",
    "reason_label",
    "person_names",
)
CHUNK = 2000


def _filters(request):
    """The filter form from the query string, and an EntryFilter of its valid part."""
    form = FilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    person = None
    if data.get("person"):
        person = selectors.person_for_filter(actor=request.actor, uuid=data["person"])
    return form, selectors.EntryFilter(
        person=person,
        unknown_person=bool(data.get("person")) and person is None,
        user=data.get("user"),
        organisation=data.get("organisation"),
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        outcome=data.get("outcome") or "",
        break_glass=bool(data.get("break_glass")),
    )


@action_view(Action.AUDIT_VIEW)
@require_GET
def entry_list(request):
    form, filters = _filters(request)
    page, labels = selectors.entry_page(
        actor=request.actor,
        filters=filters,
        number=request.GET.get("page"),
        size=PAGE_SIZE,
    )
    rows = [labels.row(entry) for entry in page.object_list]
    return render(
        request,
        "audit/entry_list.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": rows,
            "search_form": PersonLookupForm(),
            "query": _query_without(request, "page"),
            "query_without_person": _query_without(request, "page", "person"),
            "nav": "audit",
        },
    )


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@action_view(Action.AUDIT_VIEW)
@require_POST
def person_search(request):
    """Names, dates of birth and BSNs arrive by POST and leave as a person UUID."""
    form = PersonLookupForm(request.POST)
    results = None
    if form.is_valid():
        results = selectors.person_search(actor=request.actor, **form.cleaned_data)
    return render(
        request,
        "audit/person_search.html",
        {"search_form": form, "results": results, "nav": "audit"},
    )


class _Echo:
    """A file-like object whose write() returns the line, for streaming CSV."""

    def write(self, value):
        return value


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv_row(entry, labels) -> list[str]:
    row = labels.row(entry)
    return [
        *_csv_codes(entry),
        _cell(row["action"]),
        _cell(row["function"]),
        _cell("; ".join(row["roles"])),
        _cell(row["object"]),
        _cell(row["purpose"]),
        _cell(row["legal_basis"]),
        _cell(row["reason"]),
        _cell("; ".join(name for _pk, name in row["persons"])),
    ]


def _csv_codes(entry) -> list[str]:
    values = []
    for name in CSV_COLUMNS:
        value = getattr(entry, name)
        if name == "at":
            value = timezone.localtime(value).isoformat()
        elif name in ("roles", "person_ids"):
            value = " ".join(str(item) for item in value)
        elif name == "break_glass":
            value = "yes" if value else "no"
        values.append(_cell(value))
    return values


def _csv_chunk(writer, entries):
    """Rows for a chunk of entries: their labels and names in two queries."""
    labels = EntryLabels(entries)
    for entry in entries:
        yield writer.writerow(_csv_row(entry, labels))


@action_view(Action.AUDIT_EXPORT)
@require_GET
def export_csv(request):
    """The filtered entries as CSV (UTF-8, one header row); the export is audited."""
    form, filters = _filters(request)
    if form.errors:
        # Never export more than was asked: the page shows what is wrong with
        # the filter, beside the field, with everything typed kept.
        return redirect(f"{reverse('audit:list')}?{request.GET.urlencode()}")
    entries = selectors.entry_export(actor=request.actor, filters=filters)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow((*CSV_COLUMNS, *CSV_LABELS))
        chunk = []
        for entry in entries.iterator(chunk_size=CHUNK):
            chunk.append(entry)
            if len(chunk) == CHUNK:
                yield from _csv_chunk(writer, chunk)
                chunk = []
        yield from _csv_chunk(writer, chunk)

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
