from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "eenplan.consultations"
    label = "consultations"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
