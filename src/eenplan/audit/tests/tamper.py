# SPDX-License-Identifier: EUPL-1.2
"""Test helpers that play the attacker: write to the audit tables past the triggers.

Someone with full control of the database can switch the triggers off; the
hash chain is what must still catch them. These helpers do exactly that,
inside the test's transaction, and put the triggers back.
"""

import importlib
from contextlib import contextmanager

from django.db import connection

TRIGGERS = importlib.import_module("eenplan.audit.migrations.0003_append_only_triggers")


def sqlite_triggers(table):
    """The CREATE TRIGGER statements migration 0003 ran for `table` on SQLite."""
    forwards, _backwards = TRIGGERS.sqlite_sql()
    return [sql for sql in forwards if f" ON {table} " in sql]


@contextmanager
def triggers_off(table="audit_auditentry"):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only")
        else:
            cursor.execute(f"DROP TRIGGER {table}_no_update")
            cursor.execute(f"DROP TRIGGER {table}_no_delete")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"ALTER TABLE {table} ENABLE TRIGGER {table}_append_only"
                )
            else:
                for statement in sqlite_triggers(table):
                    cursor.execute(statement)


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
