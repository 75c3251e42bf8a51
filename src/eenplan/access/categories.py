# SPDX-License-Identifier: EUPL-1.2
"""Data categories: every piece of personal data shown belongs to one.

Consent and legal bases open categories per organisation. The codes are those
of the `privacy.DataCategory` rows (privacy/categories.json), which hold the
Dutch names and descriptions residents see; a system check keeps both in step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    BASIC = "basis", _("basic data")
    CASE_FILE = "hulpvraag-plan", _("request and plan")
    ZRM = "zrm", _("ZRM")
    JOURNAL = "rapportage", _("reports")
    HEALTH = "gezondheid", _("health")
