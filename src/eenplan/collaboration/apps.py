from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "eenplan.collaboration"
    label = "collaboration"
