from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "eenplan.people"
    label = "people"

    def ready(self):
        from . import rules  # noqa: F401  (registers this app's access rules)
