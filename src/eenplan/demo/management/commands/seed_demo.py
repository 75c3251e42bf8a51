# SPDX-License-Identifier: EUPL-1.2
"""Demo data for `make run`: Gemeente Voorbeeld with households in every stage.

Everything is built through the real services, acting as the demo user who
would do it (front desk, team leader, director), so the invariants hold and the
audit trail is written. Dates are relative to today and go back about six
months; the same `--seed` gives the same data on the same day. The stories
(who lives there, what they ask, the plans they make) are the TOML files in
`eenplan/demo/stories/`; this module only builds them through the services.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from eenplan.access.actor import for_user as as_actor
from eenplan.access.categories import Category
from eenplan.assessments import services as assessment_services
from eenplan.assessments.models import Assessment, LifeDomain
from eenplan.cases import services as case_services
from eenplan.cases.models import Case
from eenplan.consultations.models import Forum
from eenplan.core.bsn import is_valid_bsn
from eenplan.demo import catalogue
from eenplan.demo.accounts import DEMO_PASSWORD, require_demo_mode
from eenplan.demo.content import ActionText, Theme, load_stories
from eenplan.demo.privacy_story import GIVER, add_privacy_story
from eenplan.intake import services as intake_services
from eenplan.intake.models import Outcome, Request, Screening, TriageDecision
from eenplan.organisations.models import (
    Expertise,
    IntakePoint,
    Membership,
    Organisation,
    Team,
)
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.people.services import NewPerson, household_create
from eenplan.plans import services as plan_services
from eenplan.plans.models import Action as PlanAction
from eenplan.plans.models import GoalProgress, Plan
from eenplan.privacy import services as privacy_services
from eenplan.privacy.models import Consent, DataCategory

DAY = datetime.timedelta(days=1)
REVIEW_WEEKS = 6

FRONT_DESK = Membership.Role.FRONT_DESK
TEAM_LEADER = Membership.Role.TEAM_LEADER
# The teams of municipality.toml the households live in, half of them each.
HOUSEHOLD_TEAMS = ("noord", "zuid")

# --- Stages of the flow ------------------------------------------------------------

AWAITING_TRIAGE = "request awaiting triage"
SCREENED = "screened, not triaged"
SOLVED = "solved at the door"
ONE_DISCIPLINE = "one discipline (routed)"
URGENT = "urgent, awaiting director"
INTEGRAL = "integral, awaiting director"
CASE_OPEN = "case open, no intake"
CASE_INTAKE = "case with intake and ZRM"
PLAN_DRAFT = "plan draft"
PLAN_AGREED = "plan agreed, review ahead"
PLAN_OVERDUE = "plan agreed, review overdue"
PLAN_V2 = "reviewed, plan v2 agreed"
CLOSED = "case closed"

# How many of the default 40 households are in each stage.
STAGE_WEIGHTS = (
    (AWAITING_TRIAGE, 3),
    (SCREENED, 2),
    (SOLVED, 4),
    (ONE_DISCIPLINE, 4),
    (URGENT, 2),
    (INTEGRAL, 3),
    (CASE_OPEN, 2),
    (CASE_INTAKE, 4),
    (PLAN_DRAFT, 3),
    (PLAN_AGREED, 4),
    (PLAN_OVERDUE, 3),
    (PLAN_V2, 3),
    (CLOSED, 3),
)
# (stage, occurrence) of the case households that came in as urgent.
URGENT_CASES = {(CASE_OPEN, 1), (CLOSED, 0)}
CASE_STAGES = (
    CASE_OPEN,
    CASE_INTAKE,
    PLAN_DRAFT,
    PLAN_AGREED,
    PLAN_OVERDUE,
    PLAN_V2,
    CLOSED,
)


# The expertise a professional brings from their organisation (demo only).
EXPERTISE_OF_KIND = {
    "municipality": "wmo",
    "youth_care": "youth",
    "mental_health": "ggz",
    "lvb": "lvb",
    "debt_help": "debt",
    "income": "income",
    "reintegration": "work",
    "welfare": "welfare",
}


def stage_sequence() -> list[str]:
    """The stages interleaved, so the first 13 households cover every stage once."""
    sequence, round_ = [], 0
    while len(sequence) < sum(w for _s, w in STAGE_WEIGHTS):
        sequence += [s for s, w in STAGE_WEIGHTS if w > round_]
        round_ += 1
    return sequence


POSTCODE_LETTERS = "ABCDEFGHJKLMNPRTVWXZ"


# --- Timeline ------------------------------------------------------------------------


@dataclass
class Timeline:
    received: datetime.date
    triaged: datetime.date | None = None
    opened: datetime.date | None = None
    intake: datetime.date | None = None
    v1_agreed: datetime.date | None = None
    v1_review_due: datetime.date | None = None
    review: datetime.date | None = None
    v2_agreed: datetime.date | None = None
    v2_review_due: datetime.date | None = None
    closed: datetime.date | None = None
    extra: dict = field(default_factory=dict)


class Seeder:
    def __init__(self, *, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.today = today
        self.stories = load_stories()
        self.domains = {d.code: d for d in LifeDomain.objects.filter(active=True)}
        missing = {
            code
            for t in self.stories.themes
            for code in t.domains
            if code not in self.domains
        }
        if missing:
            raise CommandError(
                f"Life domains missing (run migrate): {', '.join(sorted(missing))}"
            )
        self.bsns: set[str] = set()

    # --- Organisations, teams and staff ----------------------------------------------

    def answer_routed(self, request, organisation, team, occurrence: int) -> None:
        """The partner's intake picks up the first request routed to it and sends
        the second back (with reason and advice); others wait for it."""
        if occurrence > 1:
            return
        intake = IntakePoint.objects.get(organisation=organisation, team=team)
        receiver = intake.staff.order_by("pk").first()
        text = self.stories.households.routing_answer
        intake_services.routed_answer(
            actor=as_actor(receiver),
            request=request,
            accept=occurrence == 0,
            reason="" if occurrence == 0 else text.reason,
            advice="" if occurrence == 0 else text.advice,
        )

    def consent_to_route(self, desk, request, organisation, on) -> None:
        """The people of the request agree at the desk that their request goes
        to `organisation` (basic data and the request itself)."""
        categories = DataCategory.objects.filter(
            code__in=[Category.BASIC, Category.CASE_FILE]
        )
        for person in request.persons.all():
            decides = privacy_services.who_decides(person, on)
            given_by = GIVER[decides]
            privacy_services.consent_record(
                actor=as_actor(desk),
                person=person,
                organisations=[organisation],
                categories=categories,
                purpose=self.stories.privacy.routing_purpose,
                given_on=on,
                given_how=Consent.GivenHow.VERBAL,
                given_by=given_by,
                representative_name=(
                    ""
                    if given_by == "person"
                    else self.stories.privacy.representative_name
                ),
            )

    def municipality(self) -> None:
        town = self.stories.municipality
        self.orgs = {
            key: Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[
                0
            ]
            for key, (name, kind) in town.organisations.items()
        }
        self.teams = {
            key: Team.objects.get_or_create(
                name=name,
                defaults={
                    "kind": Team.Kind.INTEGRAL,
                    "postcode_areas": areas,
                    "organisation": self.orgs[organisation] if organisation else None,
                },
            )[0]
            for key, (name, areas, organisation) in town.teams.items()
        }
        user_model = get_user_model()
        self.users = {}
        encoded = None
        for staff in town.staff:
            user, created = user_model.objects.get_or_create(
                username=staff.username,
                defaults={
                    "first_name": staff.first_name,
                    "last_name": staff.last_name,
                    "email": f"{staff.username}@gemeente-voorbeeld.example",
                    "job_title": staff.job_title,
                    "organisation": self.orgs[staff.organisation],
                    "is_staff": staff.superuser,
                    "is_superuser": staff.superuser,
                    "function": staff.function,
                    "is_demo_account": True,
                },
            )
            if created:
                # One PBKDF2 run is ~0.2 s: hash once, share the hash between the
                # demo accounts (they all have the same, published password).
                if encoded is None:
                    user.set_password(DEMO_PASSWORD)
                    encoded = user.password
                else:
                    user.password = encoded
                user.save(update_fields=["password"])
            for team_key, role, hours, can_direct in staff.memberships:
                Membership.objects.get_or_create(
                    user=user,
                    team=self.teams[team_key],
                    role=role,
                    defaults={
                        "hours_per_week": Decimal(hours),
                        "can_direct": can_direct,
                    },
                )
            self.users[staff.username] = user
        for point in town.intake_points:
            intake, _new = IntakePoint.objects.get_or_create(
                organisation=self.orgs[point.organisation], team=self.teams[point.team]
            )
            intake.staff.add(*(self.users[username] for username in point.staff))
        self.expertise_and_forum()
        mark_demo_accounts()

    def expertise_and_forum(self) -> None:
        """Issue 11: each professional's expertise by what their organisation
        does, and the team leaders' forum that decides escalated cases."""
        fields = {e.code: e for e in Expertise.objects.all()}
        for user in self.users.values():
            if not user.memberships.exclude(role=FRONT_DESK).exists():
                continue
            code = EXPERTISE_OF_KIND.get(user.organisation.kind)
            if code in fields:
                fields[code].professionals.add(user)
        leaders = [
            user
            for user in self.users.values()
            if user.memberships.filter(role=TEAM_LEADER).exists()
        ]
        forum, _new = Forum.objects.get_or_create(
            name="Verbindend overleg teammanagers",
            defaults={"cadence": "maandelijks"},
        )
        forum.members.add(*leaders)

    def front_desk(self, team: Team):
        desks = [
            self.users[s.username]
            for s in self.stories.municipality.staff
            if any(
                self.teams[k] == team and r == FRONT_DESK
                for k, r, _h, _d in s.memberships
            )
        ]
        return self.rng.choice(desks)

    def team_leader(self, team: Team):
        return next(
            self.users[s.username]
            for s in self.stories.municipality.staff
            if any(
                self.teams[k] == team and r == TEAM_LEADER
                for k, r, _h, _d in s.memberships
            )
        )

    def director(self, team: Team, theme: Theme):
        candidates = case_services.directors_for_team(team)
        # Prefer the profession that fits the household's main worry.
        preferred = theme.preferred_director
        if not candidates:
            raise CommandError(f"No director in {team}.")
        for user in candidates:
            if user.username == preferred and self.rng.random() < 0.6:
                return self.users.get(user.username, user)
        user = self.rng.choice(candidates)
        return self.users.get(user.username, user)

    # --- People --------------------------------------------------------------------

    def bsn(self) -> str:
        while True:
            candidate = str(self.rng.randint(100_000_000, 999_999_999))
            if (
                is_valid_bsn(candidate)
                and candidate not in self.bsns
                and not Person.objects.filter(bsn=candidate).exists()
            ):
                self.bsns.add(candidate)
                return candidate

    def birth_date(self, age: int) -> datetime.date:
        return self.today - datetime.timedelta(
            days=age * 365 + age // 4 + self.rng.randint(1, 360)
        )

    def person(self, relation: str, age: int, family: str, sex: str) -> NewPerson:
        given = (
            self.fake.first_name_female() if sex == "f" else self.fake.first_name_male()
        )
        adult = age >= 18
        phone = email = ""
        if adult and self.rng.random() < 0.6:
            phone = f"06-{self.rng.randint(10_000_000, 99_999_999)}"
        if adult and self.rng.random() < 0.4:
            email = f"{slugify(given)}.{slugify(family)}@example.org"
        return NewPerson(
            given_names=given,
            family_name=family,
            birth_date=self.birth_date(age),
            relation=relation,
            bsn=self.bsn() if self.rng.random() < 0.5 else "",
            phone=phone,
            email=email,
        )

    def children(self, family: str, parent_age: int, count: int) -> list[NewPerson]:
        oldest = min(16, parent_age - 20)
        return [
            self.person(
                HouseholdMember.Relation.CHILD,
                self.rng.randint(0, max(0, oldest)),
                family,
                self.rng.choice("fm"),
            )
            for _ in range(count)
        ]

    def composition(self, kind: str) -> list[NewPerson]:
        r = self.rng.randint
        family = self.fake.last_name()
        rel = HouseholdMember.Relation
        sex = self.rng.choice("fm")
        other = "m" if sex == "f" else "f"
        if kind == "single_adult":
            return [self.person(rel.OTHER, r(24, 60), family, sex)]
        if kind == "single_elderly":
            return [self.person(rel.OTHER, r(68, 89), family, sex)]
        if kind == "young_adult":
            return [self.person(rel.OTHER, r(19, 26), family, sex)]
        if kind == "young_adult_with_parent":
            parent_age = r(45, 58)
            return [
                self.person(rel.CHILD, r(19, 24), family, "m"),
                self.person(rel.PARENT, parent_age, family, self.rng.choice("fm")),
                # Sometimes a younger brother or sister still lives at home.
                *self.children(family, parent_age, r(0, 1)),
            ]
        if kind == "elderly_couple":
            age = r(70, 86)
            return [
                self.person(rel.PARTNER, age, family, "f"),
                self.person(rel.PARTNER, age + r(-3, 4), family, "m"),
            ]
        if kind == "single_parent":
            age = r(26, 48)
            parent = self.person(rel.PARENT, age, family, sex)
            return [parent, *self.children(family, age, r(1, 3))]
        if kind == "three_generations":
            age = r(28, 42)
            parent = self.person(rel.PARENT, age, family, "f")
            grandparent = self.person(rel.OTHER, age + r(22, 30), family, "f")
            return [parent, grandparent, *self.children(family, age, r(1, 3))]
        # couple_children
        age = r(27, 50)
        partner_family = family if self.rng.random() < 0.5 else self.fake.last_name()
        return [
            self.person(rel.PARENT, age, family, sex),
            self.person(rel.PARENT, age + r(-4, 4), partner_family, other),
            *self.children(family, age, r(1, 3)),
        ]

    def address(self, team: Team) -> dict:
        area = self.rng.choice(team.postcode_areas.split(","))
        letters = "".join(self.rng.choice(POSTCODE_LETTERS) for _ in range(2))
        suffix = self.rng.choice(["", "", "", "", "A", "B", "bis", "2"])
        return {
            # The service stores it without the space, in upper case.
            "postcode": f"{area} {letters}",
            "house_number": self.rng.randint(1, 180),
            "house_number_suffix": suffix,
            "street": self.fake.street_name(),
            "city": self.stories.municipality.city,
        }

    # --- Timeline per stage ----------------------------------------------------------

    def timeline(self, stage: str, urgent: bool, with_review: bool) -> Timeline:
        r = self.rng.randint
        today = self.today

        def ago(low: int, high: int) -> datetime.date:
            return today - r(low, high) * DAY

        def later(day: datetime.date, low: int, high: int) -> datetime.date:
            return min(today, day + r(low, high) * DAY)

        if stage == AWAITING_TRIAGE:
            return Timeline(received=ago(0, 3))
        if stage == SCREENED:
            received = ago(1, 4)
            return Timeline(
                received=received, extra={"screened": later(received, 0, 1)}
            )
        if stage == SOLVED:
            received = ago(3, 170)
            return Timeline(received=received, triaged=received)
        if stage == ONE_DISCIPLINE:
            received = ago(3, 150)
            return Timeline(received=received, triaged=later(received, 0, 2))
        if stage == URGENT:
            received = ago(0, 1)
            return Timeline(received=received, triaged=received)
        if stage == INTEGRAL:
            received = ago(2, 12)
            return Timeline(received=received, triaged=later(received, 0, 2))

        # Case stages: work back from the latest event.
        t = Timeline(received=today)
        if stage == CASE_OPEN:
            t.opened = ago(2, 14)
        elif stage == CASE_INTAKE:
            t.intake = ago(1, 20)
        elif stage == PLAN_DRAFT:
            t.intake = ago(5, 25)
        elif stage == PLAN_AGREED:
            t.v1_agreed = ago(3, 35)
            t.v1_review_due = t.v1_agreed + REVIEW_WEEKS * 7 * DAY
        elif stage == PLAN_OVERDUE:
            t.v1_agreed = ago(50, 90)
            t.v1_review_due = t.v1_agreed + r(28, 42) * DAY
        elif stage == PLAN_V2:
            t.v2_agreed = ago(3, 30)
        elif stage == CLOSED:
            t.closed = ago(5, 40)
            if with_review:
                t.v2_agreed = t.closed - r(30, 40) * DAY
            else:
                t.v1_agreed = t.closed - r(20, 40) * DAY
        if t.v2_agreed:
            t.v2_review_due = t.v2_agreed + REVIEW_WEEKS * 7 * DAY
            t.review = t.v2_agreed - r(0, 4) * DAY
            t.v1_agreed = t.review - r(35, 42) * DAY
        if t.v1_agreed:
            t.v1_review_due = t.v1_review_due or (t.v1_agreed + REVIEW_WEEKS * 7 * DAY)
            t.intake = t.v1_agreed - r(10, 20) * DAY
        if t.intake:
            t.opened = t.intake - r(4, 10) * DAY
        # The urgent route opens the case the same day; otherwise within days.
        t.triaged = t.opened if urgent else t.opened - r(0, 3) * DAY
        t.received = t.triaged - (0 if urgent else r(0, 2)) * DAY
        return t

    # --- Screening levels ----------------------------------------------------------

    def levels(self, theme: Theme, suggestion: str) -> tuple[dict, bool]:
        """Screening levels (and a safety concern) that make the rules suggest this."""
        first, second, third = theme.domains[:3]
        if suggestion == Outcome.URGENT:
            return {first: 1, second: 2, third: 3}, True
        if suggestion == Outcome.INTEGRAL:
            if self.rng.random() < 0.3:
                return {first: 3, second: 3, third: 3}, False
            return {first: 2, second: 2, third: 3}, False
        if suggestion == Outcome.ONE_DISCIPLINE:
            return {first: self.rng.choice([2, 3]), second: 4}, False
        return {first: 4}, False

    def check_suggestion(self, screening: Screening, expected: str) -> None:
        suggested = intake_services.screening_evaluate(screening).suggested_outcome
        if suggested != expected:  # a change in the published rules
            raise CommandError(
                f"The triage rules suggest {suggested!r} where the demo expects "
                f"{expected!r}: update seed_demo to the rules."
            )

    # --- ZRM scores ----------------------------------------------------------------

    def intake_scores(self, theme: Theme) -> dict[str, int]:
        scores = {}
        for code in self.domains:
            if code == theme.domains[0]:
                level = self.rng.choice([1, 2, 2])
            elif code in theme.domains[1:3]:
                level = self.rng.choice([2, 2, 3])
            elif code in theme.domains:
                level = self.rng.choice([2, 3, 3, 4])
            elif code == "justitie":
                level = self.rng.choice([4, 5, 5, 5])
            else:
                level = self.rng.choice([3, 4, 4, 5, 5])
            scores[code] = level
        return scores

    def jitter(self, scores: dict[str, int], theme: Theme) -> dict[str, int]:
        """Another adult of the household: the same worries, other details."""
        return {
            code: level
            if code == theme.domains[0]
            else max(1, min(5, level + self.rng.choice([-1, 0, 0, 1])))
            for code, level in scores.items()
        }

    def improve(self, scores: dict[str, int], theme: Theme) -> dict[str, int]:
        """Scores some weeks later: the worked-on domains mostly go up."""
        result = {}
        for code, level in scores.items():
            chance = 0.6 if code in theme.domains else 0.15
            if level < 5 and self.rng.random() < chance:
                level += 1
            elif level > 1 and self.rng.random() < 0.04:
                level -= 1
            result[code] = level
        return result

    def record_zrm(self, director, case, per_person, kind, on) -> None:
        for person, scores in per_person.items():
            assessment_services.assessment_record(
                actor=as_actor(director),
                case=case,
                person=person,
                kind=kind,
                assessed_on=on,
                scores={self.domains[c]: s for c, s in scores.items()},
            )

    # --- Plans --------------------------------------------------------------------

    def performer(self, text: ActionText, adults: list[Person]) -> str:
        if text.performer == "@member":
            return self.rng.choice(adults).given_names
        if text.performer.startswith("@"):
            user = self.users[text.performer[1:]]
            return f"{user.get_full_name()} ({user.job_title.lower()})"
        return text.performer

    def add_goals(self, director, plan, goals, adults, start: datetime.date) -> None:
        for goal_text in goals:
            goal = plan_services.goal_add(
                actor=as_actor(director),
                plan=plan,
                domain=self.domains[goal_text.domain],
                description=goal_text.description,
                target_level=goal_text.target_level,
                lock_version=plan.lock_version,
            )
            for action in goal_text.actions:
                due_on = start + self.rng.randint(7, 56) * DAY
                added = plan_services.action_add(
                    actor=as_actor(director),
                    plan=plan,
                    goal=goal,
                    description=action.description,
                    performer_kind=action.kind,
                    performer=self.performer(action, adults),
                    organisation=self.orgs[action.organisation]
                    if action.organisation
                    else None,
                    due_on=max(due_on, self.today),
                    lock_version=plan.lock_version,
                )
                if due_on < self.today:
                    # Planned when the story's plan was written: due back then.
                    PlanAction.objects.filter(pk=added.pk).update(due_on=due_on)

    def agree(self, director, plan, adults, on, review_due) -> Plan:
        names = [p.given_names for p in adults]
        return plan_services.plan_agree(
            actor=as_actor(director),
            plan=plan,
            agreed_on=on,
            agreed_how=self.rng.choice(
                [Plan.AgreedHow.IN_PERSON] * 3 + [Plan.AgreedHow.PHONE]
            ),
            agreed_with=" en ".join(names) if len(names) <= 2 else names[0],
            next_review_due=review_due,
            lock_version=plan.lock_version,
        )

    # --- One household -------------------------------------------------------------

    def household(self, stage: str, occurrence: int) -> None:
        rng = self.rng
        north, south = HOUSEHOLD_TEAMS
        team = self.teams[north if rng.random() < 0.5 else south]
        # Two case households came in through the urgent (crisis) route.
        urgent = stage == URGENT or (stage, occurrence) in URGENT_CASES
        themes = self.stories.themes
        if urgent:
            themes = tuple(t for t in themes if t.urgent_note)
        stage_index = [s for s, _w in STAGE_WEIGHTS].index(stage)
        theme = themes[(occurrence + stage_index) % len(themes)]
        timeline = self.timeline(stage, urgent=urgent, with_review=occurrence % 3 != 2)
        desk = self.front_desk(team)
        members = self.composition(rng.choice(theme.compositions))
        household = household_create(
            actor=as_actor(desk), team=team, members=members, **self.address(team)
        )
        persons = [
            m.person
            for m in household.memberships.select_related("person").order_by("pk")
        ]
        # Registered in the system on the day the request came in.
        household.memberships.update(since=timeline.received)

        # The request.
        adults = [p for p in persons if p.is_adult_on(self.today)]
        if stage == SOLVED:
            door_questions = self.stories.households.door_questions
            question, door_domain, door_note = door_questions[
                occurrence % len(door_questions)
            ]
            involved = adults[:1]
            underlying = ""
            channel = rng.choice(["desk", "phone", "online"])
        else:
            question = rng.choice(theme.questions)
            children = [p for p in persons if p not in adults]
            involved = adults[:1] + (children[:1] if theme.involves_child else [])
            # The question behind the question is often only clear after triage.
            explained_later = stage in CASE_STAGES or rng.random() < 0.5
            underlying = "" if explained_later else theme.underlying_need
            channel = rng.choice(theme.channels)
        request = intake_services.request_register(
            actor=as_actor(desk),
            household=household,
            channel=channel,
            question=question,
            persons=involved,
            underlying_need=underlying,
            referrer=theme.referrer if channel == "referrer" else "",
            received_on=timeline.received,
        )
        if stage == AWAITING_TRIAGE:
            return

        # Screening: levels chosen so the rules suggest what the story needs;
        # one household in each of two stages is an override, with a reason.
        override_reason = ""
        reasons = self.stories.households.override_reasons
        if stage == SOLVED:
            levels, safety = {door_domain: 4}, False
            outcome = suggestion = Outcome.SOLVED_AT_DOOR
            notes = door_note
        else:
            if urgent:
                outcome = Outcome.URGENT
            elif stage == ONE_DISCIPLINE:
                outcome = Outcome.ONE_DISCIPLINE
            else:
                outcome = Outcome.INTEGRAL
            suggestion = outcome
            if stage == SCREENED:
                suggestion = rng.choice([Outcome.ONE_DISCIPLINE, Outcome.INTEGRAL])
            elif stage == ONE_DISCIPLINE and occurrence == 1:
                suggestion = Outcome.INTEGRAL
                override_reason = reasons.one_discipline
            elif stage == INTEGRAL and occurrence == 1:
                suggestion = Outcome.ONE_DISCIPLINE
                override_reason = reasons.integral
            levels, safety = self.levels(theme, suggestion)
            notes = theme.urgent_note if urgent else theme.screening_note
        screening = intake_services.screening_record(
            actor=as_actor(desk),
            request=request,
            levels={self.domains[c]: level for c, level in levels.items()},
            safety_concerns=safety,
            notes=notes,
        )
        self.check_suggestion(screening, suggestion)
        if stage == SCREENED:
            self.stamp(
                Screening, screening.pk, "screened_at", timeline.extra["screened"]
            )
            return
        self.stamp(Screening, screening.pk, "screened_at", timeline.triaged)

        target_team = target_org = None
        if outcome == Outcome.ONE_DISCIPLINE:
            if theme.one_discipline_to and (override_reason or rng.random() < 0.7):
                target_org = self.orgs[theme.one_discipline_to]
                # Routing outside the team rests on consent, asked at the desk.
                self.consent_to_route(desk, request, target_org, timeline.triaged)
            else:
                target_team = team
        solved = {}
        if outcome == Outcome.SOLVED_AT_DOOR:
            # What the front desk offered: information or an offer in the wijk.
            solved = {
                "solved_with": TriageDecision.SolvedWith.INFORMATION,
                "solved_note": notes,
            }
        decision = intake_services.triage_decide(
            actor=as_actor(desk),
            request=request,
            outcome=outcome,
            override_reason=override_reason,
            target_team=target_team,
            target_organisation=target_org,
            **solved,
        )
        self.stamp(TriageDecision, decision.pk, "decided_at", timeline.triaged)
        if target_org is not None:
            self.answer_routed(request, target_org, team, occurrence)
        if stage not in CASE_STAGES:
            return

        # The case, with one director chosen by the team leader.
        director = self.director(team, theme)
        case = case_services.case_open(
            actor=as_actor(self.team_leader(team)), request=request, director=director
        )
        # case_open stamps today; the story started earlier.
        Case.objects.filter(pk=case.pk).update(opened_on=timeline.opened)
        case.opened_on = timeline.opened
        if stage == CASE_OPEN:
            return

        case_services.intake_record(
            actor=as_actor(director),
            case=case,
            held_on=timeline.intake,
            underlying_need=theme.underlying_need,
            notes=theme.intake_note,
        )
        self.involve(director, case, occurrence)
        assessed = case_services.adults_of(case, timeline.intake)
        scores = self.intake_scores(theme)
        per_person = {
            p: scores if i == 0 else self.jitter(scores, theme)
            for i, p in enumerate(assessed)
        }
        self.record_zrm(
            director, case, per_person, Assessment.Kind.INTAKE, timeline.intake
        )
        if stage == CASE_INTAKE:
            return

        plan = plan_services.plan_start(actor=as_actor(director), case=case)
        goal_count = rng.randint(2, 3)
        start = self.today if stage == PLAN_DRAFT else timeline.v1_agreed
        self.add_goals(director, plan, theme.goals[:goal_count], adults, start)
        if stage == PLAN_DRAFT:
            return
        plan = self.agree(
            director, plan, adults, timeline.v1_agreed, timeline.v1_review_due
        )
        if stage in (PLAN_AGREED, PLAN_OVERDUE):
            return

        if timeline.review:
            plan = self.review(director, plan, theme, adults, timeline, goal_count)
            per_person = {p: self.improve(s, theme) for p, s in per_person.items()}
            self.record_zrm(
                director, case, per_person, Assessment.Kind.REVIEW, timeline.review
            )
        if stage == PLAN_V2:
            return

        # Closed, with a final ZRM for every adult.
        final = {
            p: self.improve(per_person.get(p, scores), theme)
            for p in case_services.adults_of(case, timeline.closed)
        }
        reason = (
            Case.ClosureReason.GOALS_REACHED
            if occurrence % 3 != 1
            else Case.ClosureReason.REFERRED
        )
        notes = self.stories.households.closing_notes
        case_services.case_close(
            actor=as_actor(director),
            case=case,
            reason=reason,
            note=(
                notes.goals_reached
                if reason == Case.ClosureReason.GOALS_REACHED
                else notes.referred
            ),
            closed_on=timeline.closed,
            final_scores={
                p: {self.domains[c]: s for c, s in sc.items()}
                for p, sc in final.items()
            },
            lock_version=case.lock_version,
        )

    def involve(self, director, case, occurrence: int) -> None:
        """Every other case gets a second professional at the kitchen table."""
        if occurrence % 2:
            return
        has_child = case.household.memberships.filter(
            relation="child", until__isnull=True
        ).exists()
        involvement = self.stories.households.involvement
        username, role = (
            involvement.with_children if has_child else involvement.without_children
        )
        professional = self.users[username]
        if professional.pk != case.director_id:
            case_services.involvement_add(
                actor=as_actor(director),
                case=case,
                professional=professional,
                role=role,
            )

    def review(self, director, plan, theme, adults, timeline, goal_count) -> Plan:
        goals = list(plan.goals.order_by("position"))
        values = [
            GoalProgress.Progress.ON_TRACK,
            self.rng.choice(
                [GoalProgress.Progress.REACHED, GoalProgress.Progress.ON_TRACK]
            ),
            self.rng.choice(
                [GoalProgress.Progress.NO_PROGRESS, GoalProgress.Progress.DROPPED]
            ),
        ]
        texts = self.stories.households.review
        progress = {
            goal: (values[i], texts.progress_notes[values[i]])
            for i, goal in enumerate(goals)
        }
        draft = plan_services.review_record(
            actor=as_actor(director),
            plan=plan,
            held_on=timeline.review,
            summary=texts.summary,
            progress=progress,
        )
        # The next version: what carried over, plus a new goal when there is one.
        new_goals = theme.goals[goal_count : goal_count + 1]
        self.add_goals(director, draft, new_goals, adults, timeline.v2_agreed)
        return self.agree(
            director, draft, adults, timeline.v2_agreed, timeline.v2_review_due
        )

    def stamp(self, model, pk: int, field_name: str, day: datetime.date) -> None:
        """Move a service's "now" stamp back to the day it happened in the story."""
        if day >= self.today:
            return
        moment = timezone.make_aware(
            datetime.datetime.combine(
                day, datetime.time(self.rng.randint(9, 16), self.rng.randint(0, 59))
            )
        )
        model.objects.filter(pk=pk).update(**{field_name: moment})


def mark_demo_accounts() -> None:
    """Flag the demo staff accounts that still have the published demo password.

    Also for a database seeded before the flag existed (`--if-empty` adds no data
    there). In demo mode with the dev settings a flagged account may log in
    without the second factor; the production settings ignore the flag.
    """
    user_model = get_user_model()
    staff = load_stories().municipality.staff
    candidates = user_model.objects.filter(
        username__in=[member.username for member in staff], is_demo_account=False
    )
    checked: dict[str, bool] = {}
    for user in candidates:
        if user.password not in checked:
            checked[user.password] = user.check_password(DEMO_PASSWORD)
        if checked[user.password]:
            user_model.objects.filter(pk=user.pk).update(is_demo_account=True)


class Command(BaseCommand):
    help = (
        "Fill the database with demo data for Gemeente Voorbeeld: partner "
        "organisations, two teams, demo staff accounts (password 'demo') and "
        "households in every stage of the flow. Demo mode (EENPLAN_DEMO) only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any household exists already.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help="Random seed, so the demo data is reproducible (default 2026).",
        )
        parser.add_argument(
            "--households",
            type=int,
            default=40,
            help="How many households to create (default 40).",
        )

    def handle(self, *args, if_empty, seed, households, **options):
        require_demo_mode()
        if households < 0:
            raise CommandError("--households must be 0 or more.")
        with transaction.atomic():
            if if_empty and Household.objects.exists():
                mark_demo_accounts()
                self.stdout.write(
                    "Households exist already: no demo data added (--if-empty)."
                )
                return
            seeder = Seeder(seed=seed, today=timezone.localdate())
            seeder.municipality()
            catalogue_counts = catalogue.build(
                today=seeder.today,
                teams=[seeder.teams[key] for key in HOUSEHOLD_TEAMS],
            )
            sequence = stage_sequence()
            occurrences: Counter[str] = Counter()
            for index in range(households):
                stage = sequence[index % len(sequence)]
                seeder.household(stage, occurrences[stage])
                occurrences[stage] += 1
            privacy_story = add_privacy_story(seeder.users, seeder.today)
            grants = catalogue.demo_grants(today=seeder.today)
            catalogue.commitments(today=seeder.today)
        self.summary(seed, households, occurrences)
        self.stdout.write(
            f"  catalogue: {catalogue_counts['services']} services, "
            f"{catalogue_counts['offers']} offers on the social map, {grants} grants"
        )
        self.stdout.write(
            f"  privacy:  consent for a partner on {len(privacy_story['consented'])} "
            "cases, one withdrawal, one legal basis, one referral, "
            f"{int(privacy_story['break_glass'] is not None)} break-the-glass"
        )

    def summary(self, seed: int, households: int, stages: Counter) -> None:
        """Counts only: nothing personal goes to stdout."""
        today = timezone.localdate()

        def counts(model) -> str:
            values = Counter(model.objects.values_list("status", flat=True))
            return ", ".join(f"{k} {v}" for k, v in sorted(values.items())) or "none"

        overdue = Plan.objects.filter(
            status=Plan.Status.AGREED,
            next_review_due__lt=today,
            case__status=Case.Status.OPEN,
        ).count()
        w = self.stdout.write
        w(
            self.style.SUCCESS(
                f"Demo data added (seed {seed}), households: {households}"
            )
        )
        for stage, _weight in STAGE_WEIGHTS:
            if stages[stage]:
                w(f"  {stage:<30} {stages[stage]:>3}")
        w(
            f"In the database: {Organisation.objects.count()} organisations, "
            f"{Team.objects.count()} teams, "
            f"{get_user_model().objects.count()} staff accounts, "
            f"{Household.objects.count()} households, "
            f"{Person.objects.count()} people, "
            f"{Assessment.objects.count()} ZRM assessments."
        )
        w(f"  requests: {counts(Request)}")
        w(f"  cases:    {counts(Case)}")
        w(f"  plans:    {counts(Plan)} (reviews overdue: {overdue})")
        w("The demo logins: manage.py demo_logins")
