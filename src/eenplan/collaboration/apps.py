from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "eenplan.collaboration"
    label = "collaboration"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
