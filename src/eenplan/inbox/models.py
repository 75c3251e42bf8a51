# SPDX-License-Identifier: EUPL-1.2
"""The staff inbox (berichten): what waits for someone, told once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class Notification(PublicModel):
    """Bericht: a line in a staff member's inbox about something that waits for them.

    It carries no personal data: the kind of thing that waits, the date it is
    about and a link to the page, which asks the access policy and audits the
    read like any other. So the inbox and its e-mails can be shown and sent
    without an audit entry, and an e-mail never carries a name or an address.
    """

    class Kind(models.TextChoices):
        REVIEW_DUE = "review_due", _("A review of a plan you direct is due soon")
        REVIEW_OVERDUE = "review_overdue", _("A review in your team is overdue")
        REFERRAL_RECEIVED = "referral_received", _("A referral has arrived")
        REFERRAL_ACCEPTED = "referral_accepted", _("Your referral was accepted")
        REFERRAL_DECLINED = "referral_declined", _("Your referral was declined")
        ACTION_ASSIGNED = "action_assigned", _("An action has been assigned to you")
        ACTION_ANSWERED = "action_answered", _("A partner answered an action")
        ACTION_RESULT = "action_result", _("A partner reported on an action")
        HANDOVER = "handover", _("Work has been handed over to you")
        CONSULTATION = "consultation", _("A consultation concerns you")
        ESCALATION = "escalation", _("A case has been escalated")
        GRANT_TO_APPROVE = "grant_to_approve", _("A grant waits for your approval")
        GRANT_DECIDED = "grant_decided", _("A grant you requested was decided")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # What event it announces: one notification per recipient and key, however
    # often the same reminder is computed.
    key = models.CharField(max_length=200)
    about_date = models.DateField(_("date"), null=True, blank=True)
    url = models.CharField(max_length=500, help_text="A path inside the application.")
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="notification_once_per_key"
            ),
            models.CheckConstraint(
                condition=models.Q(url__startswith="/"),
                name="notification_url_is_a_path",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return str(self.get_kind_display())

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
