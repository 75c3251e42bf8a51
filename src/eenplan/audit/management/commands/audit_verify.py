# SPDX-License-Identifier: EUPL-1.2
"""Check the audit trail: triggers present, every digest, the whole seal chain.

Seals what is ready first (unless --no-seal), then recomputes everything and
reports the first broken link. Exits non-zero when anything is broken.
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eenplan.audit import anchor as audit_anchor
from eenplan.audit import integrity


class Command(BaseCommand):
    help = "Verify the audit trail's digests and seal chain; exit 1 on tampering."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-seal",
            action="store_true",
            help="Only verify; do not seal ready entries first.",
        )
        parser.add_argument(
            "--grace",
            type=int,
            default=None,
            help="Seconds an entry must be old before it is sealed.",
        )

        parser.add_argument(
            "--anchor",
            default=None,
            help="The anchor file the seals were written to outside the database "
            "(default: EENPLAN_AUDIT_ANCHOR_FILE); checks the tail was not cut off.",
        )

    def handle(self, *args, no_seal, grace, anchor=None, **options):
        if not no_seal:
            integrity.seal(
                grace=None if grace is None else datetime.timedelta(seconds=grace)
            )
        path = Path(anchor) if anchor else audit_anchor.anchor_file()
        if path is not None and not path.exists():
            raise CommandError(f"No anchor file at {path}.", returncode=2)
        report = integrity.verify(anchors=path)
        if path is None:
            self.stdout.write(
                "No anchor file given: a cut-off tail cannot be found without one."
            )
        self.stdout.write(
            f"Checked {report.entries} entries and {report.seals} seals; "
            f"{report.unsealed} entries are not sealed yet (protected by the "
            f"database triggers only until the next seal)."
        )
        if report.ok:
            if report.last_seal_hash:
                self.stdout.write(f"Last seal hash: {report.last_seal_hash}")
            self.stdout.write(self.style.SUCCESS("Audit trail intact."))
            return
        for problem in report.problems:
            self.stderr.write(f"- {problem}")
        more = report.problem_count - len(report.problems)
        if more:
            self.stderr.write(f"… and {more} more.")
        raise CommandError(
            f"Audit trail broken: first broken link: {report.problems[0]}",
            returncode=1,
        )
