# SPDX-License-Identifier: EUPL-1.2
"""The database itself refuses UPDATE and DELETE on the audit tables.

These run on whichever database the suite runs on (SQLite and PostgreSQL in
CI), with raw SQL through `connection.cursor()`, so no ORM path is involved.
"""

import pytest
from django.db import DatabaseError, transaction

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.audit import integrity
from eenplan.audit.models import AuditEntry, AuditSeal

from .tamper import raw

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(front_desk, household):
    return audit.record(
        actor=act(front_desk), action="household.view", subject=household
    )


@pytest.fixture
def sealed(entry):
    integrity.seal(grace=integrity.datetime.timedelta(0))
    return AuditSeal.objects.get()


def refused(sql, params=()):
    """Run `sql` in a savepoint; True when the database refused it."""
    try:
        with transaction.atomic():
            raw(sql, params)
    except DatabaseError as error:
        assert "append-only" in str(error)
        return True
    return False


def test_the_append_only_triggers_are_installed():
    assert integrity.missing_triggers() == []


def test_update_of_an_entry_fails_at_the_database(entry):
    assert refused(
        "UPDATE audit_auditentry SET action = %s WHERE id = %s", ["x", entry.pk]
    )
    assert AuditEntry.objects.get(pk=entry.pk).action == "household.view"


def test_update_of_every_entry_fails_at_the_database(entry):
    assert refused("UPDATE audit_auditentry SET outcome = 'allowed'")


def test_delete_of_an_entry_fails_at_the_database(entry):
    assert refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_plain_delete_of_the_whole_table_fails(entry):
    """The same statement Django's test flush runs on SQLite, outside the flush."""
    assert refused("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.count() == 1


def test_the_orm_cannot_delete_or_update_either(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    assert AuditEntry.objects.get(pk=entry.pk).action == "household.view"


def test_seals_are_append_only_too(sealed):
    assert refused("UPDATE audit_auditseal SET batch_hash = 'x'")
    assert refused("DELETE FROM audit_auditseal")
    assert AuditSeal.objects.count() == 1


@pytest.mark.database("sqlite")  # the flush allowance is SQLite's
def test_on_sqlite_only_the_test_flush_marker_lets_delete_through(entry):
    """How transactional tests can still empty the table between tests.

    Django's flush on SQLite is `DELETE FROM`; the test plugin creates the TEMP
    table `eenplan_audit_flush` around it. No application code creates it.
    Updates stay refused even then.
    """
    with transaction.atomic():
        raw("CREATE TEMP TABLE eenplan_audit_flush (x INTEGER)")
        try:
            assert refused("UPDATE audit_auditentry SET action = 'x'")
            raw("DELETE FROM audit_auditentry")
        finally:
            raw("DROP TABLE temp.eenplan_audit_flush")
    assert not AuditEntry.objects.exists()
    audit.record(actor=None, action="again")
    assert refused("DELETE FROM audit_auditentry")


@pytest.mark.database("postgresql")  # TRUNCATE is PostgreSQL's flush
def test_on_postgresql_truncate_is_not_a_row_delete(entry):
    """Django's flush on PostgreSQL is TRUNCATE, which fires no row triggers.

    Production must not grant the application's role TRUNCATE on the audit
    tables (docs/privacy.md); the seal chain would report the loss anyway.
    """
    raw("TRUNCATE audit_auditentry")
    assert not AuditEntry.objects.exists()
