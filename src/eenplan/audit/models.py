# SPDX-License-Identifier: EUPL-1.2
"""The audit trail (logboek): who did what to whose data, and when."""

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """Logregel: one read, write or refusal concerning personal data.

    Rows are only ever inserted (through `eenplan.audit.record`). Persons are
    referred to by internal id, never by BSN or name.
    """

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "allowed"
        REFUSED = "refused", "refused"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_uuid = models.UUIDField(null=True, blank=True)
    person_ids = models.JSONField(default=list)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_uuid"])]
