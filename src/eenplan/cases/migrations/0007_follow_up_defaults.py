# SPDX-License-Identifier: EUPL-1.2
"""The default follow-up terms per closure reason, as data (editable in the admin)."""

from django.db import migrations

DEFAULTS = {
    "goals_reached": 3,
    "referred": 6,  # handed over to regular care: check it took hold
    "household_stopped": 3,
    "moved": None,  # another municipality's team takes over
    "other": 3,
}


def load(apps, schema_editor):
    FollowUpDefault = apps.get_model("cases", "FollowUpDefault")
    for reason, months in DEFAULTS.items():
        FollowUpDefault.objects.update_or_create(
            closure_reason=reason, defaults={"months": months}
        )


def unload(apps, schema_editor):
    apps.get_model("cases", "FollowUpDefault").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_follow_up")]

    operations = [migrations.RunPython(load, unload)]
