# SPDX-License-Identifier: EUPL-1.2
"""Organisations (moederorganisaties), teams (wijkteams) and memberships (formatie)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class Organisation(PublicModel):
    """Moederorganisatie: the employer that delegates professionals to teams."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        YOUTH_CARE = "youth_care", _("Youth care")
        MENTAL_HEALTH = "mental_health", _("Mental health care (GGZ)")
        LVB = "lvb", _("Care for mild intellectual disability (LVB)")
        DEBT_HELP = "debt_help", _("Debt help")
        INCOME = "income", _("Income")
        REINTEGRATION = "reintegration", _("Re-integration")
        WELFARE = "welfare", _("Welfare")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Team(PublicModel):
    """Wijkteam: serves an area (a set of postcode areas) for youth, adults or both."""

    class Kind(models.TextChoices):
        INTEGRAL = "integral", _("Integral")
        YOUTH = "youth", _("Youth")
        ADULT = "adult", _("Adults")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.INTEGRAL
    )
    postcode_areas = models.CharField(
        _("postcode areas"),
        max_length=500,
        blank=True,
        help_text=_("The four-digit postcode areas this team serves, comma-separated."),
    )
    # A partner's own team (a specialist GGZ team) belongs to that organisation:
    # what is routed to it goes to the organisation, on consent or a legal basis.
    # The municipality's social teams (wijkteams) have none.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_teams",
        verbose_name=_("team of partner organisation"),
        help_text=_(
            "Only for a team of one partner organisation, such as its specialist "
            "team; empty for the social teams of the municipality."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name

    def serves_postcode(self, postcode: str) -> bool:
        areas = {
            area.strip() for area in self.postcode_areas.split(",") if area.strip()
        }
        return postcode[:4] in areas


class Expertise(models.Model):
    """Deskundigheid: a field a professional is an expert in (the vertical leg
    of the T-shape), such as youth, GGZ or debt, with the ZRM life domains it
    covers. Data (migration 0004), not code; a municipality adds its own."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    life_domains = models.ManyToManyField(
        "assessments.LifeDomain",
        related_name="+",
        blank=True,
        verbose_name=_("life domains"),
    )
    professionals = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="expertise",
        blank=True,
        verbose_name=_("professionals"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Formatie: a professional's place and hours in a team, with their role there."""

    class Role(models.TextChoices):
        FRONT_DESK = "front_desk", _("Front desk (integrale bureaudienst)")
        PROFESSIONAL = "professional", _("Professional")
        TEAM_LEADER = "team_leader", _("Team leader")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, default=0
    )
    can_direct = models.BooleanField(
        _("can be director"),
        default=False,
        help_text=_(
            "Whether this professional may be assigned as director (regisseur)."
        ),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "team", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=0, hours_per_week__lte=60),
                name="membership_hours_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.team} ({self.get_role_display()})"


class IntakePoint(PublicModel):
    """Aanmeldpunt: who at a partner organisation takes in what reaches it for a team.

    A request routed to the organisation as one discipline, or a referral to it
    about a household of `team`, reaches these named staff members, not
    everyone on the organisation's payroll.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="intake_points",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        related_name="intake_points",
        verbose_name=_("for the households of team"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="intake_points",
        verbose_name=_("staff who take in requests and referrals"),
    )

    class Meta:
        ordering = ["organisation__name", "team__name"]
        verbose_name = _("intake point")
        verbose_name_plural = _("intake points")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team"], name="intake_point_once_per_team"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.team}"


class Absence(PublicModel):
    """Afwezigheid: a professional away from a team for a while (illness, leave).

    Registered by a team leader, who hands over the professional's cases and
    open actions at the same time (cases.Handover). Only that they are away and
    until when; never why in medical terms.
    """

    class Reason(models.TextChoices):
        ILLNESS = "illness", _("Illness")
        LEAVE = "leave", _("Leave")
        OTHER = "other", _("Other")

    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="absences"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="absences")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty when not known yet.")
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{_('Absence')} {self.starts_on:%d-%m-%Y}"


class Commitment(models.Model):
    """Formatie-afspraak: the hours a week an organisation commits to a team
    from a date on (two legs: its people keep a leg in their own organisation).
    What it delivers is the hours of its members in the team (Membership)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("team"),
    )
    hours_per_week = models.DecimalField(
        _("hours a week committed"), max_digits=7, decimal_places=1
    )
    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["team", "organisation", "-valid_from"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "team", "valid_from"],
                name="commitment_once_per_date",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=0),
                name="commitment_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="commitment_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.team}: {self.hours_per_week}"
