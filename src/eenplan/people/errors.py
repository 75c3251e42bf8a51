# SPDX-License-Identifier: EUPL-1.2
"""Errors of the people app."""

from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError


class DuplicateBsn(ApplicationError):
    code = "duplicate_bsn"
    message = _(
        "A person with this BSN is already registered. Search for them instead."
    )
