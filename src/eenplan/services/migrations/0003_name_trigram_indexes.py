# SPDX-License-Identifier: EUPL-1.2
"""Trigram indexes for the catalogue's search on fragments of a name
(PostgreSQL only), like people's 0003: `icontains` renders as
UPPER(name::text) LIKE UPPER('%frag%'), which a GIN index with gin_trgm_ops
on that expression serves. Built CONCURRENTLY, so no transaction."""

from django.db import migrations

from eenplan.core.migration_ops import VendorSQL

INDEXES = {
    "offer_name_trgm": ("services_offer", "name"),
    "offer_organiser_trgm": ("services_offer", "organiser"),
    "service_name_trgm": ("services_service", "name"),
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("services", "0002_topics_and_letter"),
        ("people", "0003_person_name_trigram_indexes"),  # installs pg_trgm
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
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} "
                f"USING gin ((UPPER({column}::text)) gin_trgm_ops)",
                f"DROP INDEX CONCURRENTLY IF EXISTS {name}",
            )
            for name, (table, column) in INDEXES.items()
        ),
    ]
