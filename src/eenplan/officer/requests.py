# SPDX-License-Identifier: EUPL-1.2
"""The register of requests for access (inzageverzoeken) and their exports.

A person's data export is only made for a registered request: who asked, when,
how their identity was checked and on which legal ground (AVG art. 15 or 20, a
court order …). The register shows every open request with its deadline (one
month, AVG art. 12(3)); the export names its request, and the audit entry of
the export carries the request's ground. Handing the export over closes the
request.

The policy decides who (the privacy officer, `Action.PERSON_EXPORT`); this
module decides which state (a request is handed over once), and
`privacy.domain` holds the dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.core.errors import DateOutOfRange, NotFoundOrForbidden
from eenplan.people.models import Person
from eenplan.privacy import domain
from eenplan.privacy.errors import (
    ExportAlreadyHandedOver,
    ExportNoteRequired,
    ExportRequesterNameRequired,
)
from eenplan.privacy.models import ExportRequest

from . import export

# Handed-over requests shown on the register (the open ones are all shown).
RECENT_HANDED_OVER = 50


@dataclass(frozen=True)
class Register:
    open: list[ExportRequest]
    handed_over: list[ExportRequest]


def _persons(requests) -> list[int]:
    return sorted({r.person_id for r in requests})


def register_list(*, actor) -> Register:
    """Open requests by deadline, and the latest handed over; audited with the
    persons they name."""
    policy.require(actor, Action.PERSON_EXPORT)
    rows = ExportRequest.objects.select_related("person")
    open_ = list(rows.filter(status=ExportRequest.Status.OPEN))
    done = list(
        rows.filter(status=ExportRequest.Status.HANDED_OVER)
        .select_related("handed_over_by")
        .order_by("-handed_over_on", "-created_at")[:RECENT_HANDED_OVER]
    )
    audit.record(
        actor=actor,
        action=Action.EXPORT_REQUEST_LIST,
        persons=_persons(open_ + done),
        purpose=export.PURPOSE,
        legal_basis=export.LEGAL_BASIS,
    )
    today = timezone.localdate()
    for item in open_:
        item.days_left = domain.export_days_left(item.deadline, today)
        item.days_overdue = max(0, -item.days_left)
    return Register(open_, done)


def person_for_request(*, actor, uuid) -> tuple[Person, list[ExportRequest]]:
    """The person a new request is about, and their requests still open."""
    policy.require(actor, Action.PERSON_EXPORT)
    person = Person.objects.filter(uuid=uuid).first()
    if person is None:
        raise NotFoundOrForbidden()
    audit.record(
        actor=actor,
        action=Action.EXPORT_REQUEST_NEW,
        subject=person,
        persons=[person],
        purpose=export.PURPOSE,
        legal_basis=export.LEGAL_BASIS,
    )
    return person, list(person.export_requests.filter(status=ExportRequest.Status.OPEN))


@transaction.atomic
def register(
    *,
    actor,
    person: Person,
    requester: str,
    received_on: datetime.date,
    identity_check: str,
    ground: str,
    requester_name: str = "",
    note: str = "",
) -> ExportRequest:
    """Register a request for access for `person`; its deadline follows."""
    policy.require(actor, Action.PERSON_EXPORT)
    requester_name, note = requester_name.strip(), note.strip()
    if domain.export_requester_name_required(requester) and not requester_name:
        raise ExportRequesterNameRequired()
    if domain.export_note_required(identity_check, ground) and not note:
        raise ExportNoteRequired()
    allowed = domain.export_received_on_range(timezone.localdate())
    if received_on not in allowed:
        raise DateOutOfRange("received_on", allowed)
    item = ExportRequest.objects.create(
        person=person,
        requester=requester,
        requester_name=requester_name,
        received_on=received_on,
        identity_check=identity_check,
        ground=ground,
        note=note,
        registered_by=actor.acting_user,
    )
    audit.record(
        actor=actor,
        action=Action.EXPORT_REQUEST_REGISTER,
        subject=item,
        persons=[person],
        purpose=export.PURPOSE,
        legal_basis=domain.EXPORT_GROUND_LEGAL_BASIS[ground],
    )
    return item


def request_get(*, actor, uuid) -> ExportRequest:
    policy.require(actor, Action.PERSON_EXPORT)
    item = (
        ExportRequest.objects.select_related(
            "person", "registered_by", "handed_over_by"
        )
        .filter(uuid=uuid)
        .first()
    )
    if item is None:
        raise NotFoundOrForbidden()
    return item


def request_export(*, actor, item: ExportRequest) -> dict:
    """The person's data export for this request, naming it; audited."""
    data = export.person_export(
        actor=actor,
        person=item.person,
        legal_basis=domain.EXPORT_GROUND_LEGAL_BASIS[item.ground],
    )
    data["request"] = describe(item)
    return data


def describe(item: ExportRequest) -> dict:
    """The request as the export names it (HTML and JSON alike)."""
    return {
        "uuid": str(item.uuid),
        "received_on": item.received_on,
        "deadline": item.deadline,
        "requester": str(item.get_requester_display()),
        "requester_name": item.requester_name,
        "identity_check": str(item.get_identity_check_display()),
        "ground": str(item.get_ground_display()),
        "note": item.note,
        "status": str(item.get_status_display()),
        "handed_over_on": item.handed_over_on,
        "registered_by": export.staff(item.registered_by),
    }


@transaction.atomic
def hand_over(
    *, actor, item: ExportRequest, handed_over_on: datetime.date
) -> ExportRequest:
    """The export was given to whoever asked: the request is done."""
    policy.require(actor, Action.PERSON_EXPORT)
    item = ExportRequest.objects.select_for_update().get(pk=item.pk)
    if item.status != ExportRequest.Status.OPEN:
        raise ExportAlreadyHandedOver()
    allowed = domain.export_handed_over_on_range(timezone.localdate(), item.received_on)
    if handed_over_on not in allowed:
        raise DateOutOfRange("handed_over_on", allowed)
    item.status = ExportRequest.Status.HANDED_OVER
    item.handed_over_on = handed_over_on
    item.handed_over_by = actor.acting_user
    item.save(update_fields=["status", "handed_over_on", "handed_over_by"])
    audit.record(
        actor=actor,
        action=Action.EXPORT_REQUEST_HAND_OVER,
        subject=item,
        persons=[item.person_id],
        purpose=export.PURPOSE,
        legal_basis=domain.EXPORT_GROUND_LEGAL_BASIS[item.ground],
    )
    return item
