# SPDX-License-Identifier: EUPL-1.2
"""Eight users at once, on a real database: run by tests/test_concurrency.py.

    python -m tests.race DATABASE_URL

Builds a fresh database (a SQLite file, or a new PostgreSQL database that it
drops afterwards), migrates it, and runs three races of eight threads, each
thread a browser of its own (a Django test client, a connection of its own):

- open a case for one household (eight team leaders' forms at once);
- save one intake (eight forms opened at the same version);
- send one new-household form eight times (the same token: a double click).

Prints one JSON line: per race, each thread's status code, where it was sent,
and which Dutch message it got; the test judges them.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from urllib.parse import urlsplit, urlunsplit

THREADS = 8
MESSAGES = {
    "conflict": "Iemand anders heeft dit intussen gewijzigd",
    "not_awaiting": "Deze hulpvraag wacht niet op een regisseur",
    "already_open": "Dit huishouden heeft al een open casus",
}


def _postgres(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def race(send) -> list[dict]:
    """Run `send(i)` in THREADS threads released at the same moment."""
    from django.db import connections

    barrier = threading.Barrier(THREADS)
    results: list[dict] = [{} for _ in range(THREADS)]

    def run(i):
        try:
            prepare = send(i)
            barrier.wait()
            response = prepare()
            text = response.content.decode(errors="replace")
            results[i] = {
                "status": response.status_code,
                "location": response.get("Location", ""),
                "messages": sorted(k for k, m in MESSAGES.items() if m in text),
                "kept": text,
            }
        except Exception as error:  # reported, not hidden: the test fails on it
            results[i] = {"status": "error", "error": repr(error)}
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def main(url: str) -> dict:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "eenplan.conf.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, e-mail in memory

    call_command("migrate", verbosity=0)

    from eenplan.access.tests.test_access_matrix import url_of
    from eenplan.access.tests.world import World
    from eenplan.cases.models import Case, Intake
    from eenplan.people.models import Household

    from .test_probe_defects import _form_of, _new_household

    def logged_in(user):
        client = Client()
        client.force_login(user)
        return client

    # 1. Eight team leaders' forms open the case of one household at once.
    leader = World("leader")
    open_url = url_of(leader, "cases:open")

    def open_case(i):
        client = logged_in(leader.user)
        _page, form, data = _form_of(client, open_url)
        (director,) = [i for i in form.inputs if i.name == "director"]
        data["director"] = [next(o for o in director.options if o)]
        return lambda: client.post(open_url, data)

    opened = race(open_case)
    cases = Case.objects.filter(household=leader.request.household).count()

    # 2. Eight forms of one intake, opened at the same version, saved at once.
    director = World("director")
    intake_url = url_of(director, "cases:intake")

    def save_intake(i):
        client = logged_in(director.user)
        _page, _form, data = _form_of(client, intake_url)
        data["notes"] = [f"Aantekeningen van nummer {i}"]
        return lambda: client.post(intake_url, data)

    intakes = race(save_intake)
    notes = Intake.objects.get(case=director.case).notes
    for i, result in enumerate(intakes):
        result["kept"] = f"Aantekeningen van nummer {i}" in result.pop("kept", "")

    # 3. One new-household form sent eight times (its one token).
    desk = World("desk")
    first = logged_in(desk.user)
    household_url, household_data = _new_household(first)
    before = Household.objects.count()

    def new_household(i):
        client = logged_in(desk.user)
        return lambda: client.post(household_url, household_data)

    created = race(new_household)
    households = Household.objects.count() - before

    for result in opened + created:
        result.pop("kept", None)
    return {
        "vendor": django.db.connection.vendor,
        "open_case": {"results": opened, "cases": cases},
        "intake": {"results": intakes, "notes": notes},
        "new_household": {"results": created, "households": households},
    }


if __name__ == "__main__":
    database_url = sys.argv[1]
    is_postgres = database_url.startswith("postgres")
    name = urlsplit(database_url).path.lstrip("/")
    if is_postgres:
        _postgres(database_url, f'DROP DATABASE IF EXISTS "{name}"')
        _postgres(database_url, f'CREATE DATABASE "{name}"')
    try:
        print(json.dumps(main(database_url)))
    finally:
        if is_postgres:
            from django.db import connections

            connections.close_all()
            _postgres(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
