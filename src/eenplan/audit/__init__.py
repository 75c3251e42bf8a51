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

    `persons` are Person instances or ids; only internal ids are stored.
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

    user = actor if getattr(actor, "is_authenticated", False) else None
    origin = context.current()
    who = _actor_snapshot(user, origin)
    entry = AuditEntry(
        at=timezone.now(),
        actor=user,
        action=context.clean_text(action, 64),
        object_type=context.clean_text(object_type, 64),
        object_uuid=object_uuid,
        person_ids=sorted({int(getattr(p, "pk", p)) for p in persons}),
        purpose=purpose,
        legal_basis=legal_basis,
        break_glass=bool(break_glass),
        reason=context.clean_text(reason, REASON_MAX),
        outcome=outcome,
        span_id=context.new_span_id(),
        **who,
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


def _actor_snapshot(user, origin) -> dict:
    """The user's organisation, roles and function now (one query, once a request)."""
    empty = {
        "actor_uuid": None,
        "actor_username": "",
        "organisation_uuid": None,
        "organisation_name": "",
        "roles": [],
        "function": "",
    }
    if user is None:
        return empty
    if origin is not None and user.pk in origin.actors:
        return origin.actors[user.pk]
    from django.contrib.auth import get_user_model

    rows = list(
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list(
            "uuid",
            "username",
            "function",
            "organisation__uuid",
            "organisation__name",
            "memberships__role",
            "memberships__team__uuid",
        )
    )
    if not rows:
        return empty
    user_uuid, username, function, org_uuid, org_name = rows[0][:5]
    snapshot = {
        "actor_uuid": user_uuid,
        "actor_username": username,
        "organisation_uuid": org_uuid,
        "organisation_name": org_name or "",
        "roles": sorted({f"{role}@{team}" for *_, role, team in rows if role}),
        "function": function or "",
    }
    if origin is not None:
        origin.actors[user.pk] = snapshot
    return snapshot
