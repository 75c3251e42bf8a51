# SPDX-License-Identifier: EUPL-1.2
"""Errors of the cases app."""

from django.utils.translation import gettext_lazy as _

from eenplan.access import policy
from eenplan.access.actions import Action
from eenplan.access.decisions import Decision
from eenplan.access.errors import Refused
from eenplan.core.errors import ApplicationError, CaseClosed
from eenplan.privacy.forms import BreakGlassForm


class CaseAccessRefused(Refused):
    """The household is known to the actor, but the case is not open to them.

    The page says why (no relation, or nothing shared with their organisation)
    and offers team members without a relation to break the glass.
    """

    template_name = "cases/no_access.html"

    def __init__(self, case, decision: Decision):
        super().__init__(decision, Action.CASE_VIEW, case)
        self.case = case

    def page_context(self, request) -> dict:
        return {
            "case": self.case,
            "message": self.message,
            "form": BreakGlassForm(),
            "can_break_glass": bool(
                policy.can(request.actor, Action.CASE_BREAK_GLASS, self.case)
            ),
            "nav": "work",
        }


class CaseAlreadyOpen(ApplicationError):
    code = "case_already_open"
    message = _("This household already has an open case. One household, one case.")


class RequestNotAwaitingDirector(ApplicationError):
    code = "request_not_awaiting_director"
    message = _("This request is not waiting for a director.")


class NotADirector(ApplicationError):
    code = "not_a_director"
    message = _("This person cannot be director in this team.")


class ThirdProfessionalNeedsReason(ApplicationError):
    code = "third_professional_needs_reason"
    message = _(
        "Two professionals already work with this household. Say why a third is needed."
    )


class AlreadyInvolved(ApplicationError):
    code = "already_involved"
    message = _("This professional already works on this case.")


class ClosureReasonRequired(ApplicationError):
    code = "closure_reason_required"
    message = _("Choose the reason for closing the case.")


class ClosureNoteRequired(ApplicationError):
    code = "closure_note_required"
    field = "note"
    message = _("Closing for another reason: say in the note what the reason is.")


class FinalAssessmentRequired(ApplicationError):
    code = "final_assessment_required"
    message = _("Record a final ZRM for every adult in the household before closing.")


class HandoverNeedsNote(ApplicationError):
    code = "handover_needs_note"
    field = "note"
    message = _(
        "Write a hand-over note: what is handed over, what is going on and what "
        "comes next."
    )


class HouseholdNotTold(ApplicationError):
    code = "household_not_told"
    field = "household_told"
    message = _("Say how the household is told who their new contact is.")


class SameProfessional(ApplicationError):
    code = "same_professional"
    message = _("Choose someone else: this professional has it already.")


class EveryCaseNeedsADirector(ApplicationError):
    code = "every_case_needs_a_director"
    message = _(
        "Every case the professional directs needs a new director before the "
        "absence is registered: no household is left without one."
    )


class FollowUpMonthsOutOfRange(ApplicationError):
    code = "follow_up_months_out_of_range"
    field = "follow_up"
    message = _("A follow-up check is between 1 and 24 months after closing, or none.")


class FollowUpAlreadyRecorded(ApplicationError):
    code = "follow_up_already_recorded"
    message = _("The outcome of this follow-up check has already been recorded.")
    status = 409


class FollowUpNotDue(ApplicationError):
    code = "follow_up_not_due"
    message = _(
        "This follow-up check is not due yet. If the household asks for help "
        "before then, register a new request."
    )


class FollowUpCaseReopened(ApplicationError):
    code = "follow_up_case_reopened"
    message = _(
        "The household has an open case again: its director follows it up, "
        "not this check."
    )
    status = 409


class FollowUpQuestionRequired(ApplicationError):
    code = "follow_up_question_required"
    field = "question"
    message = _("Write down the household's new question for help.")


__all__ = ["CaseClosed"]


class FutureWeek(ApplicationError):
    code = "time_future_week"
    field = "week"
    message = _("Hours are written for this week or an earlier one, not ahead.")
