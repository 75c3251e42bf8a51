# SPDX-License-Identifier: EUPL-1.2
"""generate_municipality: a synthetic municipality of N residents, from one seed."""

import time

from django.core.management.base import BaseCommand, CommandError

from eenplan.demo import municipality


class Command(BaseCommand):
    help = (
        "Generate a synthetic municipality (residents, households, teams, "
        "professionals and years of requests and cases) into an empty database. "
        "Refused on production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--years", type=int, default=3)

    def handle(self, *args, residents, seed, years, **options):
        if residents < 1 or years < 1:
            raise CommandError("--residents and --years must be at least 1.")
        started = time.monotonic()
        try:
            report = municipality.generate(
                residents=residents,
                seed=seed,
                years=years,
                progress=lambda text: self.stdout.write(f"  {text}"),
            )
        except municipality.ProductionDatabase as exc:
            raise CommandError(
                "Refused: these are production settings (EENPLAN_PRODUCTION). "
                "Generate synthetic data only into a database of its own."
            ) from exc
        except municipality.NotEmpty as exc:
            raise CommandError(
                "Refused: the database already holds households. Generate into "
                "an empty, migrated database."
            ) from exc
        seconds = time.monotonic() - started
        for label, count in sorted(report.rows.items()):
            self.stdout.write(f"{label:32} {count:>10}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows.get('people.Person', 0)} residents in {seconds:.1f} s"
            )
        )
