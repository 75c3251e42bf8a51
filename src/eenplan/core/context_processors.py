# SPDX-License-Identifier: EUPL-1.2
"""Template context every page needs: the municipality's name, the demo marker."""

from django.conf import settings


def site(request):
    return {
        "municipality": settings.EENPLAN_MUNICIPALITY,
        "demo_mode": settings.EENPLAN_DEMO,
    }
