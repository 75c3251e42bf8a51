# SPDX-License-Identifier: EUPL-1.2
"""Errors of the intake app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class NoScreening(ApplicationError):
    code = "no_screening"
    message = _("Run the screening before making the triage decision.")


class AlreadyTriaged(ApplicationError):
    code = "already_triaged"
    message = _("This request has already been triaged.")


class OverrideNeedsReason(ApplicationError):
    code = "override_needs_reason"
    message = _(
        "Give a reason when you choose a different outcome from the one suggested."
    )


class TargetRequired(ApplicationError):
    code = "target_required"
    message = _("Choose the team or partner organisation that takes this request.")


class ReferrerRequired(ApplicationError):
    code = "referrer_required"
    message = _("Say who referred the household.")


class ScreeningLevelOutOfRange(ApplicationError):
    code = "screening_level_out_of_range"
    message = _("A screening level is a whole number from 1 to 5.")


class PersonsNotInHousehold(ApplicationError):
    code = "persons_not_in_household"
    message = _("The people involved must be members of the household.")


class SolvedAtDoorNeedsWhat(ApplicationError):
    code = "solved_at_door_needs_what"
    field = "solved_note"
    message = _(
        "Solved at the door: say what the resident was given (information, an "
        "offer of the social map) and note it."
    )


class NotAwaitingReceiver(ApplicationError):
    code = "not_awaiting_receiver"
    status = 409
    message = _("This request has been picked up or sent back already.")


class ReturnNeedsReasonAndAdvice(ApplicationError):
    code = "return_needs_reason_and_advice"
    field = "reason"
    message = _(
        "Nobody is sent back empty-handed: give the reason and advice on where the "
        "resident can go instead."
    )


class NoIntakePoint(ApplicationError):
    code = "no_intake_point"
    message = _(
        "This organisation has no intake for this team yet: nobody there would "
        "receive the request. Choose another organisation or a team."
    )


class RoutingNeedsBasis(ApplicationError):
    code = "routing_needs_basis"
    field = "basis_law"
    message = _(
        "The people involved have not consented to sharing their request with "
        "this organisation. Record the legal basis the routing rests on, or ask "
        "for consent first."
    )


class SolvedOfferNotNamed(ApplicationError):
    code = "triage_offer_not_named"
    field = "solved_offer"
    message = _("Choose the offer of the social map the resident was given.")
