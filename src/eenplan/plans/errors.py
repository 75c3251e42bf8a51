# SPDX-License-Identifier: EUPL-1.2
"""Errors of the plans app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class ReviewTooLate(ApplicationError):
    code = "review_too_late"
    message = _(
        "Plan the next review on or after the agreement date, at most six weeks later."
    )


class PlanWithoutGoals(ApplicationError):
    code = "plan_without_goals"
    message = _("A plan needs at least one goal before it can be agreed.")


class PlanExists(ApplicationError):
    code = "plan_exists"
    message = _(
        "This case already has a plan; write the next version through a review."
    )


class AgreementIncomplete(ApplicationError):
    code = "agreement_incomplete"
    message = _("Say when, how and with whom of the household the plan was agreed.")


class NotReviewable(ApplicationError):
    code = "not_reviewable"
    message = _(
        "This version has been reviewed already, or is not agreed: the next "
        "version is written now. Open the case for the current version."
    )
    status = 409


class TargetLevelOutOfRange(ApplicationError):
    code = "target_level_out_of_range"
    message = _("A target level is a whole number from 1 to 5.")


class ProgressIncomplete(ApplicationError):
    code = "progress_incomplete"
    message = _("Record the progress of every goal of the plan.")
