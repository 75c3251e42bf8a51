from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "eenplan.consultations"
    label = "consultations"

    def ready(self):
        from eenplan.plans import selectors as plan_selectors

        from . import (
            rules,  # noqa: F401  (registers this app's access rules)
            selectors,
        )

        plan_selectors.print_section(selectors.outcomes_for_print)
