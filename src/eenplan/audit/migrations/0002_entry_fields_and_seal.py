# SPDX-License-Identifier: EUPL-1.2
"""Audit entries get who/why/where fields and a digest; seals chain them.

Entries written before this migration get a uuid and a digest over what they
hold; their organisation, roles and origin were never recorded and stay empty.
"""

import uuid

import django.utils.timezone
from django.db import migrations, models


def fill_existing_entries(apps, schema_editor):
    from eenplan.audit import domain

    AuditEntry = apps.get_model("audit", "AuditEntry")
    for entry in AuditEntry.objects.order_by("pk").iterator():
        entry.uuid = uuid.uuid4()
        entry.digest = domain.entry_digest(
            {name: getattr(entry, name) for name in domain.ENTRY_FIELDS}
        )
        entry.save(update_fields=["uuid", "digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "ordering": ["-id"],
                "verbose_name": "audit entry",
                "verbose_name_plural": "audit entries",
            },
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="outcome",
            field=models.CharField(
                choices=[
                    ("allowed", "allowed"),
                    ("refused", "refused"),
                    ("break_glass", "break the glass"),
                ],
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="actor_uuid",
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="actor_username",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="organisation_uuid",
            field=models.UUIDField(blank=True, db_index=True, null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="organisation_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="roles",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="function",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="purpose",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="legal_basis",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="break_glass",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="origin",
            field=models.CharField(
                blank=True,
                choices=[
                    ("request", "web request"),
                    ("system", "system"),
                    ("test", "test"),
                ],
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="client_ip",
            field=models.CharField(blank=True, max_length=45),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="user_agent",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="trace_id",
            field=models.CharField(blank=True, db_index=True, max_length=32),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="span_id",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="foreign_traceparent",
            field=models.CharField(blank=True, max_length=55),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="method",
            field=models.CharField(blank=True, max_length=8),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="path",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="digest",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(fill_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("break_glass", True)),
                fields=["at"],
                name="audit_entry_break_glass",
            ),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("outcome", "allowed"), _negated=True),
                fields=["at"],
                name="audit_entry_not_allowed",
            ),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("outcome__in", ["allowed", "refused", "break_glass"])
                ),
                name="audit_entry_outcome_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("outcome", "break_glass"), _negated=True),
                    ("break_glass", True),
                    _connector="OR",
                ),
                name="audit_entry_break_glass_marked",
            ),
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("first_entry_id", models.BigIntegerField(unique=True)),
                ("last_entry_id", models.BigIntegerField(unique=True)),
                ("entry_count", models.PositiveIntegerField()),
                ("leaves", models.TextField()),
                ("batch_hash", models.CharField(max_length=64)),
                ("previous_hash", models.CharField(max_length=64, unique=True)),
                ("seal_hash", models.CharField(max_length=64, unique=True)),
                ("sealed_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "audit seal",
                "verbose_name_plural": "audit seals",
                "ordering": ["id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("first_entry_id__lte", models.F("last_entry_id"))
                        ),
                        name="audit_seal_range",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("entry_count__gt", 0)),
                        name="audit_seal_not_empty",
                    ),
                ],
            },
        ),
    ]
