# SPDX-License-Identifier: EUPL-1.2
"""Sealing and verifying the audit trail (`audit_seal`, `audit_verify`).

Why batches sealed afterwards, not a chain at insert time: a hash chain over
single entries makes every writer read the previous entry's hash and insert
after it, one at a time; every request that reads personal data would queue
behind one lock. Here a writer computes its own entry's digest from its own
fields and inserts, like any other row. A background sealer then chains the
entries in id order, in batches, and writes one `AuditSeal` row per batch.

Concurrency:
- Writers never wait for each other or for the sealer (the sealer only reads
  committed entries and inserts seal rows).
- Two sealers running at once cannot fork the chain: `previous_hash` is
  unique, so the second insert on the same predecessor fails and that sealer
  re-reads the chain and carries on after it.
- An entry whose transaction is still open has an id but is not yet
  visible. The sealer therefore only seals entries older than a grace period
  (default five minutes, longer than any request may run), so it does not
  seal past an id that is about to commit. An entry that commits later than
  that is reported by `audit_verify` as inserted into a sealed range.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from . import anchor, domain
from .models import AuditEntry, AuditSeal

DEFAULT_BATCH_SIZE = 1000
DEFAULT_GRACE = datetime.timedelta(seconds=300)
TABLES = ("audit_auditentry", "audit_auditseal")


def grace_period() -> datetime.timedelta:
    seconds = getattr(settings, "EENPLAN_AUDIT_SEAL_GRACE_SECONDS", None)
    return DEFAULT_GRACE if seconds is None else datetime.timedelta(seconds=seconds)


@dataclass
class SealResult:
    seals: list[AuditSeal] = field(default_factory=list)
    unsealed: int = 0

    @property
    def entries(self) -> int:
        return sum(seal.entry_count for seal in self.seals)


def seal(
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    grace: datetime.timedelta | None = None,
    now: datetime.datetime | None = None,
) -> SealResult:
    """Seal every entry older than the grace period, in batches of `batch_size`.

    Idempotent: entries already sealed are never sealed again, and running it
    twice in a row seals nothing the second time.
    """
    grace = grace_period() if grace is None else grace
    now = now or timezone.now()
    cutoff = now - grace
    result = SealResult()
    races = 0
    while True:
        last = AuditSeal.objects.order_by("-id").first()
        after = last.last_entry_id if last else 0
        previous_hash = last.seal_hash if last else domain.GENESIS
        rows = list(
            AuditEntry.objects.filter(id__gt=after or 0)
            .order_by("id")
            .values_list("id", "digest", "at")[:batch_size]
        )
        batch = []
        for entry_id, digest, at in rows:
            if at >= cutoff:
                break
            batch.append((entry_id, digest))
        if not batch:
            break
        values = domain.SealValues(
            previous_hash=previous_hash,
            first_entry_id=batch[0][0],
            last_entry_id=batch[-1][0],
            entry_count=len(batch),
            leaves=domain.encode_leaves(batch),
            batch_hash=domain.batch_hash(batch),
            sealed_at=now,
        )
        try:
            with transaction.atomic():
                new = AuditSeal.objects.create(
                    **values.__dict__, seal_hash=domain.seal_hash(values)
                )
        except IntegrityError:
            # Another sealer chained this batch first; continue after its seal.
            races += 1
            if races > 10:
                raise
            continue
        result.seals.append(new)
        anchor.write(
            anchor.Anchor(
                seal_id=new.pk,
                last_entry_id=new.last_entry_id,
                entries_sealed=_sealed_before(new) + new.entry_count,
                seal_hash=new.seal_hash,
            )
        )
        if len(batch) < len(rows) or len(rows) < batch_size:
            break
    last = AuditSeal.objects.order_by("-id").first()
    result.unsealed = AuditEntry.objects.filter(
        id__gt=last.last_entry_id if last else 0
    ).count()
    return result


def _sealed_before(seal_row: AuditSeal) -> int:
    """How many entries the seals before this one sealed."""
    from django.db.models import Sum

    total = AuditSeal.objects.filter(id__lt=seal_row.pk).aggregate(n=Sum("entry_count"))
    return total["n"] or 0


@dataclass
class Report:
    entries: int = 0
    seals: int = 0
    unsealed: int = 0
    last_seal_hash: str = ""
    problem_count: int = 0
    problems: list[domain.Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(*, chunk_size: int = 2000, max_problems: int = 100, anchors=None) -> Report:
    """Recompute every entry's digest and the whole seal chain; list what broke.

    With `anchors` (a file written by `anchor.write`, see audit/anchor.py), also
    check that every seal anchored outside the database is still in it, with
    the same hash and the same number of entries sealed up to it: a tail cut
    off or resealed is found. Problems come in id order, so the first one is
    the first broken link.
    """
    report = Report()

    def add(problem):
        report.problem_count += 1
        if len(report.problems) < max_problems:
            report.problems.append(problem)

    if anchors is not None:
        _check_anchors(anchors, add)

    for table in missing_triggers():
        add(
            domain.Problem(
                "trigger",
                f"the append-only triggers on {table} are missing",
            )
        )

    # 1. Every entry's digest over its own fields; on SQLite also every id.
    names = ["actor" if n == "actor_id" else n for n in domain.ENTRY_FIELDS]
    gapless = ids_are_gapless()
    after = None
    while True:
        chunk = list(
            AuditEntry.objects.filter(id__gt=after or 0)
            .order_by("id")
            .values("id", "digest", *names)[:chunk_size]
        )
        if not chunk:
            break
        for row in chunk:
            row["actor_id"] = row.pop("actor")
            report.entries += 1
            if gapless and after is not None and row["id"] != after + 1:
                add(
                    domain.Problem(
                        "gap",
                        f"entries {after + 1}–{row['id'] - 1} are missing "
                        f"(ids here are never skipped: they were deleted)",
                        entry_id=after + 1,
                        position=after + 1,
                    )
                )
            after = row["id"]
            if domain.entry_digest(row) != row["digest"]:
                add(
                    domain.Problem(
                        "digest",
                        f"entry {row['id']}: its fields no longer match its "
                        f"digest (the row was changed)",
                        entry_id=row["id"],
                        position=row["id"],
                    )
                )

    if gapless and after is not None:
        handed_out = _last_id_handed_out()
        if handed_out > after:
            add(
                domain.Problem(
                    "gap",
                    f"entries {after + 1}–{handed_out} are missing at the end "
                    f"(they were written, then deleted)",
                    entry_id=after + 1,
                    position=after + 1,
                )
            )

    # 2. The seal chain, and each sealed batch against the rows now present.
    previous_hash = domain.GENESIS
    previous_last = 0
    for seal_row in AuditSeal.objects.order_by("id").iterator(chunk_size=100):
        report.seals += 1
        if seal_row.previous_hash != previous_hash:
            add(
                domain.Problem(
                    "chain",
                    f"seal {seal_row.pk} does not link to the seal before it "
                    f"(a seal was removed, replaced or reordered)",
                    seal_id=seal_row.pk,
                    position=seal_row.first_entry_id,
                )
            )
        if domain.seal_hash(seal_row.values()) != seal_row.seal_hash:
            add(
                domain.Problem(
                    "seal",
                    f"seal {seal_row.pk}: its fields no longer match its hash "
                    f"(the seal was changed)",
                    seal_id=seal_row.pk,
                    position=seal_row.first_entry_id,
                )
            )
        # Entries between the previous seal and this one were never sealed.
        for (entry_id,) in AuditEntry.objects.filter(
            id__gt=previous_last, id__lt=seal_row.first_entry_id
        ).values_list("id"):
            add(
                domain.Problem(
                    "inserted",
                    f"entry {entry_id} lies before seal {seal_row.pk} but was "
                    f"never sealed (inserted afterwards)",
                    entry_id=entry_id,
                    seal_id=seal_row.pk,
                    position=entry_id,
                )
            )
        stored = list(
            AuditEntry.objects.filter(
                id__gte=seal_row.first_entry_id, id__lte=seal_row.last_entry_id
            )
            .order_by("id")
            .values_list("id", "digest")
        )
        sealed = domain.decode_leaves(seal_row.leaves)
        batch_problems = domain.compare_batch(seal_row.pk, sealed, stored)
        for problem in batch_problems:
            add(problem)
        if not batch_problems and domain.batch_hash(stored) != seal_row.batch_hash:
            add(
                domain.Problem(
                    "batch",
                    f"seal {seal_row.pk}: the entries {seal_row.first_entry_id}–"
                    f"{seal_row.last_entry_id} no longer match the batch hash",
                    seal_id=seal_row.pk,
                    position=seal_row.first_entry_id,
                )
            )
        if len(sealed) != seal_row.entry_count:
            add(
                domain.Problem(
                    "seal",
                    f"seal {seal_row.pk}: lists {len(sealed)} entries but counts "
                    f"{seal_row.entry_count}",
                    seal_id=seal_row.pk,
                    position=seal_row.first_entry_id,
                )
            )
        previous_hash = seal_row.seal_hash
        previous_last = seal_row.last_entry_id
    report.last_seal_hash = previous_hash if report.seals else ""
    report.unsealed = AuditEntry.objects.filter(id__gt=previous_last).count()
    report.problems.sort(key=_order)
    return report


def ids_are_gapless() -> bool:
    """Whether a missing entry id can only mean a deleted entry.

    SQLite's AUTOINCREMENT counter lives in a table (`sqlite_sequence`) that
    rolls back with the transaction, so ids are handed out without holes.
    PostgreSQL's sequences are not transactional: a rolled-back request leaves
    a hole, so there a gap proves nothing (see docs/privacy.md).
    """
    return connection.vendor == "sqlite"


def _last_id_handed_out() -> int:
    """SQLite's AUTOINCREMENT counter for the audit table: the highest id used."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seq FROM sqlite_sequence WHERE name = %s", ["audit_auditentry"]
        )
        row = cursor.fetchone()
    return row[0] if row else 0


def _check_anchors(path, add) -> None:
    found, bad = anchor.read(path)
    for number in bad:
        add(domain.Problem("anchor", f"line {number} of the anchor file is no anchor"))
    # One pass over the chain: each seal's hash, last entry and the entries
    # sealed up to it (not one count query per anchor).
    seals, sealed = {}, 0
    for pk, last_entry_id, count, seal_hash in (
        AuditSeal.objects.order_by("id")
        .values_list("id", "last_entry_id", "entry_count", "seal_hash")
        .iterator(chunk_size=2000)
    ):
        sealed += count
        seals[pk] = (last_entry_id, sealed, seal_hash)
    for item in found:
        row = seals.get(item.seal_id)
        if row is None:
            add(
                domain.Problem(
                    "anchor",
                    f"seal {item.seal_id}, anchored outside the database, is gone "
                    f"(the tail of the trail was cut off)",
                    seal_id=item.seal_id,
                    position=item.last_entry_id,
                )
            )
        elif row != (item.last_entry_id, item.entries_sealed, item.seal_hash):
            add(
                domain.Problem(
                    "anchor",
                    f"seal {item.seal_id} differs from its anchor outside the "
                    f"database (the trail was resealed or entries were removed)",
                    seal_id=item.seal_id,
                    position=item.last_entry_id,
                )
            )


def _order(problem: domain.Problem):
    """Missing triggers first, then in log order (a seal at its first entry).

    At one position a gap comes last: a seal that names the deleted entry says
    more than the hole it left.
    """
    return (problem.kind != "trigger", problem.position, problem.kind == "gap")


def missing_triggers() -> list[str]:
    """Audit tables without their append-only triggers on this database."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE t.tgname = c.relname || '_append_only' "
                "AND t.tgenabled <> 'D'"
            )
            present = {name for (name,) in cursor.fetchall()}
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            names = {name for (name,) in cursor.fetchall()}
            present = {
                table
                for table in TABLES
                if {f"{table}_no_update", f"{table}_no_delete"} <= names
            }
        else:
            return []
    return [table for table in TABLES if table not in present]
