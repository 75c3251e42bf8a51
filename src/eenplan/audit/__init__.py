# SPDX-License-Identifier: EUPL-1.2
"""Audit trail: `record()` is the one way to write an entry."""


def record(*, actor, action, subject=None, persons=(), outcome="allowed"):
    """Write one audit entry inside the caller's transaction.

    `persons` are Person instances or ids; only internal ids are stored.
    """
    from .models import AuditEntry

    person_ids = sorted({getattr(p, "pk", p) for p in persons})
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=subject._meta.label_lower if subject is not None else "",
        object_uuid=getattr(subject, "uuid", None),
        person_ids=person_ids,
        outcome=outcome,
    )
