from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "eenplan.cases"
    label = "cases"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
