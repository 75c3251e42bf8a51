# SPDX-License-Identifier: EUPL-1.2
"""The case journal (rapportages) and referrals (verwijzingen) to organisations."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class JournalEntry(PublicModel):
    """Rapportage: a report written once for everyone who needs to know.

    A confidential entry stays inside the author's organisation (professional
    secrecy of GGZ and youth care), whoever else works on the case.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="journal"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        help_text="The author's organisation when writing.",
    )
    written_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("report"))
    confidential = models.BooleanField(
        _("confidential: only for my organisation"), default=False
    )

    class Meta:
        ordering = ["-written_on", "-created_at"]
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")

    def __str__(self):
        return f"{_('Report')} {self.written_on:%d-%m-%Y}"


class Referral(PublicModel):
    """Verwijzing: a structured request to another organisation about a case.

    Until it is accepted the receiver sees only the referral itself; accepting
    involves the receiving professional in the case.
    """

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="referrals"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to organisation"),
    )
    question = models.TextField(_("question to the organisation"))
    reason = models.TextField(_("reason for the referral"), blank=True)
    tried = models.TextField(_("what has been tried already"), blank=True)
    recommendation = models.TextField(_("advice of the sender"), blank=True)
    # What lets the household's request and plan flow to the receiver, checked
    # when sending: a legal basis (recorded here) or else everyone's consent.
    legal_basis = models.ForeignKey(
        "privacy.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis"),
    )
    answer_by = models.DateField(_("answer by"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    advice = models.TextField(_("advice"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            # Nobody is sent back empty-handed: a decline carries a reason and advice.
            models.CheckConstraint(
                condition=~models.Q(status="declined")
                | (~models.Q(decline_reason="") & ~models.Q(advice="")),
                name="referral_decline_has_reason_and_advice",
            )
        ]

    def __str__(self):
        return f"{_('Referral')} → {self.to_organisation}"

    @property
    def is_open(self) -> bool:
        """Sent and not yet answered."""
        return self.status == self.Status.SENT

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED
