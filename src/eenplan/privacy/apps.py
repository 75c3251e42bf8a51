from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "eenplan.privacy"
    label = "privacy"
