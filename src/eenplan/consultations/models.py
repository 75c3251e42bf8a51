# SPDX-License-Identifier: EUPL-1.2
"""Consultations (MDO) with their agenda, participants and outcomes; escalation
forums and the escalations they decide."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class Forum(PublicModel):
    """Escalatieoverleg: a standing forum that decides escalated cases, for
    example "Verbindend overleg teammanagers", meeting monthly. Managed by the
    functional admin in the Django admin."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    cadence = models.CharField(
        _("how often it meets"), max_length=100, blank=True, default=""
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="forums",
        verbose_name=_("members"),
        help_text=_("Team leaders and managers who decide escalated cases."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("escalation forum")
        verbose_name_plural = _("escalation forums")

    def __str__(self):
        return self.name


class Consultation(PublicModel):
    """Multidisciplinair overleg (MDO), casusoverleg: professionals (and the
    household) deciding together on the cases on its agenda. An escalation
    consultation is a forum's meeting on escalated cases."""

    class Kind(models.TextChoices):
        CASE = "case", _("Case consultation")
        ESCALATION = "escalation", _("Escalation consultation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.CASE
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="consultations",
        null=True,
        blank=True,
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,
        blank=True,
    )
    starts_at = models.DateTimeField(_("date and time"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chair"),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    household_takes_part = models.BooleanField(
        _("the household takes part"), default=False
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            # A case consultation belongs to a team; a forum's meeting to a forum.
            models.CheckConstraint(
                condition=models.Q(kind="case", team__isnull=False, forum__isnull=True)
                | models.Q(kind="escalation", forum__isnull=False),
                name="consultation_team_or_forum",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="consultation_cancel_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%d-%m-%Y}"

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_escalation(self) -> bool:
        return self.kind == self.Kind.ESCALATION


class Participant(models.Model):
    """Deelnemer: a staff member invited to a consultation. Being invited opens
    the consultation, not the file: each agenda case shows what the policy
    lets flow to the participant."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultation_participations",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="participant_once"
            )
        ]


class AgendaItem(PublicModel):
    """Agendapunt: one case on a consultation's agenda, with the question for it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="items"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="agenda_items"
    )
    question = models.TextField(_("question for the consultation"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "case"], name="agenda_case_once"
            )
        ]


class Outcome(PublicModel):
    """Uitkomst overleg: what a consultation concluded on one case: the shared
    picture, the decisions, the director after it, and the agreed actions (in
    the case's plan). Written so the household can read it."""

    item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="outcome"
    )
    shared_picture = models.TextField(_("shared picture"))
    decisions = models.TextField(_("decisions"))
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("director"),
    )
    director_changed = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consultation outcome")
        verbose_name_plural = _("consultation outcomes")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(shared_picture="") & ~models.Q(decisions=""),
                name="outcome_has_picture_and_decisions",
            )
        ]


class AgreedAction(models.Model):
    """Afspraak: an action agreed in the consultation, and the plan action it
    became in the case's draft plan."""

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField(_("what"))
    performer = models.CharField(_("who (name)"), max_length=200)
    due_on = models.DateField(_("when"))
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]


class Escalation(PublicModel):
    """Opschaling: a case escalated to a forum when partners disagree or it
    stands still. The forum's decision is binding for the case."""

    class Kind(models.TextChoices):
        DISAGREEMENT = "disagreement", _("Partners disagree")
        STANDSTILL = "standstill", _("The case stands still")
        DECLINED_REFERRALS = "declined_referrals", _("Referrals declined")

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        ON_AGENDA = "on_agenda", _("On the agenda")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="escalations"
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.PROTECT,
        related_name="escalations",
        verbose_name=_("escalation forum"),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    question = models.TextField(_("question to the forum"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RAISED
    )
    item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="escalation",
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["raised", "on_agenda"]),
                name="escalation_one_open_per_case",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided")
                | (~models.Q(decision="") & models.Q(decided_on__isnull=False)),
                name="escalation_decided_has_decision",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RAISED, self.Status.ON_AGENDA)
