# SPDX-License-Identifier: EUPL-1.2
"""Data categories: every piece of personal data shown belongs to one.

Consent and legal bases open categories per organisation. The codes are those
of the `privacy.DataCategory` rows (privacy/categories.json), which hold the
Dutch names and descriptions residents see; a system check keeps both in step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    # The labels are the categories' names as residents read them on the
    # consent form (in Dutch: exactly the DataCategory names; a test checks).
    BASIC = "basis", _("Basic data")
    CASE_FILE = "hulpvraag-plan", _("Request and plan")
    ZRM = "zrm", _("Self-Reliance Matrix")
    SERVICES = "voorzieningen", _("Services")
    JOURNAL = "rapportage", _("Reports")
    HEALTH = "gezondheid", _("Health")
