# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "eenplan.inbox"
    label = "inbox"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
