# SPDX-License-Identifier: EUPL-1.2
"""Test helper: the actor for a user, as a request would build it."""

from eenplan.access import actor


def act(user) -> actor.Actor:
    """A fresh actor for `user` (built anew each call, like each request)."""
    return actor.for_user(user)
