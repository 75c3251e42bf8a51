from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "eenplan.assessments"
    label = "assessments"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
