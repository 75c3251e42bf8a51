# SPDX-License-Identifier: EUPL-1.2
"""What the database layer needs beyond the ORM."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection

PLANNER_SETTING = "plan_cache_mode"


@contextlib.contextmanager
def custom_plans() -> Iterator[None]:
    """Plan the statements inside for their own parameters (PostgreSQL).

    Statements are prepared (conf/settings), and after five runs PostgreSQL
    may reuse one generic plan whatever the parameters. For most pages that is
    what makes them fast; for a search whose selectivity depends on the value
    it is not: the audit trail of one person ("person_ids contains …, newest
    first") got a plan that walks the newest entries backwards, and took 169 ms
    p50 where a plan for the person took 51 (at a million residents). Inside,
    the connection's `plan_cache_mode` is `force_custom_plan`; afterwards it
    is reset, also when the block raises (no transaction of its own: the
    page's statements stay as they were).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET {PLANNER_SETTING} = force_custom_plan")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"RESET {PLANNER_SETTING}")
