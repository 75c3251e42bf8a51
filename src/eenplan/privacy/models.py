# SPDX-License-Identifier: EUPL-1.2
"""Consent (toestemming), legal bases (grondslagen), age rules and break-the-glass."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class DataCategory(models.Model):
    """Gegevenscategorie: a kind of data that consent or a legal basis covers.

    Data, so a municipality can refine the categories (see privacy/categories.json).
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    special = models.BooleanField(
        _("special category (AVG art. 9)"),
        default=False,
        help_text=_("Health and other special categories of personal data."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("data category")
        verbose_name_plural = _("data categories")

    def __str__(self):
        return self.name


class AgeRule(models.Model):
    """Leeftijdsregel: who decides on consent for a person of a given age."""

    class Decides(models.TextChoices):
        PARENTS = "parents", _("Parents or guardians decide")
        CHILD_AND_PARENTS = "child_and_parents", _("Both the child and the parents")
        CHILD = "child", _("The young person alone")

    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(
        _("up to and including age"), null=True, blank=True
    )
    decides = models.CharField(_("who decides"), max_length=24, choices=Decides.choices)

    class Meta:
        ordering = ["min_age"]
        verbose_name = _("age rule")
        verbose_name_plural = _("age rules")
        constraints = [
            models.UniqueConstraint(fields=["min_age"], name="age_rule_unique_start"),
            models.CheckConstraint(
                condition=models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="age_rule_range",
            ),
        ]

    def __str__(self):
        upto = f"–{self.max_age}" if self.max_age is not None else "+"
        return f"{self.min_age}{upto}: {self.get_decides_display()}"


class ConsentQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(given_on__lte=on).filter(
            models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gt=on)
        )


class Consent(PublicModel):
    """Toestemming: a person's consent to share categories of data with organisations.

    Given by the person or a legal representative (by the age rules); withdrawal
    takes effect at once and is kept, never deleted.
    """

    class GivenHow(models.TextChoices):
        VERBAL = "verbal", _("Verbally, noted by the professional")
        WRITTEN = "written", _("In writing, signed")
        DIGITAL = "digital", _("Digitally, by the resident")

    class GivenBy(models.TextChoices):
        PERSON = "person", _("The person")
        REPRESENTATIVE = "representative", _("A legal representative")
        BOTH = "both", _("The young person and a legal representative")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="consents"
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        related_name="consents",
        verbose_name=_("organisations that may receive data"),
    )
    categories = models.ManyToManyField(
        DataCategory, related_name="+", verbose_name=_("categories of data")
    )
    purpose = models.TextField(_("purpose"))
    given_on = models.DateField(_("given on"), default=timezone.localdate)
    given_how = models.CharField(_("how"), max_length=16, choices=GivenHow.choices)
    given_by = models.CharField(_("given by"), max_length=16, choices=GivenBy.choices)
    representative_name = models.CharField(
        _("name of the legal representative"), max_length=200, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawal_note = models.TextField(_("note on the withdrawal"), blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "withdrawn_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(given_by="person")
                | ~models.Q(representative_name=""),
                name="consent_representative_named",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"{_('Consent')} {self.given_on:%d-%m-%Y}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None or self.withdrawn_on > timezone.localdate()


class LegalBasis(PublicModel):
    """Grondslag: a statutory task that sharing for a case rests on, not consent."""

    class Law(models.TextChoices):
        WMO = "wmo2015", _("Wmo 2015 (social support)")
        JEUGDWET = "jeugdwet", _("Jeugdwet (youth care)")
        PARTICIPATIEWET = "participatiewet", _("Participatiewet (income, work)")
        WGS = "wgs", _("Wet gemeentelijke schuldhulpverlening (debt help)")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="legal_bases"
    )
    law = models.CharField(_("law"), max_length=24, choices=Law.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation that may receive data"),
    )
    categories = models.ManyToManyField(
        DataCategory, related_name="+", verbose_name=_("categories of data")
    )
    explanation = models.TextField(_("which statutory task, and why"))
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return self.get_law_display()


class BreakGlass(PublicModel):
    """Noodtoegang: emergency access to a case without a relation, with a reason.

    Allowed, marked in the audit trail, and on the privacy officer's review list.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glasses"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="break_glasses"
    )
    reason = models.TextField(_("reason"))
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")
        indexes = [models.Index(fields=["user", "case", "expires_at"])]
