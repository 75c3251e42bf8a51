# SPDX-License-Identifier: EUPL-1.2
"""The actor: who acts, for which organisation, in which teams and roles, with
which functions and relations to cases. Built once per request, background task
or API call with a fixed number of queries, and handed to every selector and
service instead of a raw user. Nothing is cached on the user object.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from eenplan.accounts.models import User
from eenplan.core.errors import PermissionDenied
from eenplan.organisations.models import IntakePoint, Membership

from .decisions import Relation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

Role = Membership.Role
Function = User.Function
T = TypeVar("T")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("staff member")
    RESIDENT = "resident", _("resident")
    API_CLIENT = "api_client", _("API client")
    SYSTEM = "system", _("system")
    ANONYMOUS = "anonymous", _("not logged in")


class CaseLike(Protocol):
    """What the actor needs of a case to know its relation to it."""

    pk: int
    director_id: int
    team_id: int


@dataclass(frozen=True)
class TeamRole:
    team_id: int
    team_uuid: uuid.UUID
    role: str
    can_direct: bool
    # Set for a partner's own team: the organisation it belongs to.
    team_organisation_id: int | None = None


@dataclass(frozen=True)
class CaseStub:
    """What the policy needs of a case the actor is involved in, without the
    case itself: its relation to the actor and whose household it is."""

    pk: int
    team_id: int
    household_id: int
    director_id: int
    is_open: bool


@dataclass(frozen=True)
class Relations:
    """Cases the actor relates to beyond directing or leading a team."""

    involved_cases: tuple[CaseStub, ...] = ()
    broken_glass: frozenset[int] = frozenset()
    involved: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "involved", frozenset(case.pk for case in self.involved_cases)
        )


# Each kind of relation is loaded by the app that owns its records
# (cases: involvements; privacy: break-the-glass), one query each.
RelationLoader = Callable[[int], Iterable[Any]]
_LOADERS: dict[str, RelationLoader] = {}


def relation_loader(kind: str) -> Callable[[RelationLoader], RelationLoader]:
    """Register the loader of one field of `Relations` ("involved_cases": case
    stubs; "broken_glass": case ids)."""
    if kind not in Relations.__dataclass_fields__:
        raise ValueError(f"Unknown relation {kind!r}")

    def register(loader: RelationLoader) -> RelationLoader:
        _LOADERS[kind] = loader
        return loader

    return register


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    user: User | None = None
    organisation_id: int | None = None
    organisation_uuid: uuid.UUID | None = None
    organisation_name: str = ""
    memberships: tuple[TeamRole, ...] = ()
    functions: frozenset[str] = frozenset()
    # Loaded on first use (one query each), unless given: the teams for which
    # the actor is its organisation's intake, and the relations to cases.
    preloaded_intake_teams: frozenset[int] | None = field(default=None, repr=False)
    preloaded_relations: Relations | None = field(default=None, repr=False)
    # What the policy looked up for this actor (sharing facts per case): an
    # actor lives for one request, task or API call, and so does this.
    _memo: dict[Any, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def remember(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()` once per actor for `key`."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    @cached_property
    def intake_teams(self) -> frozenset[int]:
        """Teams for which the actor is its organisation's intake (IntakePoint)."""
        if self.preloaded_intake_teams is not None:
            return self.preloaded_intake_teams
        if self.user is None or self.organisation_id is None:
            return frozenset()
        return frozenset(
            IntakePoint.objects.filter(
                staff=self.user, organisation_id=self.organisation_id
            ).values_list("team_id", flat=True)
        )

    @cached_property
    def relations(self) -> Relations:
        """Cases the actor is involved in or broke the glass on (one query each,
        by the loaders the owning apps registered)."""
        if self.preloaded_relations is not None:
            return self.preloaded_relations
        if self.user is None:
            return Relations()
        user_id = self.user.pk
        loaded = {kind: load(user_id) for kind, load in _LOADERS.items()}
        return Relations(
            involved_cases=tuple(loaded.get("involved_cases", ())),
            broken_glass=frozenset(loaded.get("broken_glass", ())),
        )

    # --- who ------------------------------------------------------------------

    @property
    def is_authenticated(self) -> bool:
        return self.kind != ActorKind.ANONYMOUS

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    @property
    def acting_user(self) -> User:
        """The staff member acting, for the records that say who did it (who
        registered, decided, wrote). Residents and API clients will have their
        own fields; until then only staff write such records."""
        if self.user is None:
            raise PermissionDenied()
        return self.user

    @property
    def username(self) -> str:
        return self.user.get_username() if self.user is not None else ""

    def __str__(self) -> str:
        return str(self.user) if self.user is not None else str(self.kind.label)

    # --- teams, roles, functions ------------------------------------------------

    def team_ids(self, *roles: str) -> frozenset[int]:
        """Teams where the actor has one of `roles` (any role when none given)."""
        return frozenset(
            m.team_id for m in self.memberships if not roles or m.role in roles
        )

    def partner_team_ids(self) -> frozenset[int]:
        """The actor's teams that belong to one partner organisation."""
        return frozenset(
            m.team_id for m in self.memberships if m.team_organisation_id is not None
        )

    def has_role(self, *roles: str) -> bool:
        return bool(self.team_ids(*roles))

    def has_function(self, *functions: str) -> bool:
        return bool(self.functions.intersection(functions))

    def can_direct_in(self, team_id: int) -> bool:
        return any(m.team_id == team_id and m.can_direct for m in self.memberships)

    def audit_roles(self) -> list[str]:
        """Roles as the audit trail stores them: "role@team-uuid", sorted."""
        return sorted({f"{m.role}@{m.team_uuid}" for m in self.memberships})

    # --- relations ----------------------------------------------------------------

    def relation_to(self, case: CaseLike) -> Relation:
        """The strongest relation to `case`; no query."""
        if self.user is None:
            return Relation.NONE
        if case.director_id == self.user.pk:
            return Relation.DIRECTOR
        if case.team_id in self.team_ids(Role.TEAM_LEADER):
            return Relation.TEAM_LEADER
        if case.pk in self.relations.involved:
            if case.team_id in self.team_ids():
                return Relation.INVOLVED
            return Relation.INVOLVED_EXTERNAL
        if case.pk in self.relations.broken_glass:
            return Relation.BREAK_GLASS
        if case.team_id in self.team_ids():
            return Relation.TEAM_MEMBER
        return Relation.NONE


ANONYMOUS = Actor(kind=ActorKind.ANONYMOUS)
SYSTEM = Actor(kind=ActorKind.SYSTEM)


def for_user(user: User | AnonymousUser | None) -> Actor:
    """The actor for a staff user: one query for organisation, teams and roles;
    intake points and relations follow on first use, one query each."""
    if user is None or not user.is_authenticated or not isinstance(user, User):
        return ANONYMOUS
    rows = list(
        User.objects.filter(pk=user.pk).values_list(
            "organisation__uuid",
            "organisation__name",
            "memberships__team_id",
            "memberships__team__uuid",
            "memberships__role",
            "memberships__can_direct",
            "memberships__team__organisation_id",
        )
    )
    if not rows:
        return ANONYMOUS
    org_uuid, org_name = rows[0][0], rows[0][1] or ""
    memberships = tuple(
        TeamRole(team_id, team_uuid, role, bool(can_direct), team_organisation)
        for _u, _n, team_id, team_uuid, role, can_direct, team_organisation in rows
        if team_id is not None
    )
    return Actor(
        kind=ActorKind.STAFF,
        user=user,
        organisation_id=user.organisation_id,
        organisation_uuid=org_uuid,
        organisation_name=org_name,
        memberships=memberships,
        functions=frozenset({user.function} if user.function else set()),
    )
