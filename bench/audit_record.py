# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: audit.record() throughput with concurrent writers, then seal and verify.

Each writer is a separate process with its own database connection; each
iteration is one "request": an origin context, a transaction, one record()
with three persons (the user snapshot query plus the INSERT). If record()
took a global lock, adding writers could not add throughput.

For comparison, `--chained` emulates a hash chain computed at insert time:
each writer locks the table and reads the latest entry before inserting
(PostgreSQL only). That is the design Eenplan avoids.

    .venv/bin/python bench/audit_record.py                      # SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/eenplan_bench \\
        .venv/bin/python bench/audit_record.py                  # PostgreSQL

A scratch test database is created and destroyed (Django's test-database
machinery); nothing else is touched. Connections go to the DATABASE_URL
given, here 127.0.0.1 only.
"""

import argparse
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.conf.settings.test")


def setup(sqlite_path):
    import django

    django.setup()
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        # A file, so that every process opens the same database; IMMEDIATE so
        # SQLite queues writers instead of failing them on upgrade to a write.
        db["TEST"]["NAME"] = sqlite_path
        db.setdefault("OPTIONS", {}).update(
            {"transaction_mode": "IMMEDIATE", "timeout": 30}
        )

    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection


def make_actor():
    from eenplan.accounts.models import User
    from eenplan.organisations.models import Membership, Organisation, Team

    organisation = Organisation.objects.create(name="Bench", kind="municipality")
    team = Team.objects.create(name="Bench team")
    user = User.objects.create(username="bench", organisation=organisation)
    Membership.objects.create(user=user, team=team, role="professional")
    return user.pk


def holder(actor_id, hold, chained, started, queue):
    """Write one entry and keep its transaction open for `hold` seconds."""
    from django.db import connection, transaction

    from eenplan import audit
    from eenplan.accounts.models import User
    from eenplan.audit import context

    connection.close()
    user = User.objects.get(pk=actor_id)
    with context.origin(context.REQUEST), transaction.atomic():
        if chained:
            _lock_and_read_last(connection)
        audit.record(actor=user, action="bench.hold")
        started.set()
        time.sleep(hold)
    queue.put(time.monotonic())
    connection.close()


def _lock_and_read_last(connection):
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE audit_auditentry IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("SELECT digest FROM audit_auditentry ORDER BY id DESC LIMIT 1")


def writer(actor_id, count, chained, queue):
    from django.db import connection, transaction

    from eenplan import audit
    from eenplan.accounts.models import User
    from eenplan.audit import context

    connection.close()
    user = User.objects.get(pk=actor_id)
    latencies, done = [], []
    for i in range(count):
        start = time.perf_counter()
        with context.origin(context.REQUEST), transaction.atomic():
            if chained:
                _lock_and_read_last(connection)
            audit.record(
                actor=user,
                action="bench.read",
                persons=[i, i + 1, i + 2],
                purpose="bench",
            )
        latencies.append(time.perf_counter() - start)
        done.append(time.monotonic())
    connection.close()
    queue.put((latencies, done))


def run(writers, per_writer, actor_id, chained):
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    processes = [
        ctx.Process(target=writer, args=(actor_id, per_writer, chained, queue))
        for _ in range(writers)
    ]
    start = time.perf_counter()
    for p in processes:
        p.start()
    latencies = []
    for _ in processes:
        latencies.extend(queue.get()[0])
    for p in processes:
        p.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "writers": writers,
        "records": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000,
    }


def run_beside_an_open_transaction(writers, per_writer, actor_id, chained, hold):
    """How many records other writers commit while one transaction stays open."""
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    queue, held = ctx.Queue(), ctx.Queue()
    started = ctx.Event()
    keeper = ctx.Process(target=holder, args=(actor_id, hold, chained, started, held))
    keeper.start()
    started.wait(30)
    processes = [
        ctx.Process(target=writer, args=(actor_id, per_writer, chained, queue))
        for _ in range(writers)
    ]
    for p in processes:
        p.start()
    done = []
    for _ in processes:
        done.extend(queue.get()[1])
    committed_at = held.get()
    for p in [keeper, *processes]:
        p.join()
    return sum(1 for t in done if t < committed_at), len(done)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-writer", type=int, default=2000)
    parser.add_argument("--writers", default="1,2,4")
    parser.add_argument("--chained", action="store_true")
    parser.add_argument(
        "--hold", type=float, default=5.0, help="seconds the open transaction lasts"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per row; the median run is shown"
    )
    args = parser.parse_args()

    sqlite_path = str(Path(tempfile.mkdtemp()) / "audit-bench.sqlite3")
    connection = setup(sqlite_path)
    try:
        actor_id = make_actor()
        vendor = connection.vendor
        modes = [False, True] if (args.chained and vendor == "postgresql") else [False]
        print(
            f"# {vendor}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{args.per_writer} records per writer, median of {args.repeat} runs"
        )
        print("| mode | writers | records | records/s | p50 ms | p95 ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for chained in modes:
            for n in (int(w) for w in args.writers.split(",")):
                runs = sorted(
                    (
                        run(n, args.per_writer, actor_id, chained)
                        for _ in range(args.repeat)
                    ),
                    key=lambda r: r["per_second"],
                )
                r = runs[len(runs) // 2]
                mode = "chained at insert (emulated)" if chained else "record()"
                print(
                    f"| {mode} | {r['writers']} | {r['records']} | "
                    f"{r['per_second']:.0f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} |"
                )

        print()
        print("| mode | writers | committed while one transaction held an entry open |")
        print("|---|---:|---:|")
        for chained in modes:
            before, total = run_beside_an_open_transaction(
                2, 200, actor_id, chained, hold=args.hold
            )
            mode = "chained at insert (emulated)" if chained else "record()"
            print(f"| {mode} | 2 | {before} of {total} within {args.hold} s |")

        from eenplan.audit import integrity
        from eenplan.audit.models import AuditEntry

        total = AuditEntry.objects.count()
        start = time.perf_counter()
        sealed = integrity.seal(grace=integrity.datetime.timedelta(0))
        seal_s = time.perf_counter() - start
        start = time.perf_counter()
        report = integrity.verify()
        verify_s = time.perf_counter() - start
        print()
        print(
            f"Sealed {sealed.entries} of {total} entries in {len(sealed.seals)} "
            f"batches: {seal_s:.2f} s ({sealed.entries / seal_s:.0f} entries/s)."
        )
        print(
            f"Verified {report.entries} entries and {report.seals} seals: "
            f"{verify_s:.2f} s, ok={report.ok}."
        )
    finally:
        from django.db import connections

        connections.close_all()
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0
        )


if __name__ == "__main__":
    main()
