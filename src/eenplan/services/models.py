# SPDX-License-Identifier: EUPL-1.2
"""The services catalogue, the social map, grants with their versions and
decision letters, and the mandates that say who may grant what.

The catalogue and the social map are not personal data: every staff member
reads them. A grant is case content about one person, in the data category
"services" (voorzieningen)."""

from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from eenplan.core.models import PublicModel

from . import domain


class Law(models.TextChoices):
    """Wettelijk kader: the legal framework a service is granted under."""

    WMO = "wmo", _("Wmo 2015")
    JEUGDWET = "jeugdwet", _("Youth Act (Jeugdwet)")
    PARTICIPATIEWET = "participatiewet", _("Participation Act (Participatiewet)")
    WGS = "wgs", _("Debt help (Wgs)")
    FREE = "free", _("Free local offer")


class Unit(models.TextChoices):
    HOUR = "hour", _("hour")
    DAY = "day", _("day")
    WEEK = "week", _("week")
    PIECE = "piece", _("piece")
    MONTH = "month", _("month")


def amount_text(units, unit: str) -> str:
    """ "3 uur", "1 dag", "7 dagen": a number of units in words."""
    count = 1 if units == 1 else 2
    number = formats.number_format(
        units.normalize() if hasattr(units, "normalize") else units
    )
    words = {
        Unit.HOUR: ngettext("%(n)s hour", "%(n)s hours", count),
        Unit.DAY: ngettext("%(n)s day", "%(n)s days", count),
        Unit.WEEK: ngettext("%(n)s week", "%(n)s weeks", count),
        Unit.PIECE: ngettext("%(n)s piece", "%(n)s pieces", count),
        Unit.MONTH: ngettext("%(n)s month", "%(n)s months", count),
    }
    return words.get(unit, "%(n)s") % {"n": number}


class Period(models.TextChoices):
    """How a grant's units are counted (see domain.cost)."""

    WEEK = domain.WEEK, _("per week")
    MONTH = domain.MONTH, _("per month")
    ONCE = domain.ONCE, _("once")


class Service(PublicModel):
    """Voorziening: support a team can grant, under one legal framework, from one
    provider, in units with a tariff that changes over time."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    law = models.CharField(_("legal framework"), max_length=20, choices=Law.choices)
    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("provider"),
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    needs_decision = models.BooleanField(
        _("needs a decision (beschikking)"),
        default=True,
        help_text=_("Off: freely accessible, without a decision letter."),
    )
    domains = models.ManyToManyField(
        "assessments.LifeDomain",
        related_name="+",
        verbose_name=_("life domains it helps with"),
    )
    ended_on = models.DateField(
        _("no longer offered from"),
        null=True,
        blank=True,
        help_text=_("Leave empty while it is offered. Grants keep their history."),
    )

    class Meta:
        ordering = ["law", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "provider"], name="service_name_per_provider"
            )
        ]

    def __str__(self):
        return self.name


class Tariff(models.Model):
    """Tarief: the price per unit of a service from a date on. Tariffs change
    every year; a grant keeps the tariff in force at its decision."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="tariffs"
    )
    valid_from = models.DateField(_("valid from"))
    amount = models.DecimalField(
        _("tariff per unit (euro)"), max_digits=10, decimal_places=2
    )

    class Meta:
        ordering = ["service", "-valid_from"]
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "valid_from"], name="tariff_once_per_date"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="tariff_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.service} {self.valid_from}: € {self.amount}"


class Topic(models.Model):
    """Onderwerp: a plain word residents search by (geld, wonen, eenzaamheid),
    mapped to the life domains it is about. Data, so it can be refined."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    domains = models.ManyToManyField(
        "assessments.LifeDomain", related_name="+", verbose_name=_("life domains")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class Offer(PublicModel):
    """Voorliggende voorziening op de sociale kaart: a free local offer (welfare,
    volunteers, a buddy, a coffee morning, sports), in the area of some teams
    or of the whole municipality. Ended, never deleted, once given."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it is"))
    organiser = models.CharField(_("organiser"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("organisation"),
        help_text=_("When the organiser is a partner organisation."),
    )
    whole_municipality = models.BooleanField(_("for the whole municipality"))
    teams = models.ManyToManyField(
        "organisations.Team",
        blank=True,
        related_name="offers",
        verbose_name=_("in the area of these teams"),
    )
    times = models.CharField(_("when"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200)
    topics = models.ManyToManyField(
        Topic, related_name="offers", verbose_name=_("topics")
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("waiting time (weeks)"), null=True, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("offer of the social map")
        verbose_name_plural = _("offers of the social map")

    def __str__(self):
        return self.name


class Grant(PublicModel):
    """Toekenning: a service granted to one person of a case's household. Its
    terms live in versions; ending or changing it adds a version, so what
    was decided before stays as it was."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="grants"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("for"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("service"),
    )
    # Copied from the service when granted: the catalogue may change later.
    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("provider"),
    )
    law = models.CharField(_("legal framework"), max_length=20, choices=Law.choices)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self):
        return f"{self.service} ({self.law})"


class GrantVersion(models.Model):
    """One version of a grant's terms: requested, then granted at once (within
    the requester's mandate) or after a second person's approval (four eyes),
    or refused with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    class Kind(models.TextChoices):
        NEW = "new", _("New grant")
        CHANGE = "change", _("Change")
        END = "end", _("End")

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    units = models.DecimalField(_("units"), max_digits=8, decimal_places=2)
    period = models.CharField(_("per"), max_length=8, choices=Period.choices)
    # The tariff in force at the decision (at the request while pending).
    tariff = models.DecimalField(_("tariff per unit"), max_digits=10, decimal_places=2)
    cost_per_year = models.DecimalField(
        _("cost in the first year"), max_digits=12, decimal_places=2
    )
    note = models.TextField(_("why"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    within_mandate = models.BooleanField(_("within the requester's mandate"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)

    class Meta:
        ordering = ["grant", "number"]
        verbose_name = _("grant version")
        verbose_name_plural = _("grant versions")
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "number"], name="grant_version_unique"
            ),
            models.UniqueConstraint(
                fields=["grant"],
                condition=models.Q(status="pending"),
                name="grant_one_pending_version",
            ),
            models.CheckConstraint(
                condition=models.Q(units__gt=0), name="grant_units_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="grant_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending")
                | models.Q(decided_by__isnull=False, decided_on__isnull=False),
                name="grant_decision_has_decider",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="grant_refusal_has_reason",
            ),
            # Four eyes: above the mandate, never approved by the requester.
            models.CheckConstraint(
                condition=models.Q(within_mandate=True)
                | models.Q(decided_by__isnull=True)
                | ~models.Q(decided_by=models.F("requested_by")),
                name="grant_four_eyes",
            ),
        ]
        indexes = [models.Index(fields=["status", "grant"])]

    def __str__(self):
        return f"{self.grant} v{self.number}"

    @property
    def terms_text(self) -> str:
        """ "3 uur per week": how much, for the pages and the letter."""
        amount = amount_text(self.units, self.grant.service.unit)
        return f"{amount} {self.get_period_display()}"

    @property
    def as_domain(self) -> domain.Version:
        return domain.Version(
            self.starts_on, self.ends_on, self.units, self.period, self.tariff
        )


class DecisionLetter(models.Model):
    """Beschikking: the letter to the household about one decision on a grant,
    as the PDF that was made at the decision, kept with it."""

    version = models.OneToOneField(
        GrantVersion, on_delete=models.CASCADE, related_name="letter"
    )
    pdf = models.BinaryField()
    template = models.ForeignKey(
        "LetterTemplate", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")


class LetterTemplate(models.Model):
    """Sjabloon beschikking: the text of decision letters, kept by the
    functional admin. The newest one is used. Placeholders: $voornaam,
    $voorziening, $aanbieder, $omvang, $vanaf, $tot, $wet, $reden."""

    name = models.CharField(_("name"), max_length=100)
    granted_text = models.TextField(_("text when granted"))
    refused_text = models.TextField(_("text when refused"))
    objection_clause = models.TextField(_("objection clause (bezwaar)"))
    signature = models.CharField(_("signed by"), max_length=200)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return self.name


class MandateRule(models.Model):
    """Mandaat: who (a role in the case's team, or one person) may grant which
    services (all, a legal framework, or one service) up to which cost per
    year and duration. Above it, a grant waits for someone who holds it."""

    class Role(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        TEAM_LEADER = "team_leader", _("Team leader")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("person"),
    )
    law = models.CharField(
        _("legal framework"), max_length=20, choices=Law.choices, blank=True
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("service"),
    )
    max_cost_per_year = models.DecimalField(
        _("up to (euro per year)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: no limit on the cost."),
    )
    max_weeks = models.PositiveIntegerField(
        _("up to (weeks)"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit on the duration."),
    )

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="") | models.Q(user__isnull=False),
                name="mandate_has_holder",
            )
        ]

    def __str__(self):
        who = self.user or self.get_role_display()
        what = self.service or self.get_law_display() or _("all services")
        return f"{who}: {what}"

    @property
    def limit(self) -> domain.Limit:
        return domain.Limit(self.max_cost_per_year, self.max_weeks)
