# SPDX-License-Identifier: EUPL-1.2
"""Load the published triage rules from triage_rules.json."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "triage_rules.json"


def load(apps, schema_editor):
    TriageRule = apps.get_model("intake", "TriageRule")
    for rule in json.loads(DATA.read_text(encoding="utf-8")):
        code = rule.pop("code")
        TriageRule.objects.update_or_create(code=code, defaults=rule)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
