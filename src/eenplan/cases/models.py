# SPDX-License-Identifier: EUPL-1.2
"""The household's case (casus), its director (regisseur), involvements and intake."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel

from .domain import FOLLOW_UP_MAX_MONTHS


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
    # A quality figure: the most contact professionals (director included) that
    # sat at the household's kitchen table at once. Kept by involvement_add.
    kitchen_table_peak = models.PositiveSmallIntegerField(
        _("most professionals at the kitchen table at once"), default=1
    )

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
    third contact professional asks for a reason, which is kept here. A
    professional who works in the background (`at_kitchen_table` off) does not
    count. A second worker (Beter Thuis) has a planned end six weeks ahead
    (`planned_until`); `until` is when the involvement really ended.
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
    at_kitchen_table = models.BooleanField(
        _("contact professional: sits at the kitchen table"), default=True
    )
    planned_until = models.DateField(_("planned until"), null=True, blank=True)

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "professional"],
                condition=models.Q(until__isnull=True),
                name="involvement_once_active",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_until__isnull=True)
                | models.Q(planned_until__gte=models.F("since")),
                name="involvement_planned_end_after_start",
            ),
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


class FollowUpDefault(models.Model):
    """Nazorgtermijn: after how many months a case closed for this reason gets
    its follow-up check, by default. Configuration (admin), filled by a data
    migration; no months: no follow-up check by default (household moved)."""

    closure_reason = models.CharField(
        _("reason for closure"),
        max_length=24,
        choices=Case.ClosureReason.choices,
        unique=True,
    )
    months = models.PositiveSmallIntegerField(
        _("months until the follow-up check"),
        null=True,
        blank=True,
        help_text=_("Empty: no follow-up check."),
    )

    class Meta:
        verbose_name = _("follow-up term")
        verbose_name_plural = _("follow-up terms")
        ordering = ["closure_reason"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months__isnull=True)
                | models.Q(months__gte=1, months__lte=FOLLOW_UP_MAX_MONTHS),
                name="follow_up_default_months_range",
            )
        ]

    def __str__(self):
        return str(self.get_closure_reason_display())


class FollowUpQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(outcome="")


class FollowUp(PublicModel):
    """Nazorg: the check, some months after closing, whether things still go
    well with the household. Owned by the director who closed the case; the
    team's leaders take it over when that director has left the team.

    "New request" registers a request for the household that follows the
    closed case (`intake.Request.follows_case`): the household came back.
    """

    class Outcome(models.TextChoices):
        ALL_WELL = "all_well", _("All is well")
        NEW_REQUEST = "new_request", _("New request for help")

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="follow_up"
    )
    due_on = models.DateField(_("due on"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text="The director who closed the case.",
    )
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="follow_ups"
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up check")
        verbose_name_plural = _("follow-up checks")
        ordering = ["due_on"]
        constraints = [
            # Recorded means: an outcome, by someone, at a moment; else none of it.
            models.CheckConstraint(
                condition=models.Q(
                    outcome="", recorded_by__isnull=True, recorded_at__isnull=True
                )
                | (
                    ~models.Q(outcome="")
                    & models.Q(recorded_by__isnull=False, recorded_at__isnull=False)
                ),
                name="follow_up_recorded_whole",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "outcome", "due_on"]),
            models.Index(fields=["team", "outcome", "due_on"]),
        ]

    def __str__(self):
        return f"{_('Follow-up check')} {self.due_on:%d-%m-%Y}"

    @property
    def is_recorded(self) -> bool:
        return bool(self.outcome)


class TimeEntry(models.Model):
    """Tijdschrijven: the hours a professional spent in one week (from Monday)
    in a team, direct on one case or indirect by kind. A week is entered at
    once, and entered again replaces that week's own entries."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("With or for the household")
        CONSULTATION = "consultation", _("Consultations")
        COORDINATION = "coordination", _("Coordination")
        TRAVEL = "travel", _("Travel")
        OTHER = "other", _("Other indirect time")

    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_entries"
    )
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.CASCADE, related_name="time_entries"
    )
    week = models.DateField(_("week (Monday)"))
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="time_entries",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=80), name="time_hours_range"
            ),
            # Direct time is on a case; indirect time is not.
            models.CheckConstraint(
                condition=(models.Q(kind="direct") & models.Q(case__isnull=False))
                | (~models.Q(kind="direct") & models.Q(case__isnull=True)),
                name="time_direct_has_case",
            ),
            models.UniqueConstraint(
                fields=["professional", "team", "week", "case", "kind"],
                name="time_once_per_week_case_kind",
            ),
        ]
        indexes = [models.Index(fields=["team", "week"])]
