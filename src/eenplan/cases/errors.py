# SPDX-License-Identifier: EUPL-1.2
"""Errors of the cases app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError, PermissionDenied


class CaseAccessRefused(PermissionDenied):
    """The household is known to the user, but they have no relation to its case."""

    code = "case_access_refused"
    message = _(
        "You have no relation to this case. In an emergency you may break the "
        "glass: give the reason, and the privacy officer will review it."
    )

    def __init__(self, case):
        super().__init__()
        self.case = case
        self.subject = case
        self.action = "case.view"


class CaseAlreadyOpen(ApplicationError):
    code = "case_already_open"
    message = _("This household already has an open case. One household, one case.")


class RequestNotAwaitingDirector(ApplicationError):
    code = "request_not_awaiting_director"
    message = _("This request is not waiting for a director.")


class NotADirector(ApplicationError):
    code = "not_a_director"
    message = _("This person cannot be director in this team.")


class CaseClosed(ApplicationError):
    code = "case_closed"
    message = _("This case is closed.")


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


class ClosedBeforeOpened(ApplicationError):
    code = "closed_before_opened"
    message = _("A case cannot be closed before the day it was opened.")


class FinalAssessmentRequired(ApplicationError):
    code = "final_assessment_required"
    message = _("Record a final ZRM for every adult in the household before closing.")
