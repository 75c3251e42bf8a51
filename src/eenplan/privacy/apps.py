from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "eenplan.privacy"
    label = "privacy"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
