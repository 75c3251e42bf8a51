# SPDX-License-Identifier: EUPL-1.2
"""Refusals (403 and 404-or-forbidden), written once, after the service rolled back.

A refusal raised inside a service's `transaction.atomic` rolls back together
with everything the service wrote, its audit entry included. The error
middleware is the one place that writes refusals: it calls `record_refusal`
once the transaction is over, so the refusal itself stays on record.
"""

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist

from . import write

# From an object towards the one that knows whose data it is: a household (its
# members) or a person. A case or request has a household, a plan reaches it
# through its case, a goal or action through its plan.
_TOWARDS_PERSONS = ("household", "person", "case", "plan")


def persons_of(subject) -> list[int]:
    """Ids of the persons an object concerns (a household's current members)."""
    obj = subject
    try:
        for _step in range(4):
            if obj is None:
                return []
            concerned = getattr(obj, "concerned_person_ids", None)
            if concerned is not None:
                return list(concerned())
            obj = next(
                (
                    getattr(obj, name)
                    for name in _TOWARDS_PERSONS
                    if _has_relation(obj, name)
                ),
                None,
            )
    except ObjectDoesNotExist:
        return []
    return []


def _has_relation(obj, name) -> bool:
    try:
        field = obj._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return False
    return field.is_relation and (field.many_to_one or field.one_to_one)


def record_refusal(request, error):
    """Write outcome "refused" for a PermissionDenied or NotFoundOrForbidden."""
    subject = getattr(error, "subject", None)
    code = getattr(error, "code", "") or ""
    action = str(getattr(error, "action", "") or "") or (
        code.split(":", 1)[1] if code.startswith("denied:") else ""
    )
    if not action:
        match = getattr(request, "resolver_match", None)
        action = f"view:{match.view_name}" if match else "view"
    if subject is not None:
        object_type = subject._meta.label_lower
        object_uuid = getattr(subject, "uuid", None)
    else:
        object_type = str(getattr(error, "subject_type", "") or "")
        object_uuid = None
    return write(
        actor=getattr(request, "actor", None),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        persons=persons_of(subject),
        outcome="refused",
        reason=str(getattr(error, "reason", "") or code),
    )
