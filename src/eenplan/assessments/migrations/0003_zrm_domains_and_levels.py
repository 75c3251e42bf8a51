# SPDX-License-Identifier: EUPL-1.2
"""Load the 13 ZRM life domains and 5 level names (names only) from domains.json."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "domains.json"


def load(apps, schema_editor):
    LifeDomain = apps.get_model("assessments", "LifeDomain")
    Level = apps.get_model("assessments", "Level")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for position, (code, name) in enumerate(data["domains"], start=1):
        LifeDomain.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )
    for value, name in data["levels"]:
        Level.objects.update_or_create(value=value, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
