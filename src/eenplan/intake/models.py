# SPDX-License-Identifier: EUPL-1.2
"""Requests for help (hulpvragen), screening, triage rules and triage decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eenplan.core.models import PublicModel


class Outcome(models.TextChoices):
    """Where a request goes after the first triage (eerste schifting)."""

    SOLVED_AT_DOOR = "solved_at_door", _("Solved at the door")
    ONE_DISCIPLINE = "one_discipline", _("One discipline")
    URGENT = "urgent", _("Urgent")
    INTEGRAL = "integral", _("Integral intake")


class Request(PublicModel):
    """Hulpvraag / aanmelding: a question for help for one household."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PHONE = "phone", _("Phone")
        DESK = "desk", _("Desk")
        REFERRER = "referrer", _("Referrer")

    class Status(models.TextChoices):
        AWAITING_TRIAGE = "awaiting_triage", _("Awaiting triage")
        AWAITING_DIRECTOR = "awaiting_director", _("Awaiting director")
        ROUTED = "routed", _("Routed")
        PICKED_UP = "picked_up", _("Picked up by the receiver")
        RETURNED = "returned", _("Sent back by the receiver")
        CLOSED = "closed", _("Closed")
        IN_CASE = "in_case", _("In case")

    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, related_name="requests"
    )
    team = models.ForeignKey(
        "organisations.Team", on_delete=models.PROTECT, related_name="requests"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    referrer = models.CharField(
        _("referrer"),
        max_length=200,
        blank=True,
        help_text=_("Who referred the household, when the channel is 'Referrer'."),
    )
    question = models.TextField(_("the question as asked"))
    underlying_need = models.TextField(
        _("the question behind the question"), blank=True
    )
    persons = models.ManyToManyField(
        "people.Person", related_name="requests", verbose_name=_("people involved")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("received on"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=Status.choices,
        default=Status.AWAITING_TRIAGE,
    )
    # The household came back: the closed case whose follow-up check found a
    # new question for help (a reopened household, a quality figure).
    # SET_NULL: a retention run may destroy the old case before the request.
    follows_case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        related_name="follow_up_requests",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["-received_on", "-created_at"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        indexes = [models.Index(fields=["team", "status"])]

    def __str__(self):
        return f"{_('Request')} {self.received_on:%d-%m-%Y}"

    def concerned_person_ids(self) -> list[int]:
        """Whose data the request is: the persons it is about."""
        return list(self.persons.values_list("pk", flat=True))

    @property
    def awaits_director(self) -> bool:
        return self.status == self.Status.AWAITING_DIRECTOR

    @property
    def awaits_receiver(self) -> bool:
        """Routed, and not yet picked up or sent back."""
        return self.status == self.Status.ROUTED

    @property
    def was_returned(self) -> bool:
        return self.status == self.Status.RETURNED


class Screening(models.Model):
    """Screening: the short scan of a request over the life domains."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, related_name="screening"
    )
    safety_concerns = models.BooleanField(_("concerns about safety"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    screened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")


class ScreeningScore(models.Model):
    """A life domain the screening found a concern on, with a first level estimate."""

    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="scores"
    )
    domain = models.ForeignKey(
        "assessments.LifeDomain", on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "domain"], name="screening_score_once"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="screening_level_range",
            ),
        ]


class TriageRule(models.Model):
    """Triageregel: a declarative routing rule, published by policy makers.

    A rule fires when at least `min_domains` life domains are at `max_level`
    or lower (and, if `requires_safety_concern`, the screening noted a safety
    concern). Among fired rules the highest `priority` suggests the outcome.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    min_domains = models.PositiveSmallIntegerField(_("at least this many domains"))
    max_level = models.PositiveSmallIntegerField(_("at this level or lower"))
    requires_safety_concern = models.BooleanField(
        _("requires a safety concern"), default=False
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    priority = models.PositiveSmallIntegerField(_("priority"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-priority", "code"]
        verbose_name = _("triage rule")
        verbose_name_plural = _("triage rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_level__gte=1, max_level__lte=5),
                name="triage_rule_level_range",
            )
        ]

    def __str__(self):
        return self.name


class TriageDecision(models.Model):
    """Triagebesluit: suggested and confirmed outcome, who decided and why."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, related_name="triage"
    )
    suggested_outcome = models.CharField(max_length=24, choices=Outcome.choices)
    fired_rules = models.JSONField(
        default=list, help_text="The rules that fired: code, name and explanation."
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    override_reason = models.TextField(_("reason for override"), blank=True)
    target_team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    target_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )

    class SolvedWith(models.TextChoices):
        INFORMATION = "information", _("Information or advice")
        OFFER = "offer", _("An offer of the social map")
        OTHER = "other", _("Something else")

    # Solved at the door: what the resident was given.
    solved_with = models.CharField(
        _("solved with"), max_length=16, choices=SolvedWith.choices, blank=True
    )
    solved_note = models.TextField(_("what was given"), blank=True)
    # The offer of the social map that was given, when that is what solved it.
    solved_offer = models.ForeignKey(
        "services.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offer of the social map"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")
        constraints = [
            # Overriding the suggestion always needs a reason.
            models.CheckConstraint(
                condition=models.Q(outcome=models.F("suggested_outcome"))
                | ~models.Q(override_reason=""),
                name="triage_override_needs_reason",
            ),
            # Solved at the door says what was given; other outcomes do not.
            models.CheckConstraint(
                condition=(
                    models.Q(outcome="solved_at_door")
                    & ~models.Q(solved_with="")
                    & ~models.Q(solved_note="")
                )
                | (~models.Q(outcome="solved_at_door") & models.Q(solved_with="")),
                name="triage_solved_at_door_says_what",
            ),
            # An offer is recorded only when an offer solved it. (The service
            # also requires it then; decisions from before the social map
            # existed name none, so the database does not demand one.)
            models.CheckConstraint(
                condition=models.Q(solved_offer__isnull=True)
                | models.Q(solved_with="offer"),
                name="triage_solved_offer_named",
            ),
        ]

    @property
    def overridden(self) -> bool:
        return self.outcome != self.suggested_outcome

    @property
    def is_urgent(self) -> bool:
        return self.outcome == Outcome.URGENT


class RoutingAnswer(PublicModel):
    """Antwoord op een doorverwijzing: the receiver of a routed request picks it up,
    or sends it back to the front desk with a reason and advice (nobody is sent
    back empty-handed). Keeps where it was routed, for the request's history.
    """

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="routing_answers"
    )
    routed_to_team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    routed_to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted = models.BooleanField(_("picked up"))
    reason = models.TextField(_("reason for sending it back"), blank=True)
    advice = models.TextField(
        _("advice: where can the resident go instead?"), blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("answer to a routed request")
        verbose_name_plural = _("answers to routed requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted=True)
                | (~models.Q(reason="") & ~models.Q(advice="")),
                name="routing_answer_return_has_reason_and_advice",
            )
        ]
