# SPDX-License-Identifier: EUPL-1.2
"""Errors of the collaboration app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class EmptyReport(ApplicationError):
    code = "empty_report"
    message = _("Write the report before saving it.")


class DeclineNeedsReasonAndAdvice(ApplicationError):
    code = "decline_needs_reason_and_advice"
    message = _(
        "Nobody is sent back empty-handed: give the reason for declining and advice "
        "on where the household can go instead."
    )


class NoSharingBasis(ApplicationError):
    code = "no_sharing_basis"
    message = _(
        "Not everyone in the household consented to sharing their request and "
        "plan with this organisation, and no legal basis is recorded: the "
        "referral cannot be sent."
    )


class ReferralAlreadyAnswered(ApplicationError):
    code = "referral_already_answered"
    message = _("This referral has already been answered.")
    status = 409


class ReferralAlreadyOpen(ApplicationError):
    code = "referral_already_open"
    field = "to_organisation"
    message = _(
        "This organisation already has an open referral for this household: "
        "wait for its answer, or add what is new to the case journal."
    )
    status = 409


class NoIntakeForReferral(ApplicationError):
    code = "no_intake_for_referral"
    message = _(
        "This organisation has no intake for the household's team yet: nobody "
        "there would receive the referral. Choose another organisation."
    )


class ReferralIncomplete(ApplicationError):
    code = "referral_incomplete"
    message = _("Say what you ask of the organisation and why you refer the household.")


class CorrectionNeedsReason(ApplicationError):
    code = "correction_needs_reason"
    field = "reason"
    message = _("Say why the report is corrected.")


class CorrectionUnchanged(ApplicationError):
    code = "correction_unchanged"
    field = "text"
    message = _("The corrected text is the same as the report: change it first.")


class AlreadyCorrected(ApplicationError):
    code = "already_corrected"
    message = _(
        "This version of the report has been corrected already: correct the "
        "latest version."
    )
    status = 409
