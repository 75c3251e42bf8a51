# SPDX-License-Identifier: EUPL-1.2
"""The name search is served by trigram indexes on PostgreSQL (migration 0003).

`icontains` renders as `UPPER(col::text) LIKE UPPER('%frag%')`; only a GIN
trigram index on exactly that expression serves it. On SQLite the migration
does nothing. Each test runs on both databases and checks what that database
should have.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.access.tests.actors import act
from eenplan.people import selectors
from eenplan.people.tests.factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

INDEXES = {"person_given_names_trgm", "person_family_name_trgm"}


def _name_search_sql(run) -> list[str]:
    """The SQL of each query `run()` sends that filters on a name fragment."""
    with CaptureQueriesContext(connection) as captured:
        run()
    return [q["sql"] for q in captured.captured_queries if " LIKE " in q["sql"]]


def _plan(sql: str) -> str:
    """EXPLAIN of `sql`, with sequential scans priced out: the test tables are
    tiny, and the question is whether the index can serve the filter at all."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def households(team):
    """A few households of `team`, one of them a Jansen (fixed names: a random
    one could contain the fragment searched for)."""
    jansen = HouseholdFactory(
        team=team,
        members=[PersonFactory(given_names="Piet", family_name="Jansen")],
    )
    for given_names, family_name in [
        ("Anna", "Bakker"),
        ("Fatima", "El Amrani"),
        ("Noor", "de Vries"),
        ("Sem", "Visser"),
    ]:
        HouseholdFactory(
            team=team,
            members=[PersonFactory(given_names=given_names, family_name=family_name)],
        )
    return jansen


def test_both_trigram_indexes_exist_on_postgresql_only():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'people_person'"
            )
            found = dict(cursor.fetchall())
            assert found.keys() >= INDEXES
            for name, column in (
                ("person_given_names_trgm", "given_names"),
                ("person_family_name_trgm", "family_name"),
            ):
                expression = f"USING gin (upper(({column})::text) gin_trgm_ops)"
                assert expression in found[name]
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE %s",
                ["%trgm%"],
            )
            assert cursor.fetchall() == []


# One word of the search as icontains renders it on PostgreSQL: given names OR
# family name, each as UPPER(<person alias>.<column>::text) LIKE UPPER('%...%').
WORD_FILTER = re.compile(
    r"\(UPPER\((\w+)\.\"given_names\"::text\) LIKE UPPER\('[^']*'\) "
    r"OR UPPER\(\1\.\"family_name\"::text\) LIKE UPPER\('[^']*'\)\)"
)


def test_household_search_by_name_fragment_uses_the_trigram_indexes(
    front_desk, households
):
    found = []
    sqls = _name_search_sql(
        lambda: found.extend(
            selectors.household_search(actor=act(front_desk), name="jans")
        )
    )
    assert found == [households]
    assert len(sqls) == 1
    if connection.vendor == "postgresql":
        # The search's filter on persons, exactly as it sent it, on the person
        # table alone: on a table this small the planner would rather start
        # from the few household members, whatever the indexes.
        words = WORD_FILTER.finditer(sqls[0])
        match = next(words)
        assert next(words, None) is None
        alias = match.group(1)
        # The SQL is the search's own, as captured from the connection.
        person_filter = match.group(0)
        plan = _plan(
            f'SELECT {alias}."id" FROM "people_person" {alias} WHERE {person_filter}'  # noqa: S608
        )
        # "given names OR family name": both indexes, combined.
        assert set(re.findall(r"person_\w+_trgm", plan)) == INDEXES, plan
        assert "Seq Scan" not in plan, plan


def test_person_lookup_by_name_fragment_uses_the_trigram_indexes(households):
    found = []
    sqls = _name_search_sql(
        lambda: found.extend(selectors.person_lookup(name="Jan piet"))
    )
    assert [p.family_name for p in found] == ["Jansen"]
    assert len(sqls) == 1
    if connection.vendor == "postgresql":
        plan = _plan(sqls[0])
        assert set(re.findall(r"person_\w+_trgm", plan)) == INDEXES, plan
        assert "Seq Scan on people_person" not in plan, plan


@pytest.mark.parametrize(
    ("name", "narrowed", "searchable"),
    [
        ("ab", False, False),
        ("de ab", False, False),
        ("---", False, False),  # no trigram in it
        ("", False, False),
        ("Jan", False, True),
        ("de Vries", False, True),
        ("van't", False, True),
        ("Li", True, True),  # with a date of birth, postcode or BSN
    ],
)
def test_a_name_search_needs_one_word_the_index_can_use(name, narrowed, searchable):
    from eenplan.people.domain import searchable_name

    assert searchable_name(name, narrowed) is searchable
