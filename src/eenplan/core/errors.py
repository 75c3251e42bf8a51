# SPDX-License-Identifier: EUPL-1.2
"""Application errors: typed, with a Dutch user message and a stable code."""

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain was broken; the message is safe to show to the user."""

    code = "application_error"
    message = _("This action is not possible.")
    status = 400
    # The page shown when the error escapes a view (see audit.middleware).
    template_name = "error.html"
    # The form field the error is about, if any (else it is about the whole form).
    field: str | None = None

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        super().__init__(str(self.message))

    def page_context(self, request: Any) -> dict[str, Any]:
        """What `template_name` needs to explain the error."""
        return {"message": self.message, "code": self.code}


class NotFoundOrForbidden(ApplicationError):
    """One answer for "forbidden" and "does not exist", so nobody can probe."""

    code = "not_found"
    message = _("This item does not exist or you have no access to it.")
    status = 404


class PermissionDenied(ApplicationError):
    """The user is known but their role does not allow this action."""

    code = "permission_denied"
    message = _("Your role does not allow this action.")
    status = 403


class ConcurrentChange(ApplicationError):
    """Someone else changed the same record since this form was opened."""

    code = "concurrent_change"
    message = _(
        "Someone else changed this in the meantime. Reload the page and try again."
    )
    status = 409


class InvalidChoice(ApplicationError):
    """A value that is not one of the allowed choices reached a service."""

    code = "invalid_choice"
    message = _("Choose one of the options offered.")


class CaseClosed(ApplicationError):
    """A change to a closed case (or its plan, ZRM, journal): it can be read, no
    longer changed. A state rule, for every app that writes on a case."""

    code = "case_closed"
    message = _("This case is closed: it can be read, no longer changed.")
    status = 409


class DateOutOfRange(ApplicationError):
    """A date outside what makes sense for its field (see core.dates)."""

    code = "date_out_of_range"
    status = 400

    def __init__(self, field: str, allowed: Any) -> None:
        super().__init__(allowed.message())
        self.field = field
