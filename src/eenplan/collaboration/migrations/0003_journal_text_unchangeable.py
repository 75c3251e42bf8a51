# SPDX-License-Identifier: EUPL-1.2
"""The database refuses to change a report's text, case, author or
confidentiality once written: a correction is a new version (0002).

DELETE stays possible: a case's reports go with it when the retention run
destroys the case.
"""

from django.db import migrations

TABLE = "collaboration_journalentry"
FIELDS = ("text", "case_id", "author_id", "confidential", "written_on")


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


CHANGED = " OR ".join(f"NEW.{f} IS DISTINCT FROM OLD.{f}" for f in FIELDS)
CHANGED_SQLITE = " OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in FIELDS)

POSTGRES = [
    f"""
CREATE OR REPLACE FUNCTION eenplan_journal_unchangeable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF {CHANGED} THEN
        RAISE EXCEPTION 'a report is corrected by a new version, never changed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
""",
    f"CREATE TRIGGER {TABLE}_unchangeable BEFORE UPDATE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION eenplan_journal_unchangeable();",
]
POSTGRES_BACK = [
    f"DROP TRIGGER IF EXISTS {TABLE}_unchangeable ON {TABLE};",
    "DROP FUNCTION IF EXISTS eenplan_journal_unchangeable();",
]
SQLITE = [
    f"CREATE TRIGGER {TABLE}_unchangeable BEFORE UPDATE ON {TABLE} "
    f"WHEN {CHANGED_SQLITE} "
    f"BEGIN SELECT RAISE(ABORT, 'a report is corrected by a new version, "
    f"never changed'); END;"
]
SQLITE_BACK = [f"DROP TRIGGER IF EXISTS {TABLE}_unchangeable;"]


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0002_journal_corrections")]

    operations = [
        VendorSQL("postgresql", POSTGRES, POSTGRES_BACK),
        VendorSQL("sqlite", SQLITE, SQLITE_BACK),
    ]
