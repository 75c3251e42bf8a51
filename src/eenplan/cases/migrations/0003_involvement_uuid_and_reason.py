# SPDX-License-Identifier: EUPL-1.2
"""Involvements get a public UUID (they appear in URLs) and a reason field."""

import uuid

import django.utils.timezone
from django.db import migrations, models


def fill_uuids(apps, schema_editor):
    Involvement = apps.get_model("cases", "Involvement")
    for involvement in Involvement.objects.filter(uuid__isnull=True):
        involvement.uuid = uuid.uuid4()
        involvement.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_local_dates")]

    operations = [
        migrations.AddField(
            model_name="involvement",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="involvement",
            name="reason",
            field=models.TextField(
                blank=True, verbose_name="reason for a third professional"
            ),
        ),
        migrations.AddField(
            model_name="involvement",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="involvement",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
