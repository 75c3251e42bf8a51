# SPDX-License-Identifier: EUPL-1.2
"""The audit trail (logboek): who did what to whose data, when, why and from where.

Both tables are append-only in the database itself: migration 0003 installs
triggers that refuse UPDATE and DELETE (PostgreSQL and SQLite). On SQLite a
later migration that rebuilds one of these tables drops its triggers with the
old table; `audit_verify` and the tests check that the triggers are there.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import domain


class AuditEntry(models.Model):
    """Logregel: one read, write or refusal concerning personal data.

    Rows are only ever inserted (through `eenplan.audit.record`). Persons are
    referred to by internal id, never by BSN or name. The user's organisation
    and roles are a snapshot of the moment, so a later move to another team
    does not rewrite history. `digest` is a sha256 over every other field
    (`domain.entry_digest`), taken at insert time; `AuditSeal` chains the
    digests in id order.
    """

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("allowed")
        REFUSED = "refused", _("refused")
        BREAK_GLASS = "break_glass", _("break the glass")

    class Origin(models.TextChoices):
        REQUEST = "request", _("web request")
        SYSTEM = "system", _("system")
        TEST = "test", _("test")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    # Who: the user, and a snapshot of their organisation, roles and function.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        db_constraint=False,
    )
    actor_uuid = models.UUIDField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    organisation_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    # "role@team-uuid" per team membership, sorted.
    roles = models.JSONField(default=list, blank=True)
    function = models.CharField(max_length=32, blank=True)

    # What, on what and whom.
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_uuid = models.UUIDField(null=True, blank=True)
    person_ids = models.JSONField(default=list)

    # Why, and how it ended.
    purpose = models.CharField(max_length=100, blank=True)
    legal_basis = models.CharField(max_length=100, blank=True)
    break_glass = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    # Where from.
    origin = models.CharField(max_length=16, choices=Origin.choices, blank=True)
    client_ip = models.CharField(max_length=45, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    trace_id = models.CharField(max_length=32, blank=True, db_index=True)
    span_id = models.CharField(max_length=16, blank=True)
    foreign_traceparent = models.CharField(max_length=55, blank=True)
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(max_length=300, blank=True)

    digest = models.CharField(max_length=64)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["object_type", "object_uuid"]),
            models.Index(
                fields=["at"],
                condition=Q(break_glass=True),
                name="audit_entry_break_glass",
            ),
            models.Index(
                fields=["at"],
                condition=~Q(outcome="allowed"),
                name="audit_entry_not_allowed",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=["allowed", "refused", "break_glass"]),
                name="audit_entry_outcome_known",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="break_glass") | Q(break_glass=True),
                name="audit_entry_break_glass_marked",
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} ({self.outcome})"

    def digest_values(self) -> dict:
        return {name: getattr(self, name) for name in domain.ENTRY_FIELDS}

    def compute_digest(self) -> str:
        return domain.entry_digest(self.digest_values())


class AuditSeal(models.Model):
    """Verzegeling: one sealed batch of audit entries, chained to the seal before.

    Written by `manage.py audit_seal` (also run by `audit_verify`), never by a
    request, so requests never wait for one another. `leaves` lists each
    sealed entry as `id:digest-prefix`, so verification can name a deleted,
    inserted or changed entry; `batch_hash` covers the full digests;
    `seal_hash` covers this row including `previous_hash`. The unique
    `previous_hash` makes two sealers running at once unable to fork the chain.
    """

    first_entry_id = models.BigIntegerField(unique=True)
    last_entry_id = models.BigIntegerField(unique=True)
    entry_count = models.PositiveIntegerField()
    leaves = models.TextField()
    batch_hash = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64, unique=True)
    seal_hash = models.CharField(max_length=64, unique=True)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_entry_id__lte=models.F("last_entry_id")),
                name="audit_seal_range",
            ),
            models.CheckConstraint(
                condition=Q(entry_count__gt=0), name="audit_seal_not_empty"
            ),
        ]

    def __str__(self):
        return f"seal {self.pk}: entries {self.first_entry_id}–{self.last_entry_id}"

    def values(self) -> domain.SealValues:
        return domain.SealValues(
            previous_hash=self.previous_hash,
            first_entry_id=self.first_entry_id,
            last_entry_id=self.last_entry_id,
            entry_count=self.entry_count,
            leaves=self.leaves,
            batch_hash=self.batch_hash,
            sealed_at=self.sealed_at,
        )
