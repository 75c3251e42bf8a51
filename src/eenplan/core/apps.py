from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eenplan.core"
    label = "core"
