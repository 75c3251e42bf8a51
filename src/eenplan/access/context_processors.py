# SPDX-License-Identifier: EUPL-1.2
"""Templates ask the policy what to offer ("may this user see the audit trail"),
never the user's function or roles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import policy
from .actions import Action
from .actor import ANONYMOUS, Actor


class May:
    """`{% if may.audit_view %}`: whether the actor may do Action.AUDIT_VIEW at all.

    Asked lazily and once per action per page.
    """

    def __init__(self, actor: Actor):
        self._actor = actor
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._answers:
            try:
                action = Action[name.upper()]
            except KeyError:
                raise KeyError(name) from None
            self._answers[name] = bool(policy.can(self._actor, action))
        return self._answers[name]


def access(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", ANONYMOUS)
    return {"actor": actor, "may": May(actor)}
