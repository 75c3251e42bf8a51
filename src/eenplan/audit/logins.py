# SPDX-License-Identifier: EUPL-1.2
"""Logins, failed logins, lockouts and the second factor in the audit trail.

Connected in AuditConfig.ready(). A failure is recorded for the account the
username names, if there is one; an unknown username is recorded without it
(what someone typed is not kept: it may be a colleague's password).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed

from eenplan.access import actor as actors
from eenplan.access.actions import Action

from . import record

THROTTLING = "eenplan.accounts.throttling"


def _account(username):
    if not username:
        return None
    model = get_user_model()
    field = model.USERNAME_FIELD
    return model.objects.filter(**{field: str(username)[:150]}).first()


def _write(action, user, outcome="allowed"):
    record(
        actor=actors.for_user(user) if user is not None else None,
        action=action,
        outcome=outcome,
    )


def logged_in(sender, request, user, **kwargs):
    _write(Action.LOGIN, user)


def login_failed(sender, credentials, request=None, **kwargs):
    user = _account((credentials or {}).get("username"))
    action = (
        Action.LOGIN_TWO_FACTOR_FAILED if sender == THROTTLING else Action.LOGIN_FAILED
    )
    _write(action, user, outcome="refused")


def locked_out(sender, request, username, ip_address, **kwargs):
    _write(Action.LOGIN_LOCKED_OUT, _account(username), outcome="refused")


def two_factor_set_up(sender, user, request, **kwargs):
    _write(Action.LOGIN_TWO_FACTOR_SET_UP, user)


def connect():
    from axes.signals import user_locked_out

    from eenplan.accounts import signals

    user_logged_in.connect(logged_in, dispatch_uid="audit.logged_in")
    user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="audit.locked_out")
    signals.two_factor_set_up.connect(two_factor_set_up, dispatch_uid="audit.2fa")
