# SPDX-License-Identifier: EUPL-1.2
"""The health probe a load balancer or orchestrator asks before sending work."""

from django.db import DatabaseError
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health(request):
    """200 when the database answers and holds a migrated schema, else 503.

    One row read by primary key through the whole middleware: also the floor
    that `make bench` measures every page against (docs/performance.md).
    Anonymous and free of personal data.
    """
    try:
        migrated = MigrationRecorder.Migration.objects.filter(pk=1).exists()
    except DatabaseError:
        migrated = False
    if not migrated:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
