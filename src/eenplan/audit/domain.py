# SPDX-License-Identifier: EUPL-1.2
"""Pure rules of the audit trail's tamper evidence: digests, batch hashes, seals.

No ORM here: these functions take plain values (as read from the database)
and return hex strings, so the same code hashes at insert time, at sealing
time and when `audit_verify` recomputes everything.

Version 1 of the canonical form must never change once entries exist: a new
form gets a new version prefix, and verification picks the form by version.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

VERSION = "eenplan-audit-v1"
GENESIS = "0" * 64
# How many hex digits of each entry's digest a seal keeps to name a changed
# entry (64 bits: a collision by chance is out of reach; the full digests are
# covered by the batch hash anyway).
LEAF_DIGITS = 16

# Every stored field of an entry except its database id (unknown before the
# INSERT; the seal binds ids) and the digest itself.
ENTRY_FIELDS = (
    "uuid",
    "at",
    "actor_id",
    "actor_uuid",
    "actor_username",
    "organisation_uuid",
    "organisation_name",
    "roles",
    "function",
    "action",
    "object_type",
    "object_uuid",
    "person_ids",
    "purpose",
    "legal_basis",
    "break_glass",
    "reason",
    "outcome",
    "origin",
    "client_ip",
    "user_agent",
    "trace_id",
    "span_id",
    "foreign_traceparent",
    "method",
    "path",
)


def _plain(value):
    """One canonical JSON value for what SQLite and PostgreSQL hand back."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("audit times are timezone-aware")
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def canonical(values: Mapping) -> bytes:
    """The bytes an entry's digest is taken over: sorted keys, no whitespace."""
    payload = {name: _plain(values[name]) for name in ENTRY_FIELDS}
    text = json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return f"{VERSION}\n{text}".encode()


def entry_digest(values: Mapping) -> str:
    """sha256 over the canonical form of one entry's fields."""
    return hashlib.sha256(canonical(values)).hexdigest()


def batch_hash(entries: Iterable[tuple[int, str]]) -> str:
    """sha256 over `id:digest` lines of a batch, in id order."""
    h = hashlib.sha256(f"{VERSION}\nbatch\n".encode())
    for entry_id, digest in entries:
        h.update(f"{entry_id}:{digest}\n".encode())
    return h.hexdigest()


def encode_leaves(entries: Iterable[tuple[int, str]]) -> str:
    """`id:digest-prefix` per entry, comma-separated: lets verify name an entry."""
    return ",".join(
        f"{entry_id}:{digest[:LEAF_DIGITS]}" for entry_id, digest in entries
    )


def decode_leaves(leaves: str) -> list[tuple[int, str]]:
    result = []
    for leaf in filter(None, leaves.split(",")):
        entry_id, prefix = leaf.split(":")
        result.append((int(entry_id), prefix))
    return result


@dataclass(frozen=True)
class SealValues:
    previous_hash: str
    first_entry_id: int
    last_entry_id: int
    entry_count: int
    leaves: str
    batch_hash: str
    sealed_at: datetime.datetime


def seal_hash(seal: SealValues) -> str:
    """sha256 over a seal's fields, including the previous seal's hash (the chain)."""
    payload = {
        "previous_hash": seal.previous_hash,
        "first_entry_id": seal.first_entry_id,
        "last_entry_id": seal.last_entry_id,
        "entry_count": seal.entry_count,
        "leaves": seal.leaves,
        "batch_hash": seal.batch_hash,
        "sealed_at": _plain(seal.sealed_at),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{VERSION}\nseal\n{text}".encode()).hexdigest()


@dataclass(frozen=True)
class Problem:
    """One broken link: which entry or seal, and what broke."""

    kind: str
    message: str
    entry_id: int | None = None
    seal_id: int | None = None
    # Where in the log it broke (an entry id), to find the first broken link.
    position: int = 0

    def __str__(self) -> str:
        return self.message


def compare_batch(
    seal_id: int, sealed: Sequence[tuple[int, str]], stored: Sequence[tuple[int, str]]
) -> list[Problem]:
    """Compare what a seal recorded with what the table holds now, entry by entry.

    `sealed` are (id, digest prefix) from the seal; `stored` (id, full digest)
    of the rows now in the seal's id range. Names deleted, inserted and
    changed entries.
    """
    problems = []
    sealed_map = dict(sealed)
    stored_map = dict(stored)
    for entry_id in sorted(sealed_map.keys() | stored_map.keys()):
        if entry_id not in stored_map:
            problems.append(
                Problem(
                    "deleted",
                    f"entry {entry_id} was sealed in seal {seal_id} "
                    f"but is missing (deleted)",
                    entry_id,
                    seal_id,
                    entry_id,
                )
            )
        elif entry_id not in sealed_map:
            problems.append(
                Problem(
                    "inserted",
                    f"entry {entry_id} lies inside the range of seal {seal_id} "
                    f"but was not sealed (inserted afterwards)",
                    entry_id,
                    seal_id,
                    entry_id,
                )
            )
        elif not stored_map[entry_id].startswith(sealed_map[entry_id]):
            problems.append(
                Problem(
                    "changed",
                    f"entry {entry_id} differs from the digest sealed in seal "
                    f"{seal_id} (changed after sealing)",
                    entry_id,
                    seal_id,
                    entry_id,
                )
            )
    return problems
