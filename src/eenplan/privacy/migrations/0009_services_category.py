# SPDX-License-Identifier: EUPL-1.2
"""The data category of granted services (voorzieningen), from categories.json:
consent and legal bases open it per organisation like the others."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "categories.json"


def load(apps, schema_editor):
    DataCategory = apps.get_model("privacy", "DataCategory")
    rows = json.loads(DATA.read_text(encoding="utf-8"))["categories"]
    for position, (code, name, description, special) in enumerate(rows, start=1):
        DataCategory.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "special": special,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0008_export_request")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
