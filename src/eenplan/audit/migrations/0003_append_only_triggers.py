# SPDX-License-Identifier: EUPL-1.2
"""The database itself refuses UPDATE and DELETE on the audit tables.

PostgreSQL: a plpgsql row trigger raises an exception. TRUNCATE fires no row
triggers, so Django's test flush (TRUNCATE) still empties the tables between
transactional tests; production must not grant the application's database
role TRUNCATE (or ownership) on these tables (docs/privacy.md).

SQLite: BEFORE UPDATE / BEFORE DELETE triggers RAISE(ABORT). Django's test
flush on SQLite is a plain DELETE, so the DELETE trigger stands down only
while a TEMP table named `eenplan_audit_flush` exists on the connection.
Only the test-suite plugin (`eenplan.audit.tests.flush`) creates it, inside
the flush's own transaction. SQLite has no users or privileges: whoever can
run arbitrary SQL on the file can also drop the triggers; the hash chain is
what detects that.

A PostgreSQL GIN index on person_ids serves the privacy officer's filter by
person (`person_ids @> '[id]'`).
"""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_auditseal")


class VendorSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, args, {"vendor": self.vendor, **kwargs}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION eenplan_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def postgres_sql():
    forwards = [POSTGRES_FUNCTION]
    backwards = []
    for table in TABLES:
        forwards.append(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION eenplan_audit_append_only();"
        )
        backwards.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    forwards.append(
        "CREATE INDEX audit_entry_person_ids_gin ON audit_auditentry "
        "USING gin (person_ids jsonb_path_ops);"
    )
    backwards.append("DROP INDEX IF EXISTS audit_entry_person_ids_gin;")
    backwards.append("DROP FUNCTION IF EXISTS eenplan_audit_append_only();")
    return forwards, backwards


def sqlite_sql():
    forwards = []
    backwards = []
    for table in TABLES:
        forwards.append(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: "
            f"UPDATE on {table} refused'); END;"
        )
        forwards.append(
            # The table names are the constants above, not input.
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "  # noqa: S608
            f"WHEN NOT EXISTS (SELECT 1 FROM pragma_table_list "
            f"WHERE schema = 'temp' AND name = 'eenplan_audit_flush') "
            f"BEGIN SELECT RAISE(ABORT, 'audit trail is append-only: "
            f"DELETE on {table} refused'); END;"
        )
        backwards.append(f"DROP TRIGGER IF EXISTS {table}_no_update;")
        backwards.append(f"DROP TRIGGER IF EXISTS {table}_no_delete;")
    return forwards, backwards


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_entry_fields_and_seal"),
    ]

    operations = [
        VendorSQL("postgresql", *postgres_sql()),
        VendorSQL("sqlite", *sqlite_sql()),
    ]
