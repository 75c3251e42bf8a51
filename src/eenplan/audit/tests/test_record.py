# SPDX-License-Identifier: EUPL-1.2
"""`audit.record`: one row per event, persons by internal id only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from eenplan import audit
from eenplan.audit.models import AuditEntry
from eenplan.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_record_stores_sorted_unique_person_ids_and_the_subject(front_desk, household):
    a, b = PersonFactory(), PersonFactory()
    entry = audit.record(
        actor=front_desk,
        action="household.view",
        subject=household,
        persons=[b, a, b.pk],
    )
    entry.refresh_from_db()
    assert entry.person_ids == sorted([a.pk, b.pk])
    assert entry.object_type == "people.household"
    assert entry.object_uuid == household.uuid
    assert entry.actor == front_desk
    assert entry.outcome == "allowed"


def test_record_never_stores_a_bsn(front_desk):
    person = PersonFactory(bsn="111222333")
    audit.record(actor=front_desk, action="person.view", persons=[person])
    row = AuditEntry.objects.values().get()
    assert "111222333" not in repr(row)
    assert row["person_ids"] == [person.pk]


def test_a_refusal_by_an_anonymous_user_is_recorded_without_actor():
    entry = audit.record(
        actor=AnonymousUser(), action="household.view", outcome="refused"
    )
    assert entry.actor is None
    assert entry.outcome == "refused"
    assert entry.object_type == ""
    assert entry.person_ids == []
