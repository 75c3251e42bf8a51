# SPDX-License-Identifier: EUPL-1.2
"""Load the default retention periods (privacy/retention.json)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "retention.json"


def load(apps, schema_editor):
    RetentionPolicy = apps.get_model("privacy", "RetentionPolicy")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for record_type, years, trigger, basis in data["policies"]:
        # Never overwrite a period the municipality already set.
        RetentionPolicy.objects.get_or_create(
            record_type=record_type,
            defaults={"years": years, "trigger": trigger, "basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_retention")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
