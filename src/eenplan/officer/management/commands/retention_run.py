# SPDX-License-Identifier: EUPL-1.2
"""List what is due for destruction, or destroy what the privacy officer approved.

    manage.py retention_run             a new run, awaiting approval (prints counts)
    manage.py retention_run --execute   destroy every approved run's records

Meant for a scheduler (cron, a Kubernetes CronJob): the first form, say
monthly, puts a list on the privacy officer's retention page; the second,
daily, carries out what she approved there.
"""

from django.core.management.base import BaseCommand

from eenplan.officer import retention
from eenplan.privacy.models import RetentionRun


class Command(BaseCommand):
    help = "List records due for destruction, or execute approved retention runs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--execute",
            action="store_true",
            help="Destroy the records of every approved run.",
        )

    def handle(self, *args, execute=False, **options):
        if execute:
            approved = RetentionRun.objects.filter(status=RetentionRun.Status.APPROVED)
            runs = list(approved.order_by("created_at"))
            for run in runs:
                records = retention.retention_run_execute(run=run)
                destroyed = (
                    ", ".join(f"{r.record_type}: {r.count}" for r in records)
                    or "nothing"
                )
                self.stdout.write(f"Run {run.uuid}: destroyed {destroyed}.")
            if not runs:
                self.stdout.write("No approved retention runs.")
            return
        run = retention.retention_run_start()
        counts = ", ".join(f"{t}: {n}" for t, n in run.counts().items()) or "nothing"
        self.stdout.write(
            f"Run {run.uuid} lists {counts}; it awaits approval by the privacy officer."
        )
