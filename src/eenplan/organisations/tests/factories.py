# SPDX-License-Identifier: EUPL-1.2
"""Factories for organisations, teams and memberships."""

import factory
from factory.django import DjangoModelFactory

from eenplan.core.tests import factories as _core  # noqa: F401  (nl_NL locale)
from eenplan.organisations.models import IntakePoint, Membership, Organisation, Team


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Stichting Welzijn {n}")
    kind = Organisation.Kind.WELFARE


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    kind = Team.Kind.INTEGRAL
    postcode_areas = factory.Sequence(lambda n: f"{1000 + (n % 8000)}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("eenplan.accounts.tests.factories.UserFactory")
    team = factory.SubFactory(TeamFactory)
    role = Membership.Role.PROFESSIONAL
    hours_per_week = 24
    can_direct = False


class IntakePointFactory(DjangoModelFactory):
    """An organisation's intake for a team; `staff` are its named receivers."""

    class Meta:
        model = IntakePoint
        django_get_or_create = ("organisation", "team")
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if create and extracted:
            self.staff.add(*extracted)


def intake_for(user, team) -> IntakePoint:
    """Make `user` their organisation's intake for `team`."""
    point = IntakePointFactory(organisation=user.organisation, team=team)
    point.staff.add(user)
    return point


def give_expertise(user, *codes: str) -> None:
    """Give `user` the fields of expertise with these codes (loaded by migration)."""
    from eenplan.organisations.models import Expertise

    for expertise in Expertise.objects.filter(code__in=codes):
        expertise.professionals.add(user)
