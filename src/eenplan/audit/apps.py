from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "eenplan.audit"
    label = "audit"
