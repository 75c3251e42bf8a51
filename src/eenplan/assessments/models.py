# SPDX-License-Identifier: EUPL-1.2
"""The Zelfredzaamheid-Matrix (ZRM): life domains, levels and assessments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel

MIN_SCORE, MAX_SCORE = 1, 5


class LifeDomain(models.Model):
    """Leefgebied: a ZRM life domain; data, so a municipality can add its own."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")

    def __str__(self):
        return self.name


class Level(models.Model):
    """Niveau: a ZRM level 1–5, by name only (official descriptions are licensed)."""

    value = models.PositiveSmallIntegerField(_("value"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["value"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=MIN_SCORE, value__lte=MAX_SCORE),
                name="level_value_range",
            )
        ]

    def __str__(self):
        return f"{self.value} {self.name}"


class Assessment(PublicModel):
    """ZRM-meting: the scores of one person on one date, by one assessor."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("Intake")
        REVIEW = "review", _("Review")
        CLOSURE = "closure", _("Closure")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="assessments"
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="assessments",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    assessed_on = models.DateField(_("assessed on"), default=timezone.localdate)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("assessor"),
    )

    class Meta:
        ordering = ["assessed_on", "created_at"]
        verbose_name = _("ZRM assessment")
        verbose_name_plural = _("ZRM assessments")
        indexes = [models.Index(fields=["person", "assessed_on"])]

    def __str__(self):
        return f"ZRM {self.assessed_on:%d-%m-%Y}"


class DomainScore(models.Model):
    """Score: one life domain's level 1–5 within an assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(LifeDomain, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("domain score")
        verbose_name_plural = _("domain scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="domain_score_once_per_assessment"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="domain_score_range",
            ),
        ]
