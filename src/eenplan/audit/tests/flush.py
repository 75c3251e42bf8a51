# SPDX-License-Identifier: EUPL-1.2
"""Pytest plugin: the test suite's own allowances around the append-only audit trail.

1. Entries written outside a request say origin "test".
2. Django empties the database between transactional tests (live-server
   browser tests, `transaction=True`). On PostgreSQL that is a TRUNCATE,
   which row triggers do not see. On SQLite it is `DELETE FROM <table>`,
   which the audit tables' triggers refuse unless a TEMP table named
   `eenplan_audit_flush` exists on the connection. This plugin wraps the
   SQLite flush, and only the flush, in creating and dropping that table,
   inside the flush's own transaction. Nothing in the application creates it,
   so an application DELETE still fails.

Registered in the root conftest.py.
"""

import pytest

FLUSH_MARKER = "eenplan_audit_flush"


def pytest_configure(config):
    from eenplan.audit import context

    context.set_default_kind(context.TEST)


@pytest.fixture(autouse=True, scope="session")
def _audit_tables_flushable_between_transactional_tests():
    from django.db import connections

    sqlite = [c for c in connections.all() if c.vendor == "sqlite"]
    if not sqlite:
        yield
        return
    DatabaseOperations = type(sqlite[0].ops)
    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(
            self,
            style,
            tables,
            reset_sequences=reset_sequences,
            allow_cascade=allow_cascade,
        )
        if not statements:
            return statements
        return [
            f"CREATE TEMP TABLE IF NOT EXISTS {FLUSH_MARKER} (x INTEGER)",
            *statements,
            f"DROP TABLE IF EXISTS temp.{FLUSH_MARKER}",
        ]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = original
