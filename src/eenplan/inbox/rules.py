# SPDX-License-Identifier: EUPL-1.2
"""Who reads an inbox: its owner, nobody else."""

from typing import Any

from django.db.models import Q

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.decisions import Decision, Reason, allow, refuse
from eenplan.access.rules import NOTHING


def _own(actor: Actor) -> Q:
    return Q(recipient_id=actor.user_id) if actor.user_id is not None else NOTHING


@policy.rule(Action.INBOX_VIEW, scope=_own)
def read_own_inbox(actor: Actor, notification: Any) -> Decision:
    if actor.user_id is None:
        return refuse(Reason.NOT_YOURS)
    # The inbox itself (no notification given): every staff member has one.
    if notification is None or notification.recipient_id == actor.user_id:
        return allow(Reason.OWN)
    return refuse(Reason.NOT_YOURS)
