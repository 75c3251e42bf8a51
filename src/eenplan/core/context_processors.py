# SPDX-License-Identifier: EUPL-1.2
"""Template context every page needs: municipality name, demo marker, navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from eenplan.privacy import policy


def site(request):
    user = getattr(request, "user", None)
    return {
        "municipality": settings.EENPLAN_MUNICIPALITY,
        "demo_mode": settings.EENPLAN_DEMO,
        # Lazy: pages without a navigation bar ask no query for it.
        "case_worker": SimpleLazyObject(
            lambda: policy.has_role(user, *policy.CASE_ROLES)
        ),
    }
