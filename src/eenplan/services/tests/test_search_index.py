# SPDX-License-Identifier: EUPL-1.2
"""The catalogue's search on fragments of a name is served by trigram indexes on
PostgreSQL (migration services/0003); on SQLite the migration does nothing."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.organisations.tests.factories import TeamFactory
from eenplan.services import selectors
from eenplan.services.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

INDEXES = {
    "services_offer": {"offer_name_trgm": "name", "offer_organiser_trgm": "organiser"},
    "services_service": {"service_name_trgm": "name"},
}


def test_the_trigram_indexes_exist_on_postgresql_only():
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE %s",
                ["%trgm%"],
            )
            assert [
                n for (n,) in cursor.fetchall() if "offer" in n or "service" in n
            ] == []
            return
        for table, indexes in INDEXES.items():
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                [table],
            )
            found = dict(cursor.fetchall())
            for name, column in indexes.items():
                assert (
                    f"USING gin (upper(({column})::text) gin_trgm_ops)" in found[name]
                )


# One word of the offer search as icontains renders it on PostgreSQL.
OFFER_WORD = re.compile(
    r"\(UPPER\(\"services_offer\"\.\"name\"::text\) LIKE UPPER\('[^']*'\) "
    r"OR UPPER\(\"services_offer\"\.\"organiser\"::text\) LIKE UPPER\('[^']*'\)\)"
)


def test_a_name_fragment_finds_offers_through_the_trigram_indexes():
    team = TeamFactory()
    wanted = OfferFactory(name="Koffieochtend De Hoek", teams=[team])
    for name in ("Wandelgroep", "Taalcafé", "Repair café", "Samen eten"):
        OfferFactory(name=name, teams=[team])
    with CaptureQueriesContext(connection) as captured:
        found = selectors.catalogue_search(
            actor=act(ProfessionalFactory(team=team)), text="koffie", kind="offers"
        )
    assert found.offers == [wanted]
    sqls = [q["sql"] for q in captured.captured_queries if " LIKE " in q["sql"]]
    assert len(sqls) == 1
    if connection.vendor != "postgresql":
        return
    word = OFFER_WORD.search(sqls[0])
    assert word, sqls[0]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f'EXPLAIN SELECT "id" FROM "services_offer" WHERE {word.group(0)}'  # noqa: S608
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert set(re.findall(r"offer_\w+_trgm", plan)) == set(INDEXES["services_offer"])
    assert "Seq Scan" not in plan, plan
