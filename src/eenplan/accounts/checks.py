# SPDX-License-Identifier: EUPL-1.2
"""`manage.py check --deploy`: a deployment must not run without the second factor."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_two_factor(app_configs, **kwargs):
    warnings = []
    if not settings.EENPLAN_REQUIRE_2FA:
        warnings.append(
            Warning(
                "EENPLAN_REQUIRE_2FA is off: staff log in with a password only.",
                hint="Use eenplan.conf.settings.production, which forces it on.",
                id="eenplan.W001",
            )
        )
    if settings.EENPLAN_DEMO or settings.EENPLAN_DEMO_ACCOUNTS_SKIP_2FA:
        warnings.append(
            Warning(
                "Demo mode is on: demo accounts and data are not for real residents.",
                hint="Set EENPLAN_DEMO=0; the production settings do.",
                id="eenplan.W002",
            )
        )
    return warnings
