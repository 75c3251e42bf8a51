# SPDX-License-Identifier: EUPL-1.2
"""View helpers: login, second factor and the policy's action in one decorator,
and turning a service's broken rule into a form error."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from eenplan.accounts import two_factor
from eenplan.core.errors import ApplicationError, NotFoundOrForbidden, PermissionDenied

from . import policy
from .actions import Action

View = TypeVar("View", bound=Callable[..., HttpResponse])


def action_view(action: Action) -> Callable[[View], View]:
    """Login required, then the second factor, then the policy's `action`; else 403.

    A user who gave the password but not yet the code of their authenticator
    app (EENPLAN_REQUIRE_2FA) is sent to that second step, and back here after.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if two_factor.pending(request):
                return redirect(two_factor.second_step_url(request.get_full_path()))
            policy.require(request.actor, action)  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


# Case work: any team role. The privacy officer's pages use their own actions.
staff_view = action_view(Action.STAFF_USE)


def call_service(form: Any, service: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Run `service`: a broken rule becomes a form error; access errors propagate.

    `form` and `service` are positional only, so a service may itself take a
    `service` or `form` argument (a grant's service, for one).

    Returns the service's result, or None when the rule was broken (the form
    then carries the Dutch message and is shown again, with nothing lost).
    """
    try:
        return service(**kwargs)
    except (PermissionDenied, NotFoundOrForbidden):
        raise
    except ApplicationError as error:
        form.add_error(getattr(error, "field", None), error.message)
        return None
