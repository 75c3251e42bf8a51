# SPDX-License-Identifier: EUPL-1.2
"""bench_prepare: logins and work for make bench on a generated municipality."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eenplan.demo import bench
from eenplan.demo.municipality import ProductionDatabase


class Command(BaseCommand):
    help = (
        "Give generated staff users of each role a password and a TOTP device "
        "and write them, with the work each may do, to a JSON file for make "
        "bench. Refused on production settings."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path)
        parser.add_argument("--accounts", type=int, default=9)
        parser.add_argument("--supply", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, output, accounts, supply, seed, **options):
        if accounts < 1 or supply < 0:
            raise CommandError("--accounts must be at least 1, --supply at least 0.")
        try:
            plan = bench.prepare(accounts=accounts, supply=supply, seed=seed)
        except ProductionDatabase as exc:
            raise CommandError(
                "Refused: these are production settings (EENPLAN_PRODUCTION)."
            ) from exc
        for role, rows in plan["accounts"].items():
            if not rows:
                raise CommandError(
                    f"No {role} to benchmark as: generate a municipality first."
                )
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(plan, indent=1))
        output.chmod(0o600)  # passwords and TOTP keys, if only of synthetic users
        counts = ", ".join(f"{len(v)} {k}" for k, v in plan["accounts"].items())
        self.stdout.write(self.style.SUCCESS(f"{counts} written to {output}"))
