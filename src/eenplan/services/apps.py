from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "eenplan.services"
    label = "services"
    verbose_name = _("Services and the social map")

    def ready(self):
        from . import rules  # noqa: F401  (registers the policy's rules)
