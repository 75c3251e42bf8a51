# SPDX-License-Identifier: EUPL-1.2
"""make bench: a generated municipality, served as production serves it, under load.

    .venv/bin/python bench/run.py --residents 100000 [--duration 20] [...]

1. A PostgreSQL database of its own (created, migrated, generated with
   `generate_municipality` unless it already holds that many residents).
2. `bench_prepare`: accounts of each role with a password and a TOTP device,
   and a supply of work for the writes that use it up.
3. gunicorn with the production settings (DEBUG off, 2FA on, connections kept
   open), several workers, on loopback.
4. Every account logs in through the real two steps (password, then a code).
5. bench/probe.py counts SQL queries and audit rows per request.
6. Per operation and concurrency (1 and 8), a headless locust run in its own
   process (bench/locustfile.py): p50/p95/p99 and throughput.
7. The workers' memory, `audit_verify` after the load, the database's size
   per table, the machine and PostgreSQL's settings: all into a Markdown
   report (bench/results/) and its JSON beside it.

`--smoke` runs the same on a tiny municipality for a few seconds per
operation and writes to var/bench/: CI runs it so the suite never rots; it
asserts no timings.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests
from django_otp.oath import TOTP
from operations import OPERATIONS

ROOT = Path(__file__).resolve().parents[1]
# What the app takes the requests for: https behind the TLS terminator that
# production has (gunicorn), plain http for make run's development server.
SCHEME = "https"
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
# The targets of issue 10, in milliseconds (p95) and requests per second.
PAGE_P95 = {1: 50, 8: 200}
WRITE_P95_C1 = 100
SEARCH_NAME_P95_C1 = 100
LIST_RPS_C8 = 100
CREATE_RPS = 300  # register a request, open a case
RUN_P95_C1 = 300  # make run on SQLite with 100,000 residents
SCALING = 0.8  # a read-and-audit page's growth from 1 to 8 against the floor's


def sh(*args, env=None, capture=True) -> str:
    result = subprocess.run(  # noqa: S603 (our own commands)
        args, cwd=ROOT, env=env, text=True, capture_output=capture
    )
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(args[:3])} failed:\n{(result.stderr or '')[-3000:]}"
        )
    return result.stdout if capture else ""


def manage(env, *args, capture=True) -> str:
    return sh(str(BIN / "python"), "manage.py", *args, env=env, capture=capture)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:")


def sqlite_path(url: str) -> str:
    return url[len("sqlite:///") :]


def database(url: str) -> None:
    """Create the PostgreSQL database if it is not there (SQLite: migrate does)."""
    import psycopg

    if is_sqlite(url):
        Path(sqlite_path(url)).parent.mkdir(parents=True, exist_ok=True)
        return
    name = url.rsplit("/", 1)[-1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def sql(url: str, query: str, params=()) -> list[tuple]:
    import psycopg

    if is_sqlite(url):
        import sqlite3

        with sqlite3.connect(sqlite_path(url)) as conn:
            return conn.execute(query, params).fetchall()
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchall()


def residents(url: str) -> int:
    return sql(url, "SELECT count(*) FROM people_person")[0][0]


def serve(
    url: str, port: int, workers: int, log: Path, server: str = "gunicorn"
) -> subprocess.Popen:
    """gunicorn with the production settings, or (`runserver`) what `make run`
    serves: Django's development server with the dev settings."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "eenplan.conf.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Long enough for the whole run: each account logs in once.
        "SESSION_COOKIE_AGE": "14400",
    }
    command = [
        str(BIN / "gunicorn"),
        "eenplan.conf.wsgi:application",
        "--config",
        str(ROOT / "src/eenplan/conf/gunicorn.py"),
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if server == "runserver":
        env["DJANGO_SETTINGS_MODULE"] = "eenplan.conf.settings.dev"
        command = [str(BIN / "python"), "manage.py", "runserver", "--noreload"]
        command.append(f"127.0.0.1:{port}")
    server = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    for _ in range(120):
        if server.poll() is not None:  # it could not start (a port in use …)
            break
        try:
            health = f"http://127.0.0.1:{port}/health/"
            if requests.get(health, timeout=5, allow_redirects=False).ok:
                return server
        except requests.RequestException:
            pass  # not listening yet, or busy starting
        time.sleep(0.5)
    stop(server)
    raise SystemExit(f"the server did not answer; see {log}")


def stop(server: subprocess.Popen) -> None:
    """Stop the server, and kill it if it does not stop within a minute."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def free_port() -> int:
    """A port nobody listens on now: no earlier run's server answers for ours."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """A logged-in staff member's cookies, obtained as a browser would: the
    login page, the password, the TOTP code."""

    def __init__(self, host: str):
        self.host = host
        self.session = requests.Session()
        self.session.headers["X-Forwarded-Proto"] = "https"

    def _send(self, method, path, data=None):
        headers = {"Origin": self.host.replace("http://", f"{SCHEME}://")}
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies().get("csrftoken", "")}
        response = self.session.request(
            method,
            self.host + path,
            data=data,
            headers=headers,
            allow_redirects=False,
            timeout=30,
        )
        for cookie in self.session.cookies:
            cookie.secure = False  # what the TLS terminator's client would send
        return response

    def cookies(self) -> dict:
        return {c.name: c.value for c in self.session.cookies}

    def login(self, username: str, password: str, key: str) -> dict:
        self._send("GET", "/login/")
        step = self._send(
            "POST", "/login/", {"username": username, "password": password}
        )
        if "/login/code/" not in step.headers.get("Location", ""):
            raise SystemExit(
                f"password step refused for {username}: {step.status_code}"
            )
        self._send("GET", "/login/code/")
        token = f"{TOTP(bytes.fromhex(key)).token():06d}"
        done = self._send("POST", "/login/code/", {"token": token})
        if done.status_code != 302 or "/login" in done.headers.get("Location", ""):
            raise SystemExit(f"code step refused for {username}: {done.status_code}")
        return self.cookies()


def login_all(prepared: dict, host: str) -> None:
    """Log every account in once (a TOTP code counts once per 30 s)."""
    done: dict[str, dict] = {}
    for accounts in prepared["accounts"].values():
        for account in accounts:
            name = account["username"]
            if name not in done:
                done[name] = Browser(host).login(
                    name, prepared["password"], account["totp_key"]
                )
            account["cookies"] = done[name]


def percentile(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


def load(op, concurrency, duration, host, sessions, out) -> dict:
    """One headless locust run of one operation; its measured requests."""
    env = {
        **os.environ,
        "EENPLAN_BENCH_SESSIONS": str(sessions),
        "EENPLAN_BENCH_OP": op.name,
        # A write that uses up its supply runs as fresh accounts at 8.
        "EENPLAN_BENCH_OFFSET": "0" if concurrency == 1 else "1",
        "EENPLAN_BENCH_OUT": str(out),
        "EENPLAN_BENCH_SCHEME": SCHEME,
    }
    sh(
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench/locustfile.py"),
        "--headless",
        "--users",
        str(concurrency),
        "--spawn-rate",
        str(concurrency),
        "--run-time",
        f"{duration}s",
        "--host",
        host,
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--exit-code-on-error",
        "0",
        env=env,
    )
    data = json.loads(out.read_text())
    if op.role:  # go on from what this run left of the supplies it used
        prepared = json.loads(sessions.read_text())
        for index, left in data["left"].items():
            prepared["accounts"][op.role][int(index)].update(left)
        sessions.write_text(json.dumps(prepared, indent=1))
    ok = [(end, ms) for end, ms, failed in data["requests"] if not failed]
    failed = len(data["requests"]) - len(ok)
    if not ok:
        return {"n": 0, "failed": failed, "failures": data["failures"]}
    times = sorted(ms for _e, ms in ok)
    start = min(end - ms / 1000 for end, ms in ok)
    window = max(end for end, _ms in ok) - start
    return {
        "n": len(ok),
        "failed": failed,
        "failures": data["failures"],
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "rps": len(ok) / window if window > 0 else None,
    }


def worker_memory(server: subprocess.Popen) -> list[float]:
    """Resident memory of each gunicorn worker (or of runserver), in MiB."""
    master = psutil.Process(server.pid)
    processes = master.children() or [master]
    return [p.memory_info().rss / 2**20 for p in processes]


def machine(url: str, workers: int) -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    if is_sqlite(url):
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
        settings = {
            k: sql(url, f"PRAGMA {k}")[0][0] for k in ("journal_mode", "page_size")
        }
    else:
        database = f"PostgreSQL {sql(url, 'SHOW server_version')[0][0]}"
        settings = _pg_settings(url)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "database": database,
        "database_settings": settings,
        "gunicorn_workers": workers,
        "locust": sh(str(BIN / "locust"), "--version").split()[1],
    }


def _pg_settings(url: str) -> dict:
    return dict(
        sql(
            url,
            "SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name = "
            "ANY(%s)",
            [
                [
                    "shared_buffers",
                    "work_mem",
                    "effective_cache_size",
                    "max_connections",
                    "synchronous_commit",
                    "fsync",
                    "random_page_cost",
                    "jit",
                ]
            ],
        )
    )


def table_sizes(url: str) -> list[tuple[str, int, int]]:
    if is_sqlite(url):
        try:
            sizes = sql(
                url,
                "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC",
            )
        except Exception:  # noqa: BLE001 (SQLite built without dbstat)
            return [("(whole file)", os.path.getsize(sqlite_path(url)), 0)]
        return [(name, size, 0) for name, size in sizes]
    return sql(
        url,
        "SELECT c.relname, pg_total_relation_size(c.oid), c.reltuples::bigint "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 2 DESC",
    )


def _label(n: int) -> str:
    """1000000 -> "1m", 100000 -> "100k", 2000 -> "2k"."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    return f"{n // 1000}k" if n >= 1000 else str(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url")
    parser.add_argument("--duration", type=int, default=20, help="seconds per run")
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=0, help="0: a free one")
    parser.add_argument("--only", help="comma-separated operations")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument(
        "--server",
        choices=["gunicorn", "runserver"],
        default="gunicorn",
        help="runserver: what make run serves (dev settings), e.g. on SQLite",
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if args.smoke:
        args.residents, args.duration = min(args.residents, 5_000), 2
        args.concurrency = "1,2"
    name = f"eenplan_bench_{args.residents}" + ("_smoke" if args.smoke else "")
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/{name}"
    today = datetime.datetime.now().astimezone().date().isoformat()
    label = _label(args.residents)
    if args.output is None:
        folder = VAR if args.smoke else ROOT / "bench/results"
        args.output = folder / f"{today}-bench-{label}.md"
    VAR.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "eenplan.conf.settings.dev",
    }
    levels = [int(c) for c in args.concurrency.split(",")]
    chosen = args.only.split(",") if args.only else [op.name for op in OPERATIONS]
    unknown = set(chosen) - {op.name for op in OPERATIONS}
    if unknown:
        raise SystemExit(f"unknown operations: {', '.join(sorted(unknown))}")

    database(url)
    manage(env, "migrate", "--no-input", "-v", "0")
    report: dict = {"residents": args.residents, "seed": args.seed, "date": today}
    have = residents(url)
    if have == 0:
        print(f"generating {args.residents} residents …", flush=True)
        started = time.monotonic()
        manage(
            env,
            "generate_municipality",
            "--residents",
            str(args.residents),
            "--seed",
            str(args.seed),
        )
        report["generated_in_s"] = round(time.monotonic() - started, 1)
    elif have != args.residents:
        raise SystemExit(
            f"{url} holds {have} residents, not {args.residents}: "
            "give another --database-url"
        )
    sessions = VAR / f"sessions-{name}.json"
    manage(
        env,
        "bench_prepare",
        "--output",
        str(sessions),
        "--accounts",
        str(max(levels) + 1),
    )
    args.port = args.port or free_port()
    host = f"http://127.0.0.1:{args.port}"
    global SCHEME
    SCHEME = "http" if args.server == "runserver" else "https"
    report["server"] = args.server
    log = VAR / f"{args.server}-{name}.log"
    server = serve(url, args.port, args.workers, log, args.server)
    try:
        prepared = json.loads(sessions.read_text())
        login_all(prepared, host)
        sessions.write_text(json.dumps(prepared, indent=1))
        sessions.chmod(0o600)
        probe_out = VAR / f"probe-{name}.json"
        sh(
            str(BIN / "python"),
            str(ROOT / "bench/probe.py"),
            str(sessions),
            str(probe_out),
            env=env,
        )
        report["probe"] = json.loads(probe_out.read_text())
        audit_before = sql(url, "SELECT count(*) FROM audit_auditentry")[0][0]
        runs, memory = {}, []
        for op in OPERATIONS:
            if op.name not in chosen:
                continue
            for level in levels:
                result = load(
                    op,
                    level,
                    args.duration,
                    host,
                    sessions,
                    VAR / f"load-{op.name}-{level}.json",
                )
                runs.setdefault(op.name, {})[str(level)] = result
                memory.append(max(worker_memory(server), default=0))
                p95 = result.get("p95")
                print(
                    f"{op.name:18} c{level}: n={result['n']:>6} "
                    f"failed={result['failed']:>3} p95={_ms(p95)} ms "
                    f"rps={_ms(result.get('rps'))}",
                    flush=True,
                )
        report["runs"] = runs
        report["worker_rss_mib_max"] = round(max(memory, default=0), 1)
        report["audit_rows_during_load"] = (
            sql(url, "SELECT count(*) FROM audit_auditentry")[0][0] - audit_before
        )
    finally:
        stop(server)
    verify = subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", "audit_verify"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    report["audit_verify"] = {
        "exit": verify.returncode,
        "output": verify.stdout.strip()[-500:],
    }
    report["machine"] = machine(url, args.workers)
    report["tables"] = table_sizes(url)
    report["residents_now"] = residents(url)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.with_suffix(".json").write_text(json.dumps(report, indent=1))
    args.output.write_text(markdown(report, args))
    print(f"report: {args.output}")
    if verify.returncode != 0:
        raise SystemExit("audit_verify failed after the load")
    broken = [
        f"{name} c{level}: {r['failures']}"
        for name, levels in report["runs"].items()
        for level, r in levels.items()
        if r["failed"]
    ]
    if args.smoke and broken:  # an operation that errs has rotted: CI fails
        raise SystemExit("failed requests:\n" + "\n".join(broken))


def _ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def _target(op, level: int, server: str) -> tuple[float | None, float | None]:
    """(p95 target in ms, throughput target in req/s) for an operation."""
    if server == "runserver":  # make run on SQLite: every page under 300 ms
        return (RUN_P95_C1 if level == 1 and op.kind != "floor" else None), None
    p95 = PAGE_P95.get(level)
    if op.kind == "write":
        p95 = WRITE_P95_C1 if level == 1 else None
    if op.name == "search_name" and level == 1:
        p95 = SEARCH_NAME_P95_C1
    rps = None
    if level == 8 and op.kind == "list":
        rps = LIST_RPS_C8
    if level == 8 and op.name in ("register_request", "open_case"):
        rps = CREATE_RPS
    if op.kind == "floor":
        p95 = None
    return p95, rps


def _verdict(op, level: int, r: dict, server: str) -> str:
    p95_target, rps_target = _target(op, level, server)
    goals = []
    if p95_target is not None and r.get("p95") is not None:
        met = "met" if r["p95"] < p95_target else "MISSED"
        goals.append(f"p95 < {p95_target} {met}")
    if rps_target is not None and r.get("rps") is not None:
        met = "met" if r["rps"] >= rps_target else "MISSED"
        goals.append(f"≥ {rps_target}/s {met}")
    return "; ".join(goals) or "–"


HEADER = (
    "| operation | as | c | n | failed | p50 ms | p95 ms | p99 ms | req/s | target "
    "| queries | SQL ms | audit rows |"
)


def _rows(report: dict) -> list[str]:
    by_name = {op.name: op for op in OPERATIONS}
    rows = [HEADER, "|---" * 13 + "|"]
    for name, levels in report["runs"].items():
        op = by_name[name]
        probe = report["probe"].get(name, {})
        for level, r in levels.items():
            cells = [
                op.what,
                op.role or "anonymous",
                level,
                r["n"],
                r["failed"],
                _ms(r.get("p50")),
                _ms(r.get("p95")),
                _ms(r.get("p99")),
                _ms(r.get("rps")),
                _verdict(op, int(level), r, report.get("server", "gunicorn")),
                probe.get("queries", "–"),
                _ms(probe.get("sql_ms")),
                probe.get("audit_rows", "–"),
            ]
            rows.append("| " + " | ".join(str(c) for c in cells) + " |")
    return rows


def _database(report: dict) -> list[str]:
    people = max(report["residents_now"], 1)
    total = sum(size for _t, size, _r in report["tables"])
    rows = [
        f"## Database: {total / 2**20:,.0f} MiB, {total / people:,.0f} bytes per "
        "resident",
        "",
        "| table | MiB | rows (estimate) | bytes per resident |",
        "|---|---|---|---|",
    ]
    for table, size, count in report["tables"][:25]:
        rows.append(
            f"| {table} | {size / 2**20:,.1f} | {max(count, 0):,} "
            f"| {size / people:,.1f} |"
        )
    return rows


def markdown(report: dict, args) -> str:
    m = report["machine"]
    command = (
        f"python bench/run.py --residents {report['residents']} "
        f"--duration {args.duration} --concurrency {args.concurrency} "
        f"--workers {args.workers} --server {report.get('server', 'gunicorn')}"
    )
    settings = m.get("database_settings") or m.get("postgresql_settings", {})
    db = ", ".join(f"{k}={v}" for k, v in sorted(settings.items()))
    server = (
        "Django's development server (`make run`: dev settings, DEBUG on)"
        if report.get("server") == "runserver"
        else f"gunicorn {m['gunicorn_workers']} sync workers with the production "
        "settings (DEBUG off, 2FA on, CONN_MAX_AGE 60 with health checks)"
    )
    verify = report["audit_verify"]
    verified = verify["output"].splitlines()[-1] if verify["output"] else ""
    lines = [
        f"# make bench: {report['residents']:,} residents ({report['date']})",
        "",
        f"`{command}`",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; the "
        "app, PostgreSQL and the load generator share it.",
        f"- {m.get('database') or 'PostgreSQL ' + m['postgresql']}: {db}.",
        f"- {server}; 2FA login through both steps; "
        f"locust {m['locust']} (FastHttpUser, closed loop, no think time); "
        f"Python {m['python']}.",
        f"- {args.duration} s per operation and concurrency. Throughput counts the "
        "measured request only: an operation's prep requests (a form page) take "
        "time of the same users. Queries, their SQL time and audit rows: one "
        "request in-process before the load (bench/probe.py), middleware "
        "included.",
    ]
    if "generated_in_s" in report:
        lines.append(f"- Generated in {report['generated_in_s']} s.")
    lines += ["", *_rows(report), "", *scaling(report), ""]
    lines += [
        f"- Largest server process under load: {report['worker_rss_mib_max']} MiB "
        "resident (target < 300 MB).",
        f"- Audit entries written during the load: "
        f"{report['audit_rows_during_load']:,}; `audit_verify` afterwards: exit "
        f"{verify['exit']} ({verified}).",
    ]
    failures = [
        f"- {name} c{level}: {r['failures']}"
        for name, levels in report["runs"].items()
        for level, r in levels.items()
        if r["failures"]
    ]
    if failures:
        lines += ["", "Failed requests:", "", *failures]
    return "\n".join([*lines, "", *_database(report)]) + "\n"


def _growth(runs: dict, name: str) -> float | None:
    levels = runs.get(name, {})
    low, high = levels.get("1", {}).get("rps"), levels.get("8", {}).get("rps")
    return high / low if low and high else None


def scaling(report: dict) -> list[str]:
    """Read-and-audit pages' throughput growth from 1 to 8 users, against the
    floor's (target: at least SCALING of its growth)."""
    floor = _growth(report["runs"], "floor")
    if not floor or floor <= 1:
        return []
    lines = [f"Throughput growth from 1 to 8 users: floor ×{floor:.2f}."]
    for name in ("case_director", "household", "audit_person"):
        growth = _growth(report["runs"], name)
        if growth:
            share = (growth - 1) / (floor - 1)
            met = "met" if share >= SCALING else "MISSED"
            lines.append(
                f"{name} ×{growth:.2f}, {share:.0%} of the floor's growth "
                f"({met}; target ≥ {SCALING:.0%})."
            )
    return [" ".join(lines)]


if __name__ == "__main__":
    main()
