# SPDX-License-Identifier: EUPL-1.2
"""The demo app: at the top of the stack, it builds Gemeente Voorbeeld through
the other apps' services, so no other app needs to import it."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "eenplan.demo"
    label = "demo"
