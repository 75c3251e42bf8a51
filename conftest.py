# SPDX-License-Identifier: EUPL-1.2
"""Root pytest configuration: shared fixtures, and the audit trail's test allowances."""

import os
import time

pytest_plugins = ["eenplan.core.tests.fixtures", "eenplan.audit.tests.flush"]

# The suite runs in the application's time zone (settings.TIME_ZONE), so that
# the machine's date (datetime.date.today(), as some tests and the benchmark
# write it) is the date Django's timezone.localdate() gives. On a machine in
# UTC the two differ between 23:00 and midnight UTC, and tests comparing them
# failed in that hour only.
os.environ["TZ"] = "Europe/Amsterdam"
time.tzset()


def pytest_collection_modifyitems(config, items):
    """Deselect tests written for the other database (see the `database` marker).

    CI runs the whole suite on SQLite and on PostgreSQL, so every such test runs
    in one of the two runs; they are deselected, not skipped, in the other.
    """
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    vendor = "postgresql" if "postgresql" in engine else "sqlite"
    selected, deselected = [], []
    for item in items:
        marker = item.get_closest_marker("database")
        (deselected if marker and marker.args[0] != vendor else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def pytest_runtest_setup(item):
    """Each test gets the same factory data on every run: factory_boy's and
    Faker's random generators are seeded with the test's own id.

    Unseeded, a run now and then drew a name like "van 't Wel" that a page
    shows escaped, and CI went red on a test that passed the run before. Seeded,
    a test that depends on such data fails every time, where it can be fixed.
    """
    import zlib

    import factory.random

    factory.random.reseed_random(zlib.crc32(item.nodeid.encode()))
