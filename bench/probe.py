# SPDX-License-Identifier: EUPL-1.2
"""SQL queries and audit rows per request, for each operation of make bench.

Run by bench/run.py before the load, in-process with Django's test client
against the benchmark's database, as account 0 of each role:

    DATABASE_URL=... python bench/probe.py SESSIONS_JSON OUT_JSON

Counts every query of the measured request, middleware included (session,
user, actor, audit), and the audit entries it wrote, with the time spent in
SQL and its slowest statements (to find what makes a page slow:
`probe.py SESSIONS_JSON OUT_JSON --only case_director,my_work`). What it uses up of an
account's supply (a draft, a referral, a request) is written back to
SESSIONS_JSON so the load does not try it again.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.conf.settings.dev")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from operations import OPERATIONS, Exhausted, Reply  # noqa: E402

from eenplan.accounts.models import User  # noqa: E402
from eenplan.audit.models import AuditEntry  # noqa: E402

SLOWEST = 5  # statements kept per operation, slowest first
SQL_SHOWN = 600  # characters of each


class _Http:
    """operations.Http over the test client; counts the measured request."""

    def __init__(self, client: Client, measured: str):
        self.client, self.measured = client, measured
        self.queries = self.audit = self.status = None
        self.sql_ms = None
        self.slowest: list = []

    def _send(self, name, send) -> Reply:
        if name != self.measured:
            response = send()
        else:
            before = AuditEntry.objects.count()
            with CaptureQueriesContext(connection) as captured:
                response = send()
            self.queries = len(captured.captured_queries)
            timed = [(float(q["time"]) * 1000, q["sql"]) for q in captured]
            self.sql_ms = round(sum(ms for ms, _sql in timed), 1)
            self.slowest = [
                [round(ms, 1), sql[:SQL_SHOWN]]
                for ms, sql in sorted(timed, key=lambda t: -t[0])[:SLOWEST]
            ]
            self.audit = AuditEntry.objects.count() - before
            self.status = response.status_code
        return Reply(
            response.status_code,
            response.content.decode(),
            response.get("Location", ""),
        )

    def get(self, path, name):
        return self._send(name, lambda: self.client.get(path))

    def post(self, path, data, name):
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        body = urlencode(pairs, doseq=True)
        return self._send(
            name,
            lambda: self.client.post(
                path, body, content_type="application/x-www-form-urlencoded"
            ),
        )


def _client(username: str) -> Client:
    user = User.objects.get(username=username)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def main(sessions_path: str, out_path: str, only: str | None = None) -> None:
    sessions = json.loads(Path(sessions_path).read_text())
    results = {}
    chosen = set(only.split(",")) if only else None
    for op in OPERATIONS:
        if chosen is not None and op.name not in chosen:
            continue
        if op.role:
            work = sessions["accounts"][op.role][0]
            work["domains"] = sessions["domains"]
            client = _client(work["username"])
        else:
            work, client = {}, Client(HTTP_HOST="127.0.0.1")
        http = _Http(client, op.name)
        # Nothing left to use up for this account: counted as None.
        with contextlib.suppress(Exhausted):
            op.run(http, work, random.Random(0))  # noqa: S311
        work.pop("domains", None)
        results[op.name] = {
            "queries": http.queries,
            "audit_rows": http.audit,
            "status": http.status,
            "sql_ms": http.sql_ms,
            "slowest": http.slowest,
        }
    Path(sessions_path).write_text(json.dumps(sessions, indent=1))
    Path(out_path).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions")
    parser.add_argument("out")
    parser.add_argument("--only", help="comma-separated operations")
    args = parser.parse_args()
    main(args.sessions, args.out, args.only)
