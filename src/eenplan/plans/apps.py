from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "eenplan.plans"
    label = "plans"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
