# SPDX-License-Identifier: EUPL-1.2
"""Reads of the audit trail for the privacy officer; each read is audited itself.

NEN 7513 asks that access to the log is logged too: viewing the audit page,
searching a person for it and exporting it each write an entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.audit.models import AuditEntry
from eenplan.core.db import custom_plans
from eenplan.people.models import Person
from eenplan.people.selectors import person_lookup

from .labels import EntryLabels

PURPOSE = "audit-review"


@dataclass(frozen=True)
class EntryFilter:
    person: Person | None = None
    # A person UUID was asked for that does not exist: show nothing, not everyone.
    unknown_person: bool = False
    user: object | None = None
    organisation: object | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    outcome: str = ""
    break_glass: bool = False


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def concerning(queryset: QuerySet, person_id: int) -> QuerySet:
    """Entries whose person_ids hold `person_id`.

    PostgreSQL: `person_ids @> '[id]'`, served by a GIN index (migration 0003).
    SQLite has no JSON containment; json_each scans, fine at embedded sizes.
    """
    if connection.vendor == "postgresql":
        return queryset.filter(person_ids__contains=[person_id])
    table = AuditEntry._meta.db_table
    # The id is a bound parameter; the table name is the model's own.
    return queryset.filter(
        RawSQL(  # noqa: S611
            f'EXISTS (SELECT 1 FROM json_each("{table}"."person_ids") '  # noqa: S608
            "WHERE json_each.value = %s)",
            [person_id],
            output_field=BooleanField(),
        )
    )


def filtered(f: EntryFilter) -> QuerySet:
    qs = AuditEntry.objects.select_related("actor")
    if f.unknown_person:
        return qs.none()
    if f.person is not None:
        qs = concerning(qs, f.person.pk)
    if f.user is not None:
        qs = qs.filter(actor=f.user)
    if f.organisation is not None:
        qs = qs.filter(organisation_uuid=f.organisation.uuid)
    if f.date_from:
        qs = qs.filter(at__gte=_start_of(f.date_from))
    if f.date_to:
        qs = qs.filter(at__lt=_start_of(f.date_to + datetime.timedelta(days=1)))
    if f.outcome:
        qs = qs.filter(outcome=f.outcome)
    if f.break_glass:
        qs = qs.filter(break_glass=True)
    return qs.order_by("-id")


def entry_page(
    *, actor, filters: EntryFilter, number, size: int
) -> tuple[Page, EntryLabels]:
    """One page of the entries matching `filters`, newest first, with the
    labels for its codes and the names of the persons it concerns. The viewing
    is audited with the persons named on the page."""
    policy.require(actor, Action.AUDIT_VIEW)
    with custom_plans():  # a person's trail: a plan for that person
        page = Paginator(filtered(filters), size).get_page(number)
        labels = EntryLabels(page.object_list)
    named = set(labels.persons)
    if filters.person:
        named.add(filters.person.pk)
    audit.record(actor=actor, action=Action.AUDIT_VIEW, persons=named, purpose=PURPOSE)
    return page, labels


def entry_export(*, actor, filters: EntryFilter) -> QuerySet:
    """The entries matching `filters` for a CSV export; audited as audit.export."""
    policy.require(actor, Action.AUDIT_EXPORT)
    audit.record(
        actor=actor,
        action=Action.AUDIT_EXPORT,
        persons=[filters.person] if filters.person else [],
        purpose=PURPOSE,
    )
    return filtered(filters)


def person_search(
    *, actor, name: str = "", birth_date=None, bsn: str = ""
) -> list[Person]:
    """Persons matching every given criterion, to filter the trail by one of them.

    The privacy officer sees no case content, only who a person is; the search
    and the persons it found are audited.
    """
    policy.require(actor, Action.AUDIT_VIEW)
    persons = person_lookup(name=name, birth_date=birth_date, bsn=bsn)
    audit.record(
        actor=actor, action=Action.AUDIT_PERSON_SEARCH, persons=persons, purpose=PURPOSE
    )
    return persons


def person_for_filter(*, actor, uuid) -> Person | None:
    """The person named by the `person` filter (shown as the page's subject)."""
    policy.require(actor, Action.AUDIT_VIEW)
    return Person.objects.filter(uuid=uuid).first()
