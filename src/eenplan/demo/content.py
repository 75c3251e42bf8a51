# SPDX-License-Identifier: EUPL-1.2
"""The demo's stories: read from the TOML files in `stories/`, checked, typed.

What the households ask, the plans they make and the staff who help them are
data, so a writer can change a story without reading the seeding logic. Every
file is checked as it is loaded: a typo fails with the file and the key in the
message, before anything is written to the database.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
import typing
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from django.core.management.base import CommandError

from eenplan.accounts.models import User
from eenplan.assessments.domain import valid_score
from eenplan.intake.models import Request
from eenplan.organisations.models import Membership, Organisation
from eenplan.plans.models import Action, GoalProgress

STORIES_DIR = Path(__file__).resolve().parent / "stories"

# The household compositions `Seeder.composition` can build.
COMPOSITIONS = frozenset(
    {
        "single_adult",
        "single_elderly",
        "young_adult",
        "young_adult_with_parent",
        "elderly_couple",
        "single_parent",
        "three_generations",
        "couple_children",
    }
)


class StoryError(CommandError):
    """A story file is missing, is not valid TOML, or lacks what the seeding needs.

    A CommandError, so `manage.py seed_demo` prints the message, not a traceback.
    """


# --- municipality.toml --------------------------------------------------------------


class OrganisationText(NamedTuple):
    name: str
    kind: Organisation.Kind


class TeamText(NamedTuple):
    name: str
    # Comma-separated, as Team.postcode_areas stores them; "" for no area.
    postcode_areas: str = ""
    # An organisation key for a partner's own team; "" for a social team.
    organisation: str = ""


class StaffMembership(NamedTuple):
    team: str
    role: Membership.Role
    hours: Decimal
    can_direct: bool = False


@dataclasses.dataclass(frozen=True)
class Staff:
    username: str
    first_name: str
    last_name: str
    job_title: str
    organisation: str
    memberships: tuple[StaffMembership, ...] = ()
    superuser: bool = False
    # Organisation-wide function without case access (User.Function).
    function: str = ""


class IntakePointText(NamedTuple):
    """A partner organisation's intake for a team: who takes in requests routed
    to it and referrals about the team's households."""

    organisation: str
    team: str
    staff: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Municipality:
    city: str
    organisations: dict[str, OrganisationText]
    teams: dict[str, TeamText]
    staff: tuple[Staff, ...]
    intake_points: tuple[IntakePointText, ...] = ()


# --- themes/<key>.toml --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ActionText:
    description: str
    kind: Action.PerformerKind
    # "@member": an adult of the household; "@<username>": that demo user;
    # anything else is written as is.
    performer: str
    organisation: str = ""


@dataclasses.dataclass(frozen=True)
class GoalText:
    domain: str
    description: str
    target_level: int
    actions: tuple[ActionText, ...]


@dataclasses.dataclass(frozen=True)
class Theme:
    # The file name, without .toml.
    key: str
    compositions: tuple[str, ...]
    channels: tuple[str, ...]
    questions: tuple[str, ...]
    underlying_need: str
    # The life domains of this theme, most pressing first (at least three).
    domains: tuple[str, ...]
    screening_note: str
    intake_note: str
    goals: tuple[GoalText, ...]
    referrer: str = ""
    # Where one discipline sends it: an organisation key, or "" for the own team.
    one_discipline_to: str = ""
    # Only themes with an urgent note come in through the urgent route.
    urgent_note: str = ""
    # The director the team leader prefers for this theme (a username), if any.
    preferred_director: str = ""
    # The request is about a child too: the first child is named in it.
    involves_child: bool = False


# --- households.toml ----------------------------------------------------------------


class DoorQuestion(NamedTuple):
    question: str
    domain: str
    # What the front desk offered.
    offered: str


@dataclasses.dataclass(frozen=True)
class OverrideReasons:
    one_discipline: str
    integral: str


class Involved(NamedTuple):
    professional: str
    role: str


@dataclasses.dataclass(frozen=True)
class Involvement:
    with_children: Involved
    without_children: Involved


@dataclasses.dataclass(frozen=True)
class ReviewTexts:
    summary: str
    progress_notes: dict[GoalProgress.Progress, str]


@dataclasses.dataclass(frozen=True)
class ClosingNotes:
    goals_reached: str
    referred: str


@dataclasses.dataclass(frozen=True)
class RoutingAnswerText:
    """What a partner's intake answers when it sends a routed request back."""

    reason: str
    advice: str


@dataclasses.dataclass(frozen=True)
class Households:
    themes: tuple[str, ...]
    door_questions: tuple[DoorQuestion, ...]
    override_reasons: OverrideReasons
    involvement: Involvement
    review: ReviewTexts
    closing_notes: ClosingNotes
    routing_answer: RoutingAnswerText


# --- privacy.toml -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PrivacyStory:
    partner: str
    partner_professional: str
    partner_role: str
    partner_reason: str
    legal_basis_organisation: str
    referral_organisation: str
    colleague: str
    consent_purpose: str
    routing_purpose: str
    representative_name: str
    home_visit: str
    partner_report: str
    withdrawal_note: str
    legal_basis_explanation: str
    referral_question: str
    referral_reason: str
    break_glass_reason: str


@dataclasses.dataclass(frozen=True)
class Stories:
    municipality: Municipality
    themes: tuple[Theme, ...]
    households: Households
    privacy: PrivacyStory


# --- Loading ------------------------------------------------------------------------


@functools.cache
def load_stories(directory: Path = STORIES_DIR) -> Stories:
    """All stories of `directory`; StoryError lists every problem found."""
    problems: list[str] = []

    def load(relative: str, cls: type, **extra: Any) -> Any:
        path = directory / relative
        try:
            with path.open("rb") as file:
                data = tomllib.load(file)
        except FileNotFoundError:
            problems.append(f"{relative}: file not found")
            return None
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{relative}: not valid TOML: {error}")
            return None
        for key in extra:
            if key in data:
                problems.append(f"{relative}: {key!r} comes from the file name")
        return _build(cls, {**extra, **data}, f"{relative}:", problems)

    municipality = load("municipality.toml", Municipality)
    households = load("households.toml", Households)
    privacy = load("privacy.toml", PrivacyStory)
    listed = households.themes if households else ()
    themes = tuple(load(f"themes/{key}.toml", Theme, key=key) for key in listed)
    for path in sorted((directory / "themes").glob("*.toml")):
        if households and path.stem not in listed:
            problems.append(
                f"themes/{path.name}: not listed in `themes` of households.toml, "
                "so no household gets it"
            )
    if not problems:
        stories = Stories(municipality, themes, households, privacy)
        _check(stories, problems)
    if problems:
        raise StoryError(
            f"The demo stories in {directory} are incomplete:\n  "
            + "\n  ".join(problems)
        )
    return stories


def _build(
    hint: Any, value: Any, where: str, problems: list[str], required: bool = True
) -> Any:
    """`value`, parsed from TOML, as the type `hint`; problems are appended.

    A field without a default must be there and not be empty ("", [] or {}).
    """
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if dataclasses.is_dataclass(hint) or hasattr(hint, "_fields"):
        if not isinstance(value, dict):
            problems.append(f"{where.rstrip(':')}: expected a table, found {value!r}")
            return None
        if dataclasses.is_dataclass(hint):
            names = [f.name for f in dataclasses.fields(hint)]
            optional = {
                f.name
                for f in dataclasses.fields(hint)
                if f.default is not dataclasses.MISSING
            }
        else:
            names, optional = list(hint._fields), set(hint._field_defaults)
        hints = typing.get_type_hints(hint)
        # "file.toml: key", then "file.toml: key.sub".
        prefix = f"{where} " if where.endswith(":") else f"{where}."
        for key in sorted(value.keys() - set(names)):
            problems.append(
                f"{prefix}{key}: unknown key (known: {', '.join(sorted(names))})"
            )
        fields = {}
        for name in names:
            if name in value:
                fields[name] = _build(
                    hints[name],
                    value[name],
                    f"{prefix}{name}",
                    problems,
                    required=name not in optional,
                )
            elif name not in optional:
                problems.append(f"{prefix}{name}: missing")
        if any(name not in fields for name in names if name not in optional):
            return None
        return hint(**fields)
    if origin is tuple:
        if not isinstance(value, list):
            problems.append(f"{where}: expected an array, found {value!r}")
            return ()
        if required and not value:
            problems.append(f"{where}: empty")
        return tuple(
            _build(args[0], item, f"{where}[{index}]", problems)
            for index, item in enumerate(value)
        )
    if origin is dict:
        if not isinstance(value, dict):
            problems.append(f"{where}: expected a table, found {value!r}")
            return {}
        if required and not value:
            problems.append(f"{where}: empty")
        return {
            _build(args[0], key, f"{where}.{key}", problems): _build(
                args[1], item, f"{where}.{key}", problems
            )
            for key, item in value.items()
        }
    if isinstance(hint, type) and issubclass(hint, Enum):
        # The model's choice itself, as the seeding used before the story files.
        try:
            return hint(value)
        except ValueError:
            choices = ", ".join(str(member.value) for member in hint)
            problems.append(f"{where}: {value!r} is not one of {choices}")
            return value
    if hint is Decimal:
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            return Decimal(str(value))
        except InvalidOperation:
            problems.append(f"{where}: expected a number, found {value!r}")
            return value
    if hint not in (str, int, bool):  # a type this loader does not read yet
        raise TypeError(f"{where}: cannot read {hint!r}")
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        problems.append(f"{where}: expected {hint.__name__}, found {value!r}")
    elif required and hint is str and not value.strip():
        problems.append(f"{where}: empty")
    return value


def _check(stories: Stories, problems: list[str]) -> None:
    """What the seeding needs across files: every key a story names exists."""
    town = stories.municipality
    usernames = [staff.username for staff in town.staff]

    def known(where: str, value: str, keys, what: str) -> None:
        if value not in keys:
            problems.append(f"{where}: {value!r} is not {what}")

    def organisation(where: str, key: str) -> None:
        known(where, key, town.organisations, "an organisation of municipality.toml")

    def user(where: str, username: str) -> None:
        known(where, username, usernames, "a staff username of municipality.toml")

    if len(set(usernames)) != len(usernames):
        problems.append("municipality.toml: staff: a username occurs twice")
    for index, staff in enumerate(town.staff):
        where = f"municipality.toml: staff[{index}]"
        organisation(f"{where}.organisation", staff.organisation)
        known(f"{where}.function", staff.function, User.Function.values, "a function")
        for number, membership in enumerate(staff.memberships):
            known(
                f"{where}.memberships[{number}].team",
                membership.team,
                town.teams,
                "a team of municipality.toml",
            )

    for key, team in town.teams.items():
        if team.organisation:
            organisation(
                f"municipality.toml: teams.{key}.organisation", team.organisation
            )
    for index, point in enumerate(town.intake_points):
        where = f"municipality.toml: intake_points[{index}]"
        organisation(f"{where}.organisation", point.organisation)
        known(f"{where}.team", point.team, town.teams, "a team of municipality.toml")
        for number, username in enumerate(point.staff):
            user(f"{where}.staff[{number}]", username)

    households = stories.households
    if len(set(households.themes)) != len(households.themes):
        problems.append("households.toml: themes: a theme occurs twice")
    if not any(theme.urgent_note for theme in stories.themes):
        problems.append("themes: none has an urgent_note; the urgent route needs one")
    for theme in stories.themes:
        where = f"themes/{theme.key}.toml:"
        if len(theme.domains) < 3 or len(set(theme.domains)) != len(theme.domains):
            problems.append(f"{where} domains: three or more, each once")
        for value in theme.compositions:
            known(f"{where} compositions", value, COMPOSITIONS, "a composition")
        for value in theme.channels:
            known(f"{where} channels", value, Request.Channel.values, "a channel")
        if Request.Channel.REFERRER in theme.channels and not theme.referrer:
            problems.append(f"{where} referrer: needed for the channel 'referrer'")
        if theme.one_discipline_to:
            organisation(f"{where} one_discipline_to", theme.one_discipline_to)
        if theme.preferred_director:
            user(f"{where} preferred_director", theme.preferred_director)
        for number, goal in enumerate(theme.goals):
            goal_where = f"{where} goals[{number}]"
            if not valid_score(goal.target_level):
                problems.append(f"{goal_where}.target_level: a ZRM level, 1 to 5")
            for index, action in enumerate(goal.actions):
                action_where = f"{goal_where}.actions[{index}]"
                if action.organisation:
                    organisation(f"{action_where}.organisation", action.organisation)
                if action.performer.startswith("@") and action.performer != "@member":
                    user(f"{action_where}.performer", action.performer[1:])
    for progress in GoalProgress.Progress:
        if progress not in households.review.progress_notes:
            problems.append(
                f"households.toml: review.progress_notes.{progress}: missing"
            )
    for name in ("with_children", "without_children"):
        involved = getattr(households.involvement, name)
        user(f"households.toml: involvement.{name}.professional", involved.professional)

    privacy = stories.privacy
    for name in ("partner", "legal_basis_organisation", "referral_organisation"):
        organisation(f"privacy.toml: {name}", getattr(privacy, name))
    for name in ("partner_professional", "colleague"):
        user(f"privacy.toml: {name}", getattr(privacy, name))
