# SPDX-License-Identifier: EUPL-1.2
"""Trigram indexes for the search on fragments of a name (PostgreSQL only).

`household_search` and `person_lookup` filter with `icontains` per word, which
Django renders on PostgreSQL as

    UPPER("people_person"."given_names"::text) LIKE UPPER('%frag%')

A btree cannot serve a pattern with a leading wildcard, so at a million
persons that is a table scan. A GIN index with `gin_trgm_ops` on exactly that
expression, `UPPER(given_names::text)` (and the same for `family_name`), lets
the planner find the rows through their trigrams: a fragment of three letters
or more. The two indexes are combined (BitmapOr) for "given names OR family
name".

The indexes are built CONCURRENTLY (hence `atomic = False`): on a populated
table a plain CREATE INDEX would block every write to persons while it runs. A build that fails
leaves an INVALID index behind: drop it before migrating again.
`pg_trgm` is a trusted extension (PostgreSQL 13+): the owner of the database,
or a role with CREATE on it, may install it. Migrating back drops the indexes
but leaves the extension, which other objects may use.

On SQLite this migration does nothing: its LIKE is case-insensitive already
and has no index that serves a leading wildcard. The model state is not
changed, so `makemigrations --check` stays clean on both databases.
"""

from django.db import migrations

from eenplan.core.migration_ops import VendorSQL

INDEXES = {
    "person_given_names_trgm": "given_names",
    "person_family_name_trgm": "family_name",
}


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("people", "0002_local_dates"),
    ]

    operations = [
        VendorSQL(
            "postgresql",
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            migrations.RunSQL.noop,
        ),
        *(
            VendorSQL(
                "postgresql",
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON people_person "
                f"USING gin ((UPPER({column}::text)) gin_trgm_ops)",
                f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
            )
            for name, column in INDEXES.items()
        ),
    ]
