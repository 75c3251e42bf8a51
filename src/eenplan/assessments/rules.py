# SPDX-License-Identifier: EUPL-1.2
"""Who sees and records a person's ZRM: by relation to the case, per person."""

from typing import Any

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.actor import Actor
from eenplan.access.categories import Category
from eenplan.access.decisions import Decision, Reason, refuse
from eenplan.access.rules import case_content, directing


@policy.rule(Action.ASSESSMENT_VIEW)
def zrm_of_a_case(actor: Actor, assessment: Any) -> Decision:
    if assessment.case_id is None:
        return refuse(Reason.NO_RELATION)
    return case_content(actor, assessment.case, Category.ZRM, [assessment.person_id])


@policy.rule(Action.ASSESSMENT_CREATE)
def record_zrm(actor: Actor, case: Any) -> Decision:
    return directing(actor, case)
