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


class AssignOnlyAgreed(ApplicationError):
    code = "assign_only_agreed"
    message = _(
        "An action is assigned to a partner on the plan in force: agreed with the "
        "household and not reviewed yet. After a review, assign it once the next "
        "version is agreed."
    )


class AlreadyAssigned(ApplicationError):
    code = "already_assigned"
    message = _("This action has been assigned already.")
    status = 409


class NoIntakeForAction(ApplicationError):
    code = "no_intake_for_action"
    message = _(
        "This organisation has no intake for the household's team: name the "
        "professional who does the action."
    )


class NoSharingForAction(ApplicationError):
    code = "no_sharing_for_action"
    message = _(
        "The household has not consented to sharing its request and plan with this "
        "organisation, and no legal basis is recorded: the action cannot be "
        "assigned to it."
    )


class AssignmentAlreadyAnswered(ApplicationError):
    code = "assignment_already_answered"
    message = _("This action has already been answered.")
    status = 409


class DeclineNeedsReason(ApplicationError):
    code = "assignment_decline_needs_reason"
    field = "reason"
    message = _("Say why you decline, so the director can find someone else.")


class AssignmentNotAccepted(ApplicationError):
    code = "assignment_not_accepted"
    message = _("Progress is reported on an accepted action that is not done yet.")


class EmptyProgress(ApplicationError):
    code = "empty_progress"
    field = "text"
    message = _("Write what happened before saving it.")


class AssignmentNotOpen(ApplicationError):
    code = "assignment_not_open"
    message = _("This action is done or declined: there is nothing to hand over.")


class OfferOrService(ApplicationError):
    code = "action_offer_or_service"
    field = "service"
    message = _("Choose an offer or a service for the action, not both.")
