# SPDX-License-Identifier: EUPL-1.2
"""Seal the audit entries older than the grace period into the hash chain.

Safe to run from cron as often as you like: it is idempotent and never makes
requests wait. Print the last seal's hash to a place outside this database
(the log collector) to anchor the chain.
"""

import datetime

from django.core.management.base import BaseCommand

from eenplan.audit import integrity


class Command(BaseCommand):
    help = "Chain unsealed audit entries in id order, in batches (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=integrity.DEFAULT_BATCH_SIZE
        )
        parser.add_argument(
            "--grace",
            type=int,
            default=None,
            help="Seconds an entry must be old before it is sealed "
            "(default: EENPLAN_AUDIT_SEAL_GRACE_SECONDS or 300).",
        )

    def handle(self, *args, batch_size, grace, **options):
        result = integrity.seal(
            batch_size=batch_size,
            grace=None if grace is None else datetime.timedelta(seconds=grace),
        )
        self.stdout.write(
            f"Sealed {result.entries} entries in {len(result.seals)} batches; "
            f"{result.unsealed} newer entries wait for the next run."
        )
        if result.seals:
            last = result.seals[-1]
            self.stdout.write(f"Last seal {last.pk}: {last.seal_hash}")
