# SPDX-License-Identifier: EUPL-1.2
"""The household's case (casus), its director (regisseur), involvements and intake."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Case.Status.OPEN)


class Case(PublicModel):
    """Casus: the household's one open case, with exactly one director (regisseur)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class ClosureReason(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("Goals reached")
        REFERRED = "referred", _("Handed over to regular care")
        HOUSEHOLD_STOPPED = "household_stopped", _("Household stopped")
        MOVED = "moved", _("Household moved away")
        OTHER = "other", _("Other")

    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="cases"
    )
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="cases"
    )
    request = models.OneToOneField(
        "intake.Request",
        on_delete=models.PROTECT,
        related_name="case",
        null=True,
        blank=True,
    )
    # Non-null: an open case has exactly one director, never zero and never two.
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="directed_cases",
        verbose_name=_("director"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reason for closure"),
        max_length=24,
        choices=ClosureReason.choices,
        blank=True,
    )
    closure_note = models.TextField(_("closing note"), blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(status="open"),
                name="case_one_open_per_household",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="open", closed_on__isnull=True, closure_reason="")
                    | (
                        models.Q(status="closed", closed_on__isnull=False)
                        & ~models.Q(closure_reason="")
                    )
                ),
                name="case_closed_has_date_and_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["director", "status"]),
            models.Index(fields=["team", "status"]),
        ]

    def __str__(self):
        return f"{_('Case')} {self.opened_on:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def concerned_person_ids(self) -> list[int]:
        """Whose data the case is: the household's current members."""
        return self.household.concerned_person_ids()


class Involvement(PublicModel):
    """Betrokken professional: a professional on a case besides the director.

    The aim is one, at most two professionals at the kitchen table: adding a
    third asks for a reason, which is kept here.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="involvements"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="involvements"
    )
    role = models.CharField(_("role in the case"), max_length=100)
    reason = models.TextField(_("reason for a third professional"), blank=True)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "professional"],
                condition=models.Q(until__isnull=True),
                name="involvement_once_active",
            )
        ]


class Handover(PublicModel):
    """Overdracht: a case, a place at its kitchen table or an assigned action
    moving to another professional, with a note on what is handed over and why.

    A change of director is one too, and then the household is told who their
    new contact is (how is recorded; a letter can be printed).
    """

    class Kind(models.TextChoices):
        DIRECTOR = "director", _("Director")
        INVOLVEMENT = "involvement", _("Professional at the table")
        ACTION = "action", _("Assigned action")

    class Told(models.TextChoices):
        LETTER = "letter", _("By letter (printed from Eenplan)")
        PHONE = "phone", _("By phone")
        IN_PERSON = "in_person", _("In person")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    kind = models.CharField(_("what"), max_length=16, choices=Kind.choices)
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handovers_received",
    )
    note = models.TextField(_("hand-over note"))
    household_told = models.CharField(
        _("how the household is told"),
        max_length=16,
        choices=Told.choices,
        blank=True,
    )
    absence = models.ForeignKey(
        "organisations.Absence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers",
    )
    assignment = models.ForeignKey(
        "plans.Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handovers",
    )
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(note=""), name="handover_has_a_note"
            ),
            # The household is told who their new director is.
            models.CheckConstraint(
                condition=~models.Q(kind="director") | ~models.Q(household_told=""),
                name="handover_director_household_told",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="action") | models.Q(assignment__isnull=False),
                name="handover_action_has_assignment",
            ),
        ]
        indexes = [models.Index(fields=["to_user", "created_at"])]

    def __str__(self):
        return f"{_('Hand-over')} {self.get_kind_display()}"


class Intake(models.Model):
    """Integrale intake: the broad conversation over all life domains at the start.

    Its first question is whether the household consents to sharing data
    with the partner organisations; the details are recorded per person.
    """

    class ConsentAnswer(models.TextChoices):
        YES = "yes", _("Yes, the household consents (record it per person)")
        PARTLY = "partly", _("Partly (record per person what they agreed to)")
        NO = "no", _("No: the case works inside the team only")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="intake")
    held_on = models.DateField(_("held on"))
    consent_answer = models.CharField(
        _("does the household consent to sharing data with partner organisations?"),
        max_length=8,
        choices=ConsentAnswer.choices,
        default=ConsentAnswer.NO,
    )
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    underlying_need = models.TextField(_("the question behind the question"))
    notes = models.TextField(_("notes"), blank=True)
    # Optimistic lock: a form carries the version it was opened on, and saving
    # over a newer one is refused (core.errors.ConcurrentChange).
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
