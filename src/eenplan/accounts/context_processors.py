# SPDX-License-Identifier: EUPL-1.2
"""Template context for the page header: the demo account marker."""

from . import two_factor


def two_factor_context(request):
    return {
        "demo_account_without_2fa": two_factor.without_second_factor_as_demo(request)
    }
