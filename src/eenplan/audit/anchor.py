# SPDX-License-Identifier: EUPL-1.2
"""Each seal anchored outside the database, so a cut-off or rewritten tail is found.

The seal chain proves that nothing *inside* it changed; someone with write
access to the database (triggers dropped) could still delete the last seals
with their entries, or reseal a rewritten tail, and the chain would look whole.
So every new seal is also written, as one line, where the database cannot
reach it: the log stream `eenplan.audit.anchor` (to be shipped to a separate,
write-once log store) and, when `EENPLAN_AUDIT_ANCHOR_FILE` is set, a file that
is only ever appended to (put it on storage the database's operators cannot
rewrite). `audit_verify --anchor FILE` checks every anchored seal is still in
the database with the same hash and that no seal is missing before it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

logger = logging.getLogger("eenplan.audit.anchor")


@dataclass(frozen=True)
class Anchor:
    seal_id: int
    last_entry_id: int
    entries_sealed: int  # every entry sealed up to and including this seal
    seal_hash: str

    def line(self) -> str:
        return json.dumps(
            {
                "seal": self.seal_id,
                "last_entry": self.last_entry_id,
                "entries_sealed": self.entries_sealed,
                "seal_hash": self.seal_hash,
            },
            sort_keys=True,
        )


def anchor_file() -> Path | None:
    name = getattr(settings, "EENPLAN_AUDIT_ANCHOR_FILE", "")
    return Path(name) if name else None


def write(anchor: Anchor, path: Path | None = None) -> None:
    """Append the anchor of a new seal (the log line always, the file if set)."""
    line = anchor.line()
    logger.info("audit seal anchor %s", line)
    path = path or anchor_file()
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as file:
        file.write(line + "\n")
        file.flush()


def read(path: Path) -> tuple[list[Anchor], list[int]]:
    """The anchors in a file, and the numbers of the lines that are no anchor."""
    anchors, bad = [], []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            anchors.append(
                Anchor(
                    int(data["seal"]),
                    int(data["last_entry"]),
                    int(data["entries_sealed"]),
                    str(data["seal_hash"]),
                )
            )
        except (ValueError, KeyError, TypeError):
            bad.append(number)
    return anchors, bad
