# SPDX-License-Identifier: EUPL-1.2
"""Audit trail: `record()` is the one way to write an entry."""

OUTCOMES = ("allowed", "refused", "break_glass")
REASON_MAX = 1000


def record(
    *,
    actor,
    action,
    subject=None,
    persons=(),
    outcome="allowed",
    purpose="",
    legal_basis="",
    break_glass=False,
    reason="",
):
    """Write one audit entry inside the caller's transaction.

    `actor` is an `eenplan.access.actor.Actor` (None for an anonymous request).
    `action` is an `Action` of the registry. `persons` are Person instances or
    ids; only internal ids are stored.
    `purpose` names the processing activity (verwerkingsactiviteit) and
    `legal_basis` the grondslag, where the caller knows them. Emergency access
    passes `break_glass=True` and the user's `reason`: an allowed break-the-glass
    access is stored with outcome "break_glass". The request origin comes from
    `AuditContextMiddleware` ("system" or "test" outside a request).
    """
    return write(
        actor=actor,
        action=action,
        object_type=subject._meta.label_lower if subject is not None else "",
        object_uuid=getattr(subject, "uuid", None),
        persons=persons,
        outcome=outcome,
        purpose=purpose,
        legal_basis=legal_basis,
        break_glass=break_glass,
        reason=reason,
    )


def write(
    *,
    actor,
    action,
    object_type="",
    object_uuid=None,
    persons=(),
    outcome="allowed",
    purpose="",
    legal_basis="",
    break_glass=False,
    reason="",
):
    """`record()` for callers that know the object's type but not the object."""
    from django.db import transaction
    from django.utils import timezone

    from . import context
    from .models import AuditEntry

    if outcome not in OUTCOMES:
        raise ValueError(f"Unknown audit outcome {outcome!r}")
    if outcome == "break_glass":
        break_glass = True
    elif break_glass and outcome == "allowed":
        outcome = "break_glass"

    origin = context.current()
    entry = AuditEntry(
        at=timezone.now(),
        action=context.clean_text(str(action), 64),
        object_type=context.clean_text(object_type, 64),
        object_uuid=object_uuid,
        person_ids=sorted({int(getattr(p, "pk", p)) for p in persons}),
        purpose=purpose,
        legal_basis=legal_basis,
        break_glass=bool(break_glass),
        reason=context.clean_text(reason, REASON_MAX),
        outcome=outcome,
        span_id=context.new_span_id(),
        **_snapshot(actor),
    )
    if origin is not None:
        entry.origin = origin.kind
        entry.trace_id = origin.trace_id
        entry.client_ip = origin.client_ip
        entry.user_agent = origin.user_agent
        entry.method = origin.method
        entry.path = origin.path
        entry.foreign_traceparent = origin.foreign_traceparent
    else:
        entry.origin = context.default_kind()
        entry.trace_id = context.new_trace_id()
    entry.digest = entry.compute_digest()
    with transaction.atomic(savepoint=False):
        entry.save(force_insert=True)
    return entry


def _snapshot(actor) -> dict:
    """Who acted, as the trail keeps it: the actor's user, organisation, roles and
    function at this moment (the actor carries them; no query)."""
    user = getattr(actor, "user", None)
    if user is None:
        return {
            "actor": None,
            "actor_uuid": None,
            "actor_username": "",
            "organisation_uuid": None,
            "organisation_name": "",
            "roles": [],
            "function": "",
        }
    return {
        "actor": user,
        "actor_uuid": user.uuid,
        "actor_username": user.get_username(),
        "organisation_uuid": actor.organisation_uuid,
        "organisation_name": actor.organisation_name,
        "roles": actor.audit_roles(),
        "function": user.function or "",
    }
