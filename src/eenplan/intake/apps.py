from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "eenplan.intake"
    label = "intake"
