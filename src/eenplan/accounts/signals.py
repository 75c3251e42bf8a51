# SPDX-License-Identifier: EUPL-1.2
"""Login events other apps may record (the audit trail does)."""

from django.dispatch import Signal

# Sent with `user` and `request` when a user confirmed their authenticator app.
two_factor_set_up = Signal()
