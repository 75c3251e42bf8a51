# SPDX-License-Identifier: EUPL-1.2
"""Refusals (403 and 404-or-forbidden) written after the service rolled back.

A refusal raised inside a service's `transaction.atomic` rolls back together
with everything the service wrote, its audit entry included. The error
middleware calls `record_refusal` once the transaction is over, so the
refusal itself stays on record.
"""

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist

from . import write

# Walk from an object to its household: a case, request or intake has one, a
# plan or review reaches it through its case, a goal or action through its plan.
_TOWARDS_HOUSEHOLD = ("household", "case", "plan")


def household_of(subject):
    """The household an object belongs to, or None (at most three steps)."""
    obj = subject
    for _step in range(4):
        if obj is None:
            return None
        if obj._meta.label_lower == "people.household":
            return obj
        obj = next(
            (
                getattr(obj, name)
                for name in _TOWARDS_HOUSEHOLD
                if _has_relation(obj, name)
            ),
            None,
        )
    return None


def _has_relation(obj, name) -> bool:
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.is_relation and (field.many_to_one or field.one_to_one)


def persons_of(subject) -> list:
    """The persons an object concerns: its household's current members.

    A person concerns themselves and, through the household they live in, its
    other members (the page refused would have shown the household).
    """
    if subject is None:
        return []
    try:
        if subject._meta.label_lower == "people.person":
            from eenplan.people.models import Household

            household = Household.objects.filter(
                memberships__person=subject, memberships__until__isnull=True
            ).first()
            members = household.members() if household else []
            return [subject, *members]
        household = household_of(subject)
        return household.members() if household is not None else []
    except ObjectDoesNotExist:
        return []


def record_refusal(request, error):
    """Write outcome "refused" for a PermissionDenied or NotFoundOrForbidden."""
    subject = getattr(error, "subject", None)
    code = getattr(error, "code", "") or ""
    action = getattr(error, "action", "") or (
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
        actor=getattr(request, "user", None),
        action=action,
        object_type=object_type,
        object_uuid=object_uuid,
        persons=persons_of(subject),
        outcome="refused",
        reason=str(getattr(error, "reason", "") or code),
    )
