# SPDX-License-Identifier: EUPL-1.2
"""The door: every decision on who may do what goes through these functions.

- `can(actor, action, obj)` and `require(...)`: one object (or none), with the
  reason; `require` raises `Refused`.
- `restrict(actor, action, queryset)`: the objects of a set the actor may use,
  as one filter, so a list costs the same queries for 1 row or 1,000.
- `sharing(actor, cases)` and `request_sharing(actor, requests, cases)`: per
  case (or request) which data categories, about which persons, flow to the
  actor; a page asks this once and decides each item in memory.

Rules are registered by the app that owns the objects (`<app>/rules.py`) with
`@rule(action, scope=...)`: `check` decides for one object, `scope` gives the
same answer as a Q on the action's model. An action may have rules from several
apps (a household is visible to its team, and through a case to those on it);
the first that allows wins, otherwise the most specific refusal is reported.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from .actions import Action
from .actor import Actor
from .categories import Category
from .decisions import FULL, Decision, Reason, Relation, refuse
from .errors import Hidden, Refused

Check = Callable[[Actor, Any], Decision]
Scope = Callable[[Actor], Q]
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Rule:
    check: Check
    scope: Scope | None = None


_RULES: dict[Action, list[Rule]] = {}


def rule(action: Action, *, scope: Scope | None = None) -> Callable[[Check], Check]:
    """Register `check` (and its set-based twin `scope`) as a rule for `action`."""

    def register(check: Check) -> Check:
        _RULES.setdefault(action, []).append(Rule(check, scope))
        return check

    return register


def registered() -> Mapping[Action, Sequence[Rule]]:
    return _RULES


def can(actor: Actor, action: Action, obj: Any = None) -> Decision:
    """Whether `actor` may do `action` (on `obj`), and why."""
    if not actor.is_authenticated:
        return refuse(Reason.ANONYMOUS)
    rules = _RULES.get(action)
    if not rules:
        raise ValueError(f"No rule for action {action!r}")
    refusals = []
    for candidate in rules:
        decision = candidate.check(actor, obj)
        if decision:
            return decision
        refusals.append(decision)
    return max(refusals, key=lambda refusal: refusal.specificity)


def require(actor: Actor, action: Action, obj: Any = None) -> Decision:
    """The decision, or `Refused` (403) carrying it, the action and `obj`."""
    decision = can(actor, action, obj)
    if not decision:
        raise Refused(decision, action, obj)
    return decision


NO_ROWS = Q(pk__in=[])  # the scope that selects nothing (rules.NOTHING)


def scope(actor: Actor, action: Action) -> Q:
    """The Q on the action's model that selects what `actor` may use."""
    rules = _RULES.get(action)
    if not rules:
        raise ValueError(f"No rule for action {action!r}")
    if not actor.is_authenticated:
        return NO_ROWS
    parts = []
    for candidate in rules:
        if candidate.scope is None:
            raise ValueError(f"A rule for {action!r} has no set-based scope")
        part = candidate.scope(actor)
        if part != NO_ROWS:  # a rule that grants nothing adds nothing
            parts.append(part)
    return functools.reduce(operator.or_, parts) if parts else NO_ROWS


def restrict(actor: Actor, action: Action, queryset: QuerySet[M]) -> QuerySet[M]:
    """`queryset` narrowed to what `actor` may `action`, in one filter.

    A scope on the model's own columns (subqueries allowed) filters the rows
    directly, so the planner sees it: a team's households among a million
    are then found through the other conditions first. A scope that joins
    other tables could repeat rows, so it becomes a correlated EXISTS, which
    checks just the rows the rest of the query selects. Never `pk IN (...)`
    of the whole allowed set: PostgreSQL would build that set, reading every
    household at a million residents (docs/performance.md).
    """
    allowed = scope(actor, action)
    if allowed == NO_ROWS:
        return queryset.none()  # no query at all
    model = queryset.model
    if not _joins(model._default_manager.filter(allowed)):
        return queryset.filter(allowed)
    rows = model._default_manager.filter(allowed, pk=OuterRef("pk"))
    return queryset.filter(Exists(rows))


def _joins(queryset: QuerySet[Any]) -> bool:
    """Whether the queryset's filter joins another table (a join Django set
    up and trimmed again keeps its alias, with no references left)."""
    query = queryset.query
    return sum(1 for alias in query.alias_map if query.alias_refcount[alias]) > 1


def get(actor: Actor, action: Action, queryset: QuerySet[M], **lookup: Any) -> M:
    """One object `actor` may `action`, or `Hidden` (404) as if it did not exist."""
    obj = restrict(actor, action, queryset).filter(**lookup).first()
    if obj is None:
        raise Hidden(action, queryset.model._meta.label_lower)
    return obj


# --- Sharing: which categories of a case's data flow to the actor -------------


@dataclass(frozen=True)
class SharingFacts:
    """What consent and legal bases allow for one organisation (see privacy)."""

    # case id -> ids of the household's current members
    members: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # request id -> ids of the persons the request is about
    request_persons: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # (person id, category) with active consent for the organisation
    consented: frozenset[tuple[int, str]] = frozenset()
    # (case id, category) and (request id, category) under a legal basis
    case_bases: frozenset[tuple[int, str]] = frozenset()
    request_bases: frozenset[tuple[int, str]] = frozenset()


class SharingSource(Protocol):
    def __call__(
        self,
        organisation_id: int | None,
        *,
        case_ids: Sequence[int] = (),
        request_ids: Sequence[int] = (),
    ) -> SharingFacts: ...


_SOURCE: list[SharingSource] = []


def sharing_source(source: SharingSource) -> SharingSource:
    """Register the one source of sharing facts (the privacy app's)."""
    _SOURCE[:] = [source]
    return source


def _facts(
    organisation_id: int | None,
    *,
    case_ids: Sequence[int] = (),
    request_ids: Sequence[int] = (),
) -> SharingFacts:
    if not _SOURCE:
        raise RuntimeError("No sharing source registered (is eenplan.privacy loaded?)")
    return _SOURCE[0](organisation_id, case_ids=case_ids, request_ids=request_ids)


ALL_CATEGORIES = frozenset(c.value for c in Category)


@dataclass(frozen=True)
class Sharing:
    """For one case (or request): what flows to the actor, about whom.

    `open` categories flow for every person (a full relation, or a legal
    basis); otherwise a category flows for the persons in `consented`.
    """

    relation: Relation
    persons: frozenset[int] = frozenset()
    open: frozenset[str] = frozenset()
    consented: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def allows(self, category: str, about: Iterable[int] | None = None) -> bool:
        """Whether `category` data about `about` (default: everyone) may be shown."""
        if category in self.open:
            return True
        concerned = self.persons if about is None else frozenset(about)
        return bool(concerned) and concerned <= self.consented.get(
            category, frozenset()
        )

    def shared_persons(self, category: str) -> frozenset[int]:
        if category in self.open:
            return self.persons
        return self.persons & self.consented.get(category, frozenset())

    def any(self, category: str) -> bool:
        """Whether `category` data of at least one person may be shown."""
        return bool(self.shared_persons(category)) or category in self.open

    def decide(self, category: str, about: Iterable[int] | None = None) -> Decision:
        if self.allows(category, about):
            reason = Reason.SHARED
            if self.relation in FULL:
                reason = Reason.RELATION
            elif self.relation == Relation.BREAK_GLASS:
                reason = Reason.EMERGENCY
            elif self.relation == Relation.TEAM_MEMBER:
                reason = Reason.TEAM
            return Decision(True, reason, self.relation)
        if self.relation == Relation.NONE:
            return refuse(Reason.NO_RELATION)
        if self.relation == Relation.TEAM_MEMBER:
            return refuse(Reason.NO_RELATION, self.relation)
        return refuse(Reason.NOT_SHARED, self.relation, Category(category))

    # For templates: {% if shares.journal %}
    @property
    def basis(self) -> bool:
        return self.any(Category.BASIC)

    @property
    def case_file(self) -> bool:
        return self.allows(Category.CASE_FILE)

    @property
    def zrm(self) -> bool:
        return self.any(Category.ZRM)

    @property
    def journal(self) -> bool:
        return self.allows(Category.JOURNAL)


NOTHING = Sharing(Relation.NONE)


class CaseRef(Protocol):
    @property
    def pk(self) -> int: ...
    @property
    def director_id(self) -> int: ...
    @property
    def team_id(self) -> int: ...


def _open_for(relation: Relation) -> frozenset[str]:
    if relation in FULL or relation == Relation.BREAK_GLASS:
        return ALL_CATEGORIES
    if relation == Relation.TEAM_MEMBER:
        return frozenset({Category.BASIC.value})
    return frozenset()


def _consented(
    persons: frozenset[int], consented: frozenset[tuple[int, str]]
) -> dict[str, frozenset[int]]:
    by_category: dict[str, set[int]] = {}
    for person, category in consented:
        if person in persons:
            by_category.setdefault(category, set()).add(person)
    return {category: frozenset(ids) for category, ids in by_category.items()}


def sharing(actor: Actor, cases: Iterable[CaseRef]) -> dict[int, Sharing]:
    """Per case: the actor's relation and what flows to it. Queries only for
    cases where the actor is a partner from outside the team (a fixed number)."""
    return _compute(actor, list(cases), [])[0]


def sharing_of(actor: Actor, case: CaseRef) -> Sharing:
    return sharing(actor, [case])[case.pk]


def receiver_sharing(actor: Actor, cases: Iterable[CaseRef]) -> dict[int, Sharing]:
    """What consent or a legal basis lets flow to the actor's organisation about
    `cases`, whatever the actor's relation: for the receivers of a referral."""
    cases = list(cases)
    facts = _actor_facts(actor, [case.pk for case in cases], [])
    return {case.pk: _from_facts(Relation.RECEIVER, case.pk, facts) for case in cases}


def _from_facts(relation: Relation, case_id: int, facts: SharingFacts) -> Sharing:
    persons = facts.members.get(case_id, frozenset())
    return Sharing(
        relation,
        persons,
        frozenset(c for pk, c in facts.case_bases if pk == case_id),
        _consented(persons, facts.consented),
    )


def organisation_sharing(
    organisation_id: int | None,
    cases: Iterable[CaseRef],
    relation: Relation = Relation.INVOLVED_EXTERNAL,
) -> dict[int, Sharing]:
    """What would flow to someone of `organisation_id` from outside the team:
    for receivers, and to show a director what a partner they add will see."""
    cases = list(cases)
    facts = _facts(organisation_id, case_ids=[case.pk for case in cases])
    return {case.pk: _from_facts(relation, case.pk, facts) for case in cases}


class TriageRef(Protocol):
    target_team_id: int | None
    target_organisation_id: int | None


class RequestRef(Protocol):
    pk: int
    team_id: int
    household_id: int


def receives(actor: Actor, request: RequestRef, triage: TriageRef | None) -> bool:
    """Whether the request was routed to the actor: to a team of theirs, or to
    their organisation while they are its intake for the request's team."""
    if triage is None:
        return False
    if triage.target_team_id is not None and triage.target_team_id in actor.team_ids():
        return True
    return (
        triage.target_organisation_id is not None
        and triage.target_organisation_id == actor.organisation_id
        and request.team_id in actor.intake_teams
    )


def request_relation(
    actor: Actor, request: RequestRef, triage: TriageRef | None
) -> Relation:
    """Team of the request; or the receiver it was routed to (a team, or the
    intake of a partner organisation for the request's team)."""
    if request.team_id in actor.team_ids():
        return Relation.TEAM_MEMBER
    if receives(actor, request, triage):
        return Relation.RECEIVER
    return Relation.NONE


def request_sharing(
    actor: Actor, requests: Iterable[Any], cases: Iterable[Any] = ()
) -> dict[int, Sharing]:
    """Per request: what of it flows to the actor.

    The team of the request and a receiving social team see it whole; the
    receiving partner organisation (its intake, or its own team) sees what
    consent of the request's persons, or a legal basis recorded at triage,
    allows; those on a case of the household (given in `cases`, with
    `household_id`) see it as they see that case's file. Requests carry
    `triage__target_team` (select_related) or no triage.
    """
    return _compute(actor, list(cases), list(requests))[1]


def _triage(request: Any) -> Any:
    return getattr(request, "triage", None)


def _routed_to_a_social_team(request: Any) -> bool:
    """Routed to one of the municipality's social teams, which reads it whole;
    a partner's own team (with an organisation) reads it as that organisation
    does, within consent or a legal basis. Needs `triage__target_team`."""
    triage = _triage(request)
    if triage is None or triage.target_team_id is None:
        return False
    return triage.target_team.organisation_id is None


def _compute(
    actor: Actor, cases: list[Any], requests: list[Any]
) -> tuple[dict[int, Sharing], dict[int, Sharing]]:
    case_relation = {case.pk: actor.relation_to(case) for case in cases}
    external = [
        pk for pk, rel in case_relation.items() if rel == Relation.INVOLVED_EXTERNAL
    ]
    request_relation_ = {r.pk: request_relation(actor, r, _triage(r)) for r in requests}
    # Requests whose view depends on consent: routed to the actor's
    # organisation, or of a household whose case the actor sees as a partner.
    external_households = {case.household_id for case in cases if case.pk in external}
    consent_requests = [
        r.pk
        for r in requests
        if (
            request_relation_[r.pk] == Relation.RECEIVER
            and not _routed_to_a_social_team(r)
        )
        or (
            request_relation_[r.pk] == Relation.NONE
            and r.household_id in external_households
        )
    ]
    facts = _actor_facts(actor, external, consent_requests)
    by_case: dict[int, Sharing] = {}
    for case in cases:
        relation = case_relation[case.pk]
        if relation == Relation.INVOLVED_EXTERNAL:
            by_case[case.pk] = _from_facts(relation, case.pk, facts)
        else:
            by_case[case.pk] = Sharing(relation, open=_open_for(relation))
    by_household: dict[int, list[Sharing]] = {}
    for case in cases:
        if hasattr(case, "household_id"):
            by_household.setdefault(case.household_id, []).append(by_case[case.pk])
    by_request: dict[int, Sharing] = {}
    for request in requests:
        relation = request_relation_[request.pk]
        persons = facts.request_persons.get(request.pk, frozenset())
        views = [
            Sharing(s.relation, persons, s.open, s.consented)
            for s in by_household.get(request.household_id, [])
            if s.relation != Relation.NONE
        ]
        if relation == Relation.TEAM_MEMBER or (
            relation == Relation.RECEIVER and _routed_to_a_social_team(request)
        ):
            views.insert(0, Sharing(relation, persons, ALL_CATEGORIES))
        elif relation == Relation.RECEIVER:
            views.insert(
                0,
                Sharing(
                    relation,
                    persons,
                    frozenset(c for pk, c in facts.request_bases if pk == request.pk),
                    _consented(persons, facts.consented),
                ),
            )
        by_request[request.pk] = _widest(views)
    return by_case, by_request


def _actor_facts(
    actor: Actor, case_ids: Sequence[int], request_ids: Sequence[int]
) -> SharingFacts:
    """The sharing facts for the actor's organisation, each case and request
    looked up once per actor (one request): a page, its rules and its lists ask
    for the same cases without asking the database again."""
    known: dict[tuple[str, int], SharingFacts] = actor.remember(("sharing",), dict)
    missing_cases = [pk for pk in case_ids if ("case", pk) not in known]
    missing_requests = [pk for pk in request_ids if ("request", pk) not in known]
    if missing_cases or missing_requests:
        fresh = _facts(
            actor.organisation_id,
            case_ids=missing_cases,
            request_ids=missing_requests,
        )
        for pk in missing_cases:
            persons = fresh.members.get(pk, frozenset())
            known[("case", pk)] = SharingFacts(
                members={pk: persons},
                consented=frozenset(c for c in fresh.consented if c[0] in persons),
                case_bases=frozenset(b for b in fresh.case_bases if b[0] == pk),
            )
        for pk in missing_requests:
            persons = fresh.request_persons.get(pk, frozenset())
            known[("request", pk)] = SharingFacts(
                request_persons={pk: persons},
                consented=frozenset(c for c in fresh.consented if c[0] in persons),
                request_bases=frozenset(b for b in fresh.request_bases if b[0] == pk),
            )
    parts = [known[("case", pk)] for pk in case_ids] + [
        known[("request", pk)] for pk in request_ids
    ]
    return SharingFacts(
        members={k: v for part in parts for k, v in part.members.items()},
        request_persons={
            k: v for part in parts for k, v in part.request_persons.items()
        },
        consented=frozenset().union(*(part.consented for part in parts)),
        case_bases=frozenset().union(*(part.case_bases for part in parts)),
        request_bases=frozenset().union(*(part.request_bases for part in parts)),
    )


def _widest(views: list[Sharing]) -> Sharing:
    """The view that shows the request's content, else the first there is."""
    for view in views:
        if view.allows(Category.CASE_FILE):
            return view
    return views[0] if views else NOTHING
