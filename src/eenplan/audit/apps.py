from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "eenplan.audit"
    label = "audit"

    def ready(self):
        from . import logins

        logins.connect()
