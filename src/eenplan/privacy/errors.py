# SPDX-License-Identifier: EUPL-1.2
"""Errors of the privacy app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class WrongConsentGiver(ApplicationError):
    code = "wrong_consent_giver"
    message = _(
        "At this age someone else decides on consent: see the age rule on the form."
    )


class RepresentativeRequired(ApplicationError):
    code = "representative_required"
    message = _("Give the name of the legal representative who gave consent.")


class ConsentIncomplete(ApplicationError):
    code = "consent_incomplete"
    message = _("Choose at least one organisation and one category of data.")


class AlreadyWithdrawn(ApplicationError):
    code = "already_withdrawn"
    message = _("This consent has already been withdrawn.")


class ReasonRequired(ApplicationError):
    code = "reason_required"
    message = _("Give the reason for the emergency access.")


class ExplanationRequired(ApplicationError):
    code = "explanation_required"
    message = _("Explain which statutory task the sharing rests on.")


class RunNotPending(ApplicationError):
    code = "retention_run_not_pending"
    message = _("This retention run has already been approved.")
    status = 409


class RunNotApproved(ApplicationError):
    code = "retention_run_not_approved"
    message = _("Only an approved retention run that has not run yet can be executed.")
    status = 409


class TriggerNotAllowed(ApplicationError):
    code = "retention_trigger_not_allowed"
    message = _("This date cannot start the retention period of this type of record.")


class PeriodOutOfRange(ApplicationError):
    code = "retention_period_out_of_range"
    message = _("Give a retention period between 0 and 100 years.")


class AgeNotCovered(ApplicationError):
    code = "age_not_covered"
    message = _(
        "No age rule covers this person's age: check the date of birth before "
        "recording consent."
    )


class ReviewNoteRequired(ApplicationError):
    code = "review_note_required"
    field = "note"
    message = _("Write down what you checked before marking the access as reviewed.")


class AlreadyReviewed(ApplicationError):
    code = "already_reviewed"
    status = 409
    message = _("This emergency access has been reviewed already.")


class WithdrawalAskedByRequired(ApplicationError):
    code = "withdrawal_asked_by_required"
    field = "asked_by"
    message = _("Say who asked to withdraw the consent.")


class ExportRequesterNameRequired(ApplicationError):
    code = "export_requester_name_required"
    field = "requester_name"
    message = _("Give the name of who asked, when it is not the person themselves.")


class ExportNoteRequired(ApplicationError):
    code = "export_note_required"
    field = "note"
    message = _(
        "Describe in the note how the identity was checked or which ground applies."
    )


class ExportAlreadyHandedOver(ApplicationError):
    code = "export_already_handed_over"
    message = _("This request has already been handed over.")
    status = 409
