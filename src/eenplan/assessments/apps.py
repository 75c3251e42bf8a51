from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "eenplan.assessments"
    label = "assessments"
