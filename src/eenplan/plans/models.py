# SPDX-License-Identifier: EUPL-1.2
"""The household's one plan (plan van aanpak): versions, goals, actions and reviews."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.errors import ApplicationError
from eenplan.core.models import PublicModel

from .domain import MAX_REVIEW_INTERVAL


class PlanLocked(ApplicationError):
    code = "plan_locked"
    message = _("This plan version has been agreed and can no longer be changed.")


class Plan(PublicModel):
    """Plan van aanpak: one version of the household's one plan.

    A draft is written with the household; once agreed it is immutable and
    carries the date of the next review, at most six weeks later. A review
    produces the next version as a new draft.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")
        SUPERSEDED = "superseded", _("Superseded")

    class AgreedHow(models.TextChoices):
        IN_PERSON = "in_person", _("At the kitchen table")
        PHONE = "phone", _("By phone")
        VIDEO = "video", _("By video call")
        IN_WRITING = "in_writing", _("In writing")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="plans"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_how = models.CharField(
        _("agreed how"), max_length=16, choices=AgreedHow.choices, blank=True
    )
    agreed_with = models.CharField(
        _("agreed with"),
        max_length=300,
        blank=True,
        help_text=_("Who of the household agreed to the plan."),
    )
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "version"], name="plan_version_unique"
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="draft"),
                name="plan_one_draft_per_case",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="agreed"),
                name="plan_one_current_per_case",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    models.Q(
                        agreed_on__isnull=False,
                        next_review_due__isnull=False,
                        next_review_due__gte=models.F("agreed_on"),
                        next_review_due__lte=models.F("agreed_on")
                        + MAX_REVIEW_INTERVAL,
                    )
                    & ~models.Q(agreed_how="")
                    & ~models.Q(agreed_with="")
                ),
                name="plan_agreed_review_within_six_weeks",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_review_due"])]

    def __str__(self):
        return f"{_('Plan')} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class PlanPart(PublicModel):
    """Shared guard: parts of an agreed plan version cannot change any more."""

    class Meta:
        abstract = True

    def _ensure_draft(self):
        if self.plan.status != Plan.Status.DRAFT:
            raise PlanLocked()

    def save(self, *args, **kwargs):
        self._ensure_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._ensure_draft()
        return super().delete(*args, **kwargs)


class Goal(PlanPart):
    """Doel: what the household wants to reach on a life domain, in its own words."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        "assessments.LifeDomain",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("life domain"),
    )
    description = models.TextField(_("goal in the household's own words"))
    target_level = models.PositiveSmallIntegerField(_("target level"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_level__gte=1, target_level__lte=5),
                name="goal_target_level_range",
            )
        ]

    def __str__(self):
        return self.description[:60]


class Action(PlanPart):
    """Actie: who does what, by when, towards a goal."""

    class PerformerKind(models.TextChoices):
        HOUSEHOLD = "household", _("Household member")
        NETWORK = "network", _("Network (family, friends, neighbours)")
        VOLUNTEER = "volunteer", _("Volunteer")
        PROFESSIONAL = "professional", _("Professional or organisation")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="actions",
        null=True,
        blank=True,
        verbose_name=_("goal"),
    )
    description = models.TextField(_("what"))
    performer_kind = models.CharField(
        _("who (kind)"), max_length=16, choices=PerformerKind.choices
    )
    performer = models.CharField(_("who (name)"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    due_on = models.DateField(_("when"))
    # What the action uses: an offer of the social map, or a service to grant.
    offer = models.ForeignKey(
        "services.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offer of the social map"),
    )
    service = models.ForeignKey(
        "services.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    # The action's execution by a partner, shared by its copies in later
    # versions: the versions stay as agreed, the work on them goes on.
    assignment = models.ForeignKey(
        "Assignment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offer__isnull=True) | models.Q(service__isnull=True),
                name="action_offer_or_service",
            )
        ]


class Assignment(PublicModel):
    """Uitvoering (Uitvoeren Actie): a plan action assigned to a partner
    organisation, or to a professional there, who accepts it (or declines it
    with a reason), reports progress and the result.

    It is the state of the work, not of the plan: each version's copy of the
    action points to the same assignment, so the director sees in one overview
    how every action of the plan stands.
    """

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Done")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="assignments"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("organisation"),
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("professional"),
        help_text=_("Empty: the organisation's intake for the team picks it up."),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("when"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ASSIGNED
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    result = models.TextField(_("result"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("assigned action")
        verbose_name_plural = _("assigned actions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="assignment_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | (~models.Q(result="") & models.Q(done_on__isnull=False)),
                name="assignment_done_has_result",
            ),
            # An accepted or done action has the professional who does it.
            models.CheckConstraint(
                condition=~models.Q(status__in=["accepted", "done"])
                | models.Q(professional__isnull=False),
                name="assignment_accepted_has_professional",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["professional", "status"]),
        ]

    def __str__(self):
        return f"{_('Assigned action')} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        """Still to be done: waiting for an answer, or accepted."""
        return self.status in (self.Status.ASSIGNED, self.Status.ACCEPTED)


class AssignmentReport(models.Model):
    """Voortgang: what the partner reports on an assigned action, and when."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="reports"
    )
    reported_on = models.DateField(_("date"), default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("progress"))
    is_result = models.BooleanField(_("this is the result: the action is done"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")


class Review(PublicModel):
    """Evaluatie: the review of an agreed plan version with the household."""

    plan = models.OneToOneField(Plan, on_delete=models.PROTECT, related_name="review")
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("summary"))

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")


class GoalProgress(models.Model):
    """Voortgang: how one goal of the reviewed plan version went."""

    class Progress(models.TextChoices):
        REACHED = "reached", _("Reached")
        ON_TRACK = "on_track", _("On track")
        NO_PROGRESS = "no_progress", _("No progress")
        DROPPED = "dropped", _("Dropped")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="progress"
    )
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="+")
    progress = models.CharField(_("progress"), max_length=16, choices=Progress.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "goal"], name="progress_once_per_goal"
            )
        ]
