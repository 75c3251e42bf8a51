# SPDX-License-Identifier: EUPL-1.2
"""Factories for staff accounts, with their role in a team.

`UserFactory(team=team, role="front_desk")` makes a member of `team`; the
role factories below default to a fresh team:

    FrontDeskFactory(team=team)      integrale bureaudienst
    ProfessionalFactory(team=team)   professional who may not direct
    DirectorFactory(team=team)       professional who may be regisseur
    TeamLeaderFactory(team=team)     teamleider
"""

import factory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from eenplan.accounts.models import User
from eenplan.core.tests import factories as _core  # noqa: F401  (nl_NL locale)
from eenplan.organisations.models import Membership
from eenplan.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)

PASSWORD = "geheim-wachtwoord-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        team = None
        role = Membership.Role.PROFESSIONAL
        can_direct = False

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@gemeente.example")
    organisation = factory.SubFactory(OrganisationFactory, name="Gemeente Voorbeeld")
    password = factory.django.Password(PASSWORD)

    membership = factory.Maybe(
        "team",
        yes_declaration=factory.RelatedFactory(
            MembershipFactory,
            factory_related_name="user",
            team=factory.SelfAttribute("..team"),
            role=factory.SelfAttribute("..role"),
            can_direct=factory.SelfAttribute("..can_direct"),
        ),
    )


class FrontDeskFactory(UserFactory):
    class Params:
        team = factory.SubFactory(TeamFactory)
        role = Membership.Role.FRONT_DESK
        can_direct = False


class ProfessionalFactory(UserFactory):
    class Params:
        team = factory.SubFactory(TeamFactory)
        role = Membership.Role.PROFESSIONAL
        can_direct = False


class DirectorFactory(UserFactory):
    class Params:
        team = factory.SubFactory(TeamFactory)
        role = Membership.Role.PROFESSIONAL
        can_direct = True


class TeamLeaderFactory(UserFactory):
    class Params:
        team = factory.SubFactory(TeamFactory)
        role = Membership.Role.TEAM_LEADER
        can_direct = False


def add_membership(
    user: User, team, role: str = Membership.Role.PROFESSIONAL, can_direct=False
) -> Membership:
    """Give `user` another role in `team`, forgetting the policy's cached roles."""
    membership = MembershipFactory(
        user=user, team=team, role=role, can_direct=can_direct
    )
    user.__dict__.pop("_eenplan_memberships", None)
    return membership


class TOTPDeviceFactory(DjangoModelFactory):
    """A confirmed authenticator app; `confirmed=False`: one being set up."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator-app"
    confirmed = True


def totp_token(device: TOTPDevice, steps: int = 0) -> str:
    """The code the user's app shows now (or `steps` periods later), as 6 digits."""
    drift = device.drift + steps
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift):06d}"


def wrong_token(device: TOTPDevice) -> str:
    """Six digits that are none of the codes the device accepts right now."""
    accepted = {totp_token(device, steps) for steps in (-1, 0, 1)}
    return next(c * 6 for c in "0123456789" if c * 6 not in accepted)
