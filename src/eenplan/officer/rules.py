# SPDX-License-Identifier: EUPL-1.2
"""The privacy officer's pages: the audit trail, data exports, reviews, retention."""

from typing import Any

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor, Function
from eenplan.access.decisions import Decision
from eenplan.access.rules import NOTHING, function

for _action in (
    Action.AUDIT_VIEW,
    Action.AUDIT_EXPORT,
    Action.PRIVACY_REVIEW,
    Action.PERSON_EXPORT,
):

    @policy.rule(_action, scope=lambda actor: NOTHING)
    def _privacy_officer(actor: Actor, obj: Any) -> Decision:
        return function(actor, Function.PRIVACY_OFFICER)
