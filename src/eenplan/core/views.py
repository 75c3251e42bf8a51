# SPDX-License-Identifier: EUPL-1.2
"""View helpers: staff-only access and turning service errors into form errors."""

from functools import wraps

from django.contrib.auth.decorators import login_required

from eenplan.core.errors import ApplicationError, NotFoundOrForbidden, PermissionDenied
from eenplan.privacy import policy


def staff_view(view):
    """Login required, and a staff role in some team; otherwise 403 (never 500)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        policy.require(request.user, "staff.use")
        return view(request, *args, **kwargs)

    return wrapper


def call_service(form, service, **kwargs):
    """Run `service`: a broken rule becomes a form error; access errors propagate.

    Returns the service's result, or None when the rule was broken (the form
    then carries the Dutch message and is shown again, with nothing lost).
    """
    try:
        return service(**kwargs)
    except (PermissionDenied, NotFoundOrForbidden):
        raise
    except ApplicationError as error:
        form.add_error(None, error.message)
        return None
