# SPDX-License-Identifier: EUPL-1.2
"""Load the fields of expertise and the ZRM life domains each covers
(`organisations/expertise.json`); a municipality adds its own in the admin."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "expertise.json"


def load(apps, schema_editor):
    Expertise = apps.get_model("organisations", "Expertise")
    LifeDomain = apps.get_model("assessments", "LifeDomain")
    for code, name, domains in json.loads(DATA.read_text())["expertise"]:
        expertise, _created = Expertise.objects.update_or_create(
            code=code, defaults={"name": name}
        )
        expertise.life_domains.set(LifeDomain.objects.filter(code__in=domains))


def unload(apps, schema_editor):
    apps.get_model("organisations", "Expertise").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_expertise"),
        ("assessments", "0003_zrm_domains_and_levels"),
    ]

    operations = [migrations.RunPython(load, unload)]
