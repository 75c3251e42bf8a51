# SPDX-License-Identifier: EUPL-1.2
"""Load the data categories and the default age rules for consent."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "categories.json"


def load(apps, schema_editor):
    DataCategory = apps.get_model("privacy", "DataCategory")
    AgeRule = apps.get_model("privacy", "AgeRule")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for position, (code, name, description, special) in enumerate(
        data["categories"], start=1
    ):
        DataCategory.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "special": special,
                "position": position,
            },
        )
    for min_age, max_age, decides in data["age_rules"]:
        AgeRule.objects.update_or_create(
            min_age=min_age, defaults={"max_age": max_age, "decides": decides}
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
