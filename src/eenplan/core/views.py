# SPDX-License-Identifier: EUPL-1.2
"""View helpers: staff-only access and turning service errors into form errors."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from eenplan.accounts import two_factor
from eenplan.core.errors import ApplicationError, NotFoundOrForbidden, PermissionDenied
from eenplan.privacy import policy


def action_view(action: str):
    """Login required, then the second factor, then the policy's `action`; else 403.

    A user who gave the password but not yet the code of their authenticator
    app (EENPLAN_REQUIRE_2FA) is sent to that second step, and back here after.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if two_factor.pending(request):
                return redirect(two_factor.second_step_url(request.get_full_path()))
            policy.require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Case work: any team role. The privacy officer's pages use their own actions.
staff_view = action_view("staff.use")


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
