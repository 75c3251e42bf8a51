from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "eenplan.organisations"
    label = "organisations"
