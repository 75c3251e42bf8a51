# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "eenplan.access"
    label = "access"
    verbose_name = "Access policy"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
