# SPDX-License-Identifier: EUPL-1.2
"""Eight users at once on a real database: one winner, a Dutch message for the
rest, never a server error (see tests/race.py, run in a process of its own).

The suite's own SQLite database lives in memory with a shared cache, whose
table locks do not wait; the race therefore runs on a database file, as
`make run` uses, and on PostgreSQL on a fresh database beside the test one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    if connection.vendor == "postgresql":
        db = settings.DATABASES["default"]
        url = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            f"/eenplan_race_{uuid.uuid4().hex[:12]}"
        )
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('race') / 'race.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-m", "tests.race", url],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["vendor"] == connection.vendor
    return data


def statuses(results):
    return sorted(str(r["status"]) for r in results)


def test_eight_team_leaders_open_one_case(outcome):
    race = outcome["open_case"]
    assert race["cases"] == 1, race
    assert statuses(race["results"]) == ["200"] * 7 + ["302"]
    for result in race["results"]:
        if result["status"] == 200:
            assert result["messages"] in (["not_awaiting"], ["already_open"]), result


def test_eight_editors_of_one_intake_one_saves_the_rest_keep_their_text(outcome):
    race = outcome["intake"]
    results = race["results"]
    assert statuses(results) == ["200"] * 7 + ["302"]
    (winner,) = [i for i, r in enumerate(results) if r["status"] == 302]
    assert race["notes"] == f"Aantekeningen van nummer {winner}"
    for i, result in enumerate(results):
        if i != winner:
            assert result["messages"] == ["conflict"], result
            assert result["kept"], f"thread {i} lost what it typed"


def test_one_form_sent_eight_times_creates_one_household(outcome):
    race = outcome["new_household"]
    assert race["households"] == 1
    assert statuses(race["results"]) == ["302"] * 8
    assert len({r["location"] for r in race["results"]}) == 1
