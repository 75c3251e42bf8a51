# SPDX-License-Identifier: EUPL-1.2
"""The load of `make bench`: closed-loop users, each logged in as one account.

Run by bench/run.py as `locust --headless -f bench/locustfile.py ...`, one
operation at a time, with these environment variables:

- EENPLAN_BENCH_SESSIONS: the JSON file of accounts, each with the session
  cookies of its real two-step login (bench/run.py logs them in);
- EENPLAN_BENCH_OP: the operation (bench/operations.py);
- EENPLAN_BENCH_OFFSET: the first account to use (a write that uses up its
  supply gets fresh accounts at each concurrency);
- EENPLAN_BENCH_OUT: where to write each measured request's time.

Each user waits for its answer before sending the next request (no think
time), so concurrency 8 means eight requests in flight at most.

The app runs with production settings behind no TLS terminator: each request
says `X-Forwarded-Proto: https` (as the terminator would), and the Secure
session cookie is sent as a header, which a client over plain http would
otherwise hold back.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).parent))
from operations import BY_NAME, SUPPLIES, Exhausted, Reply  # noqa: E402

SESSIONS = json.loads(Path(os.environ["EENPLAN_BENCH_SESSIONS"]).read_text())
OPERATION = BY_NAME[os.environ["EENPLAN_BENCH_OP"]]
OFFSET = int(os.environ.get("EENPLAN_BENCH_OFFSET", "0"))
OUT = Path(os.environ["EENPLAN_BENCH_OUT"])
# https behind production's TLS terminator; http for make run's server.
SCHEME = os.environ.get("EENPLAN_BENCH_SCHEME", "https")
_numbers = itertools.count()
_measured: list[tuple[float, float, bool]] = []  # (end, milliseconds, failed)
_failures: dict[str, int] = {}
_used: dict[int, dict] = {}  # account index -> its work, as this run leaves it


@events.request.add_listener
def _record(request_type, name, response_time, exception, **kwargs):
    if exception is not None:
        key = f"{name}: {exception}"[:200]
        _failures[key] = _failures.get(key, 0) + 1
    if name == OPERATION.name:
        _measured.append((time.time(), response_time, exception is not None))


@events.quitting.add_listener
def _write(environment, **kwargs):
    # What is left of each used account's supply, for the next run to go on from.
    left = {
        index: {key: work[key] for key in SUPPLIES if key in work}
        for index, work in _used.items()
    }
    OUT.write_text(
        json.dumps(
            {
                "operation": OPERATION.name,
                "requests": _measured,
                "failures": _failures,
                "left": left,
            }
        )
    )


class _Http:
    """operations.Http over locust's client, failing on what a user would see
    as an error: a non-200 page, a write that did not redirect, a login page."""

    def __init__(self, client, cookies: dict, host: str):
        self.client = client
        self.headers = {
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        }
        self.post_headers = {
            **self.headers,
            "Origin": host.replace("http://", f"{SCHEME}://"),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self.csrf = cookies.get("csrftoken", "")

    def _check(self, response, expect: tuple[int, ...]) -> Reply:
        location = response.headers.get("Location", "") or ""
        if response.status_code not in expect or "/login" in location:
            response.failure(f"{response.status_code} {location[:60]}")
        return Reply(response.status_code, response.text or "", location)

    def get(self, path, name):
        with self.client.get(
            path,
            name=name,
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            return self._check(response, (200,))

    def post(self, path, data, name):
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        pairs = [(k, v) for k, v in pairs if k != "csrfmiddlewaretoken"]
        pairs.append(("csrfmiddlewaretoken", self.csrf))
        expect = (200,) if name.startswith("search") else (302, 303)
        with self.client.post(
            path,
            data=urlencode(pairs, doseq=True),
            name=name,
            headers=self.post_headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            return self._check(response, expect)


class Staff(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        number = next(_numbers)
        role = OPERATION.role
        self.rng = random.Random(number)  # noqa: S311 (which case to open next)
        if role:
            accounts = SESSIONS["accounts"][role]
            index = (OFFSET + number) % len(accounts)
            self.work = _used.setdefault(index, accounts[index])
            self.work["domains"] = SESSIONS["domains"]
            cookies = self.work["cookies"]
        else:
            self.work, cookies = {}, {}
        self.http = _Http(self.client, cookies, self.host)

    @task
    def operate(self):
        try:
            OPERATION.run(self.http, self.work, self.rng)
        except Exhausted as exc:
            raise StopUser() from exc
