# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class OfficerConfig(AppConfig):
    name = "eenplan.officer"
    label = "officer"
    verbose_name = "Privacy officer"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
