# SPDX-License-Identifier: EUPL-1.2
"""Residents (inwoners) and households (huishoudens)."""

import datetime

from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenplan.core.bsn import validate_bsn
from eenplan.core.models import PublicModel

ADULT_AGE = 18


class Household(PublicModel):
    """Huishouden: the people living together at one address, served by one team."""

    postcode = models.CharField(_("postcode"), max_length=7)
    house_number = models.PositiveIntegerField(_("house number"))
    house_number_suffix = models.CharField(_("suffix"), max_length=10, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("team"),
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["postcode", "house_number"])]

    def __str__(self):
        suffix = f"-{self.house_number_suffix}" if self.house_number_suffix else ""
        return f"{self.street} {self.house_number}{suffix}, {self.postcode}".strip()

    @property
    def address(self) -> str:
        return str(self)

    def members(self) -> list["Person"]:
        """The people living in the household now (one query)."""
        return list(Person.objects.living_in(self))

    def concerned_person_ids(self) -> list[int]:
        """Whose data a page about the household shows: its current members."""
        return list(
            self.memberships.filter(until__isnull=True).values_list(
                "person_id", flat=True
            )
        )


class PersonQuerySet(models.QuerySet):
    def living_in(self, household: Household) -> "PersonQuerySet":
        """Current members of `household`, oldest first."""
        return self.filter(
            household_memberships__household=household,
            household_memberships__until__isnull=True,
        ).order_by("birth_date")


class Person(PublicModel):
    """Inwoner: a resident. The BSN is optional but must pass the elfproef."""

    given_names = models.CharField(_("given names"), max_length=200)
    family_name = models.CharField(_("family name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        default="",
        validators=[validate_bsn],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_names"]
        constraints = [
            models.UniqueConstraint(
                fields=["bsn"],
                condition=~models.Q(bsn=""),
                name="person_unique_bsn",
            )
        ]
        indexes = [
            models.Index(Upper("family_name"), name="person_family_name_upper"),
            models.Index(fields=["birth_date"]),
        ]

    def __str__(self):
        return f"{self.given_names} {self.family_name}"

    def age_on(self, day: datetime.date) -> int:
        before_birthday = (day.month, day.day) < (
            self.birth_date.month,
            self.birth_date.day,
        )
        return day.year - self.birth_date.year - int(before_birthday)

    def is_adult_on(self, day: datetime.date) -> bool:
        return self.age_on(day) >= ADULT_AGE

    def concerned_person_ids(self) -> list[int]:
        """A person, and the household they live in, whose page would show both."""
        housemates = HouseholdMember.objects.filter(
            household__memberships__person=self,
            household__memberships__until__isnull=True,
            until__isnull=True,
        ).values_list("person_id", flat=True)
        return sorted({self.pk, *housemates})


class HouseholdMember(models.Model):
    """Gezinslid: a person's place in a household, with their relation in it."""

    class Relation(models.TextChoices):
        PARENT = "parent", _("Parent")
        CHILD = "child", _("Child")
        PARTNER = "partner", _("Partner")
        OTHER = "other", _("Other")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="household_memberships"
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            # A person lives in one household at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(until__isnull=True),
                name="person_one_current_household",
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_relation_display()})"
