from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "eenplan.cases"
    label = "cases"
