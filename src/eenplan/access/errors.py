# SPDX-License-Identifier: EUPL-1.2
"""The policy's refusals, as application errors with the reason for the user."""

from __future__ import annotations

from typing import Any

from eenplan.core.errors import NotFoundOrForbidden, PermissionDenied

from .actions import Action
from .decisions import Decision


class Refused(PermissionDenied):
    """The actor may know the object, but this action on it is refused (403).

    Carries the decision (its message names the real reason), the action and
    the subject, for the one place that audits refusals: the error middleware.
    """

    code = "refused"

    def __init__(self, decision: Decision, action: Action, subject: Any = None):
        super().__init__(decision.message, code=f"denied:{action.value}")
        self.decision = decision
        self.action = action
        self.subject = subject
        self.reason = decision.reason.value


class Hidden(NotFoundOrForbidden):
    """Absent or not for this actor: one answer for both (404), so nobody probes."""

    def __init__(self, action: Action | None = None, subject_type: str = ""):
        super().__init__()
        self.action = action.value if action is not None else ""
        self.subject_type = subject_type
        self.reason = "not visible"
