# SPDX-License-Identifier: EUPL-1.2
"""custom_plans: a plan for the parameters at hand, inside the block only."""

import pytest
from django.db import connection

from eenplan.core.db import custom_plans

pytestmark = pytest.mark.django_db


def _mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


def test_inside_the_block_each_statement_gets_its_own_plan():
    if connection.vendor != "postgresql":
        with custom_plans():  # nothing to set: SQLite plans every statement
            pass
        return
    assert _mode() == "auto"
    with custom_plans():
        assert _mode() == "force_custom_plan"
    assert _mode() == "auto"  # the connection is as it was for the next page
    with pytest.raises(ZeroDivisionError), custom_plans():
        1 / 0  # noqa: B018
    assert _mode() == "auto"
