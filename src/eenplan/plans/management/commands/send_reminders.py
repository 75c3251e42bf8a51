# SPDX-License-Identifier: EUPL-1.2
"""Enqueue the daily reminders; the platform's scheduler runs this (cron,
Kubernetes CronJob) and `manage.py db_worker` carries it out."""

from django.core.management.base import BaseCommand

from eenplan.plans.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Enqueue the review reminders (run daily; db_worker sends them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Run them in this process instead of enqueueing (make run).",
        )

    def handle(self, *args, now=False, **options):
        if now:
            result = send_review_reminders.call()
            self.stdout.write(
                f"Reminders sent: {result['due']} due, {result['overdue']} overdue."
            )
            return
        enqueued = send_review_reminders.enqueue()
        self.stdout.write(f"Reminders enqueued as task {enqueued.id}.")
