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
    withdrawal_asked_by = models.CharField(
        _("withdrawal asked by"), max_length=200, blank=True
    )
    withdrawal_asked_on = models.DateField(
        _("withdrawal asked on"), null=True, blank=True
    )

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
    """Grondslag: a statutory task that sharing rests on, not consent.

    Recorded on a case by its director, or on a request when the front desk
    routes it to a partner organisation without the persons' consent.
    """

    class Law(models.TextChoices):
        WMO = "wmo2015", _("Wmo 2015 (social support)")
        JEUGDWET = "jeugdwet", _("Jeugdwet (youth care)")
        PARTICIPATIEWET = "participatiewet", _("Participatiewet (income, work)")
        WGS = "wgs", _("Wet gemeentelijke schuldhulpverlening (debt help)")

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="legal_bases",
        null=True,
        blank=True,
    )
    request = models.ForeignKey(
        "intake.Request",
        on_delete=models.CASCADE,
        related_name="legal_bases",
        null=True,
        blank=True,
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
        constraints = [
            # Either a case's or a request's, never both, never neither.
            models.CheckConstraint(
                condition=models.Q(case__isnull=False, request__isnull=True)
                | models.Q(case__isnull=True, request__isnull=False),
                name="legal_basis_for_case_or_request",
            )
        ]
        indexes = [models.Index(fields=["organisation", "ended_on"])]

    def __str__(self):
        return self.get_law_display()


class BreakGlass(PublicModel):
    """Noodtoegang: emergency access to a case without a relation, with a reason.

    Allowed, marked in the audit trail, and on the privacy officer's review list.
    """

    class Verdict(models.TextChoices):
        JUSTIFIED = "justified", _("Justified: there was an emergency")
        NOT_JUSTIFIED = "not_justified", _("Not justified: follow up")

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
    verdict = models.CharField(
        _("verdict"), max_length=16, choices=Verdict.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("break-the-glass access")
        verbose_name_plural = _("break-the-glass accesses")
        indexes = [models.Index(fields=["user", "case", "expires_at"])]


class RetentionPolicy(models.Model):
    """Bewaartermijn: how long one type of record is kept after its trigger date.

    Data with defaults (privacy/retention.json, migration 0004) that the
    privacy officer changes on the retention page; docs/privacy.md says which
    values of the Archiefwet selection list the defaults follow. A record type
    without a policy is never destroyed.
    """

    class RecordType(models.TextChoices):
        CASE = "case", _("Closed case")
        CASE_YOUTH = "case_youth", _("Closed case under the Jeugdwet")
        REQUEST = "request", _("Request that never became a case")
        HOUSEHOLD = "household", _("Household without a case or request")
        PERSON = "person", _("Person without a household, case or request")

    class Trigger(models.TextChoices):
        CLOSED_ON = "closed_on", _("the date the case was closed")
        OPENED_ON = "opened_on", _("the date the case was opened")
        RECEIVED_ON = "received_on", _("the date the request was received")
        REGISTERED_ON = "registered_on", _("the date of registration")

    # Which trigger dates make sense for which record type (also a constraint).
    TRIGGERS = {
        RecordType.CASE: (Trigger.CLOSED_ON, Trigger.OPENED_ON),
        RecordType.CASE_YOUTH: (Trigger.CLOSED_ON, Trigger.OPENED_ON),
        RecordType.REQUEST: (Trigger.RECEIVED_ON,),
        RecordType.HOUSEHOLD: (Trigger.REGISTERED_ON,),
        RecordType.PERSON: (Trigger.REGISTERED_ON,),
    }
    MAX_YEARS = 100

    record_type = models.CharField(
        _("type of record"), max_length=16, choices=RecordType.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(_("retention period in years"))
    trigger = models.CharField(
        _("counted from"), max_length=16, choices=Trigger.choices
    )
    basis = models.TextField(
        _("basis"),
        blank=True,
        help_text=_("The selection list category or law the period follows."),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["record_type"]
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__lte=100),
                name="retention_policy_years_range",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        record_type__in=["case", "case_youth"],
                        trigger__in=["closed_on", "opened_on"],
                    )
                    | models.Q(record_type="request", trigger="received_on")
                    | models.Q(
                        record_type__in=["household", "person"],
                        trigger="registered_on",
                    )
                ),
                name="retention_policy_trigger_fits_type",
            ),
        ]

    def __str__(self):
        return f"{self.get_record_type_display()}: {self.years}"


class RetentionRun(PublicModel):
    """Vernietigingsronde: the records due for destruction, awaiting approval.

    `due` maps each record type to the UUIDs (and trigger dates) found due on
    `reference_date`; no names, BSNs or free text. Pending until the privacy
    officer approves it; execution destroys what is listed and still due.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        EXECUTED = "executed", _("Executed")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    reference_date = models.DateField(_("due on"))
    due = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    executed_at = models.DateTimeField(_("executed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status="pending",
                    approved_by__isnull=True,
                    approved_at__isnull=True,
                    executed_at__isnull=True,
                )
                | models.Q(
                    status="approved",
                    approved_by__isnull=False,
                    approved_at__isnull=False,
                    executed_at__isnull=True,
                )
                | models.Q(
                    status="executed",
                    approved_by__isnull=False,
                    approved_at__isnull=False,
                    executed_at__isnull=False,
                ),
                name="retention_run_approved_before_executed",
            )
        ]

    def __str__(self):
        return f"{_('Retention run')} {self.reference_date:%d-%m-%Y}"

    def counts(self) -> dict[str, int]:
        return {record_type: len(rows) for record_type, rows in self.due.items()}

    @property
    def total(self) -> int:
        return sum(self.counts().values())


class DestructionRecord(PublicModel):
    """Vernietigingsverklaring: what a retention run destroyed, without personal data.

    Record type, count, the UUIDs destroyed, the rows per table, the period
    applied (copied, so a later change of the policy does not rewrite it), who
    approved and when. Never names, BSNs or free text.
    """

    run = models.ForeignKey(
        RetentionRun, on_delete=models.PROTECT, related_name="destructions"
    )
    record_type = models.CharField(
        _("type of record"),
        max_length=16,
        choices=RetentionPolicy.RecordType.choices,
    )
    count = models.PositiveIntegerField(_("number of records"))
    uuids = models.JSONField(default=list)
    # {"app_label.Model": rows deleted}, the records with everything under them.
    rows = models.JSONField(default=dict)
    policy = models.ForeignKey(
        RetentionPolicy, on_delete=models.PROTECT, related_name="destructions"
    )
    years = models.PositiveSmallIntegerField(_("retention period in years"))
    trigger = models.CharField(
        _("counted from"), max_length=16, choices=RetentionPolicy.Trigger.choices
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"))
    destroyed_at = models.DateTimeField(_("destroyed at"))

    class Meta:
        ordering = ["-destroyed_at", "record_type"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "record_type"], name="destruction_once_per_type"
            )
        ]

    def __str__(self):
        return f"{self.get_record_type_display()}: {self.count}"


class ExportRequest(PublicModel):
    """Verzoek om inzage: a registered request for a person's data export.

    Who asked, when, how their identity was checked and on which legal ground;
    the privacy officer's export is made for one such request and names it.
    The deadline (one month, AVG art. 12(3)) follows from `received_on`
    (`privacy.domain.export_deadline`).
    """

    class Requester(models.TextChoices):
        PERSON = "person", _("The person themselves")
        REPRESENTATIVE = (
            "representative",
            _("A legal representative or someone the person authorised"),
        )
        AUTHORITY = "authority", _("A court or another competent authority")

    class IdentityCheck(models.TextChoices):
        DOCUMENT = "document", _("Identity document seen in person")
        DIGID = "digid", _("Request sent after logging in with DigiD")
        AUTHORITY = "authority", _("Order checked with the authority that issued it")
        OTHER = "other", _("Otherwise (describe it in the note)")

    class Ground(models.TextChoices):
        ACCESS = "avg_15", _("Request for access by the person (AVG art. 15)")
        PORTABILITY = "avg_20", _("Request for data portability (AVG art. 20)")
        COURT_ORDER = "court_order", _("Court order or order of a competent authority")
        OTHER = "other", _("Another legal ground (name it in the note)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDED_OVER = "handed_over", _("Handed over")

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="export_requests"
    )
    requester = models.CharField(
        _("who asked"), max_length=16, choices=Requester.choices
    )
    requester_name = models.CharField(
        _("name of who asked"), max_length=200, blank=True
    )
    received_on = models.DateField(_("received on"))
    identity_check = models.CharField(
        _("identity checked by"), max_length=16, choices=IdentityCheck.choices
    )
    ground = models.CharField(_("legal ground"), max_length=16, choices=Ground.choices)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["received_on", "created_at"]
        verbose_name = _("request for a data export")
        verbose_name_plural = _("requests for a data export")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status="open",
                    handed_over_on__isnull=True,
                    handed_over_by__isnull=True,
                )
                | models.Q(
                    status="handed_over",
                    handed_over_on__isnull=False,
                    handed_over_by__isnull=False,
                ),
                name="export_request_handed_over_with_date_and_who",
            )
        ]

    def __str__(self):
        return f"{_('Request for access')} {self.received_on:%d-%m-%Y}"

    @property
    def deadline(self):
        from .domain import export_deadline

        return export_deadline(self.received_on)
