# SPDX-License-Identifier: EUPL-1.2
"""The rules of granting a broken: typed, with the Dutch message."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class NotAMember(ApplicationError):
    code = "grant_not_a_member"
    field = "person"
    message = _("Choose a current member of the household.")


class ServiceEnded(ApplicationError):
    code = "service_ended"
    field = "service"
    message = _("This service is no longer offered. Choose another one.")


class NoTariff(ApplicationError):
    code = "service_no_tariff"
    field = "service"
    message = _(
        "This service has no tariff yet on this date. Ask the functional admin "
        "to enter it."
    )


class EndsBeforeStart(ApplicationError):
    code = "grant_ends_before_start"
    field = "ends_on"
    message = _("The end date lies before the start date.")


class UnitsNotPositive(ApplicationError):
    code = "grant_units"
    field = "units"
    message = _("Give a number of units above zero.")


class AlreadyPending(ApplicationError):
    code = "grant_pending"
    status = 409
    message = _(
        "A version of this grant still waits for approval. Wait for the decision first."
    )


class AlreadyDecided(ApplicationError):
    code = "grant_decided"
    status = 409
    message = _("This grant has been decided already.")


class NothingInForce(ApplicationError):
    code = "grant_nothing_in_force"
    status = 409
    message = _("This grant was never granted, so it cannot be changed or ended.")


class EndOutsideGrant(ApplicationError):
    code = "grant_end_outside"
    field = "ends_on"
    message = _(
        "The end date must lie within the grant: not before its start, not after "
        "its current end."
    )


class RefusalNeedsReason(ApplicationError):
    code = "grant_refusal_reason"
    field = "reason"
    message = _("Say why the grant is refused: the household reads it in the letter.")


class MandateExceeded(ApplicationError):
    code = "grant_mandate_exceeded"
    status = 403
    message = _(
        "With the tariff in force today the grant costs more than your mandate "
        "allows. Someone with a higher mandate decides on it."
    )
