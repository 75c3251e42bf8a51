# SPDX-License-Identifier: EUPL-1.2
"""Staff accounts (medewerkers)."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Medewerker: a staff member, employed by one organisation, member of teams.

    Case work comes from team memberships (front desk, professional, team
    leader). A few functions stand apart and grant no access to case content:
    management (aggregates only), the privacy officer (audit trail, consent
    rules, data-subject requests, retention) and the functional admin
    (configuration).
    """

    class Function(models.TextChoices):
        NONE = "", _("None")
        MANAGEMENT = "management", _("Management and policy")
        PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")
        FUNCTIONAL_ADMIN = "functional_admin", _("Functional admin")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    function = models.CharField(
        _("function"), max_length=32, choices=Function.choices, blank=True, default=""
    )
    # Set by `seed_demo` only. With the dev settings in demo mode such an account
    # may skip the second login step (see accounts.two_factor); the production
    # settings ignore it.
    is_demo_account = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_(
            "A published demo login made by seed_demo. Only in a demo environment "
            "may it log in without a second factor."
        ),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username
