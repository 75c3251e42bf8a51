from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "eenplan.intake"
    label = "intake"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
