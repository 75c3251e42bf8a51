# SPDX-License-Identifier: EUPL-1.2
"""Builds the request's actor once, on first use, after the user is known."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from . import actor


class ActorMiddleware:
    """Sets `request.actor`: built when a view or template first asks for it.

    Placed after the authentication and OTP middleware, so the actor is the
    logged-in user as the second factor left them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(  # type: ignore[attr-defined]
            lambda: actor.for_user(getattr(request, "user", None))
        )
        return self.get_response(request)
