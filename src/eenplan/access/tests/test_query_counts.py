# SPDX-License-Identifier: EUPL-1.2
"""Every page's query count is pinned per actor and does not grow with the data.

For every GET page of the access matrix and every actor that may open it, the
page is requested in a world of size 1 and of size 20 (members, reports, goals
with actions, the director's cases, the household's requests): both must take
exactly the number of queries in `PINNED`. A page or actor without a pinned
count fails, so a new page gets its number when it is added.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eenplan.core.db import PLANNER_SETTING

from .query_counts import PINNED
from .test_access_matrix import ROUTES, request
from .world import ACTORS, World

GET_ROUTES = sorted(name for name, route in ROUTES.items() if route.method == "get")


# PostgreSQL only: the planner setting of core.db.custom_plans (set and reset),
# not a read; left out so a page has one count on both databases.
PLANNER = (f"SET {PLANNER_SETTING}", f"RESET {PLANNER_SETTING}")


def _count(client, world, route) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = request(client, world, route)
    assert response.status_code in (200, 302), (route, response.status_code)
    return sum(1 for q in queries if not q["sql"].startswith(PLANNER))


@pytest.mark.django_db
@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_every_page_takes_the_pinned_number_of_queries_at_any_size(client, actor):
    small, large = World(actor, size=1), World(actor, size=20)
    counts = {}
    for route in GET_ROUTES:
        if actor not in ROUTES[route].allowed:
            continue
        client.force_login(small.user)
        request(client, small, route)  # warm the caches (content types, session)
        at_one = _count(client, small, route)
        client.force_login(large.user)
        request(client, large, route)
        at_twenty = _count(client, large, route)
        counts[route] = (at_one, at_twenty)
    pinned = {route: PINNED.get(route, {}).get(actor) for route in counts}
    measured = {route: one for route, (one, _twenty) in counts.items()}
    growing = {r: c for r, c in counts.items() if c[0] != c[1]}
    assert not growing, f"grows with the data (size 1, size 20): {growing}"
    assert measured == pinned, f"{actor}: measured {measured}"
