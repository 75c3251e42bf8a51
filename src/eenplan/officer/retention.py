# SPDX-License-Identifier: EUPL-1.2
"""Retention: which records are past their period, and their approved destruction.

A run lists what is due (`retention_run_start`), waits for the privacy
officer (`retention_run_approve`) and then destroys, in one transaction, what
it listed and is still due (`retention_run_execute`), leaving a
`DestructionRecord` per record type without personal data. The audit trail is
never touched: it is append-only in the database and refers to persons by
internal id only (docs/privacy.md, "Retention and destruction").

What is due (`due_records`), with the periods of `RetentionPolicy`:

- a closed case, with everything under it (its request, intake,
  involvements, ZRM assessments, plan versions, journal, referrals, legal
  bases, break-the-glass rows), when its trigger date lies `years` back; a
  case counts as a youth case (Jeugdwet) when a Jeugdwet legal basis was
  recorded on it, its team is a youth team, or a household member was under
  18 while it ran;
- a request that never became a case (solved at the door, routed to one
  discipline), counted from the day it was received;
- a household without a case or request left once the above are gone;
- a person without a household, request or case ZRM left once the above are
  gone (a ZRM outside any case and their consents go with them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from eenplan import audit
from eenplan.access import policy as access
from eenplan.access.actions import Action
from eenplan.access.actor import SYSTEM, Actor, ActorKind
from eenplan.assessments.models import Assessment
from eenplan.cases.models import Case
from eenplan.core.errors import NotFoundOrForbidden
from eenplan.intake.models import Request
from eenplan.organisations.models import Team
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.plans.models import Review
from eenplan.privacy.errors import (
    PeriodOutOfRange,
    RunNotApproved,
    RunNotPending,
    TriggerNotAllowed,
)
from eenplan.privacy.models import (
    DestructionRecord,
    LegalBasis,
    RetentionPolicy,
    RetentionRun,
)

RecordType = RetentionPolicy.RecordType
Trigger = RetentionPolicy.Trigger
ADULT_AGE = 18
CHUNK = 500  # ids per DELETE, well below SQLite's limit on query parameters

# Destroyed in this order: what PROTECTs a row goes before it.
ORDER = (
    RecordType.CASE,
    RecordType.CASE_YOUTH,
    RecordType.REQUEST,
    RecordType.HOUSEHOLD,
    RecordType.PERSON,
)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """`day` moved `years` back; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def is_due(trigger_date: datetime.date, years: int, today: datetime.date) -> bool:
    """Past its period: the trigger date lies at least `years` before `today`."""
    return trigger_date <= years_before(today, years)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _was_minor(birth_date, since, until, opened_on, closed_on) -> bool:
    """Whether a member (from `since` to `until`) was under 18 during the case."""
    if since > closed_on or (until is not None and until < opened_on):
        return False
    # Under 18 at the start of the overlap is enough.
    start = max(since, opened_on)
    return years_before(start, ADULT_AGE) < birth_date


def _youth_case_ids(cases: list[dict]) -> set[int]:

    if not cases:
        return set()
    case_ids = [c["pk"] for c in cases]
    youth = set(
        LegalBasis.objects.filter(
            case_id__in=case_ids, law=LegalBasis.Law.JEUGDWET
        ).values_list("case_id", flat=True)
    )
    youth |= {c["pk"] for c in cases if c["team__kind"] == Team.Kind.YOUTH}
    members = defaultdict(list)
    for row in HouseholdMember.objects.filter(
        household_id__in={c["household_id"] for c in cases}
    ).values_list("household_id", "person__birth_date", "since", "until"):
        members[row[0]].append(row[1:])
    for case in cases:
        if any(
            _was_minor(birth, since, until, case["opened_on"], case["closed_on"])
            for birth, since, until in members[case["household_id"]]
        ):
            youth.add(case["pk"])
    return youth


def due_records(
    today: datetime.date | None = None, *, within: dict | None = None
) -> dict[str, list[dict]]:
    """Per record type, the records past their period: `{"uuid", "date", "pk"}`.

    `within` (a run's `due`) limits cases and requests to the ones listed
    there, and households and persons to the ones that are due once exactly
    those are gone; execution uses it so it never destroys more than was
    approved. Reads only identifiers and dates.
    """

    today = today or timezone.localdate()
    policies = {p.record_type: p for p in RetentionPolicy.objects.all()}
    allowed = (
        {t: {row["uuid"] for row in rows} for t, rows in within.items()}
        if within is not None
        else None
    )

    def keep_listed(record_type, rows):
        if allowed is None:
            return rows
        return [r for r in rows if r["uuid"] in allowed.get(record_type, ())]

    result: dict[str, list[dict]] = {t.value: [] for t in ORDER}

    # Closed cases, youth or not.
    closed = list(
        Case.objects.filter(status=Case.Status.CLOSED).values(
            "pk",
            "uuid",
            "household_id",
            "request_id",
            "opened_on",
            "closed_on",
            "team__kind",
        )
    )
    youth = _youth_case_ids(closed)
    for case in closed:
        record_type = RecordType.CASE_YOUTH if case["pk"] in youth else RecordType.CASE
        rule = policies.get(record_type)
        if rule is None:
            continue
        date = case["opened_on" if rule.trigger == Trigger.OPENED_ON else "closed_on"]
        if is_due(date, rule.years, today):
            result[record_type].append(
                {"uuid": str(case["uuid"]), "date": date.isoformat(), "pk": case["pk"]}
            )
    for record_type in (RecordType.CASE, RecordType.CASE_YOUTH):
        result[record_type] = keep_listed(record_type, result[record_type])
    due_case_ids = {
        r["pk"] for t in (RecordType.CASE, RecordType.CASE_YOUTH) for r in result[t]
    }
    # A case's request is part of its file and goes with it.
    case_request_ids = {
        c["request_id"] for c in closed if c["pk"] in due_case_ids and c["request_id"]
    }

    # Requests that never became a case.
    rule = policies.get(RecordType.REQUEST)
    if rule is not None:
        cutoff = years_before(today, rule.years)
        result[RecordType.REQUEST] = keep_listed(
            RecordType.REQUEST,
            [
                {"uuid": str(uuid), "date": received.isoformat(), "pk": pk}
                for pk, uuid, received in Request.objects.filter(
                    status__in=[Request.Status.CLOSED, Request.Status.ROUTED],
                    case__isnull=True,
                    received_on__lte=cutoff,
                ).values_list("pk", "uuid", "received_on")
            ],
        )
    gone_request_ids = case_request_ids | {r["pk"] for r in result[RecordType.REQUEST]}

    # What stays: cases and requests not destroyed now.
    kept_households = {
        household
        for pk, household in Case.objects.values_list("pk", "household_id")
        if pk not in due_case_ids
    } | {
        household
        for pk, household in Request.objects.values_list("pk", "household_id")
        if pk not in gone_request_ids
    }

    rule = policies.get(RecordType.HOUSEHOLD)
    if rule is not None:
        result[RecordType.HOUSEHOLD] = keep_listed(
            RecordType.HOUSEHOLD,
            [
                {"uuid": str(uuid), "date": _local_date(created).isoformat(), "pk": pk}
                for pk, uuid, created in Household.objects.values_list(
                    "pk", "uuid", "created_at"
                ).order_by("created_at")
                if pk not in kept_households
                and is_due(_local_date(created), rule.years, today)
            ],
        )
    gone_households = {r["pk"] for r in result[RecordType.HOUSEHOLD]}

    rule = policies.get(RecordType.PERSON)
    if rule is not None:
        kept_persons = {
            person
            for person, household in HouseholdMember.objects.values_list(
                "person_id", "household_id"
            )
            if household not in gone_households
        }
        kept_persons |= {
            person
            for request, person in Request.persons.through.objects.values_list(
                "request_id", "person_id"
            )
            if request not in gone_request_ids
        }
        kept_persons |= {
            person
            for case, person in Assessment.objects.filter(
                case__isnull=False
            ).values_list("case_id", "person_id")
            if case not in due_case_ids
        }
        result[RecordType.PERSON] = keep_listed(
            RecordType.PERSON,
            [
                {"uuid": str(uuid), "date": _local_date(created).isoformat(), "pk": pk}
                for pk, uuid, created in Person.objects.values_list(
                    "pk", "uuid", "created_at"
                ).order_by("created_at")
                if pk not in kept_persons
                and is_due(_local_date(created), rule.years, today)
            ],
        )

    for rows in result.values():
        rows.sort(key=lambda r: (r["date"], r["uuid"]))
    return result


def _public(due: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The due list as stored on a run: UUIDs and dates, no database ids."""
    return {
        record_type: [{"uuid": r["uuid"], "date": r["date"]} for r in rows]
        for record_type, rows in due.items()
        if rows
    }


def _require(actor: Actor, action: Action) -> None:
    # A management command runs as the system: whoever may run it is trusted.
    if actor.kind != ActorKind.SYSTEM:
        access.require(actor, action)


@transaction.atomic
def retention_run_start(*, actor: Actor = SYSTEM, today: datetime.date | None = None):
    """List what is due for destruction in a new run, awaiting approval."""
    _require(actor, Action.PRIVACY_REVIEW)
    today = today or timezone.localdate()
    run = RetentionRun.objects.create(
        reference_date=today, due=_public(due_records(today)), created_by=actor.user
    )
    audit.record(actor=actor, action=Action.RETENTION_RUN_START, subject=run)
    return run


@transaction.atomic
def retention_run_approve(*, actor: Actor, run: RetentionRun) -> RetentionRun:
    """The privacy officer approves the destruction of what the run lists."""
    _require(actor, Action.PRIVACY_REVIEW)
    run = RetentionRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RetentionRun.Status.PENDING:
        raise RunNotPending()
    run.status = RetentionRun.Status.APPROVED
    run.approved_by = actor.user
    run.approved_at = timezone.now()
    run.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record(actor=actor, action=Action.RETENTION_RUN_APPROVE, subject=run)
    return run


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _merge(total: dict[str, int], deleted: dict[str, int]) -> None:
    for label, count in deleted.items():
        if count:
            total[label] = total.get(label, 0) + count


def _destroy(record_type: str, pks: list[int]) -> dict[str, int]:
    """Delete the records with everything under them; rows deleted per table.

    Reviews PROTECT their plan version and goal progress PROTECTs its goal, so
    a case's reviews go first; a case PROTECTs its request, so the request
    follows the case; households and persons come after every case and
    request that PROTECTs them (the caller keeps `ORDER`).
    """

    rows: dict[str, int] = {}
    for chunk in _chunks(pks):
        if record_type in (RecordType.CASE, RecordType.CASE_YOUTH):
            request_ids = list(
                Case.objects.filter(pk__in=chunk, request__isnull=False).values_list(
                    "request_id", flat=True
                )
            )
            _merge(rows, Review.objects.filter(plan__case__in=chunk).delete()[1])
            _merge(rows, Case.objects.filter(pk__in=chunk).delete()[1])
            _merge(rows, Request.objects.filter(pk__in=request_ids).delete()[1])
        elif record_type == RecordType.REQUEST:
            _merge(rows, Request.objects.filter(pk__in=chunk).delete()[1])
        elif record_type == RecordType.HOUSEHOLD:
            _merge(rows, Household.objects.filter(pk__in=chunk).delete()[1])
        elif record_type == RecordType.PERSON:
            _merge(rows, Person.objects.filter(pk__in=chunk).delete()[1])
    return dict(sorted(rows.items()))


@transaction.atomic
def retention_run_execute(
    *, actor: Actor = SYSTEM, run: RetentionRun
) -> list[DestructionRecord]:
    """Destroy what the approved run lists and is still due; record it per type.

    Everything happens in one transaction: if any row cannot be deleted (a
    foreign key that protects it), nothing is destroyed. A record listed but
    no longer due (a new request for the household, say) is kept.
    """

    _require(actor, Action.PRIVACY_REVIEW)
    run = RetentionRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RetentionRun.Status.APPROVED:
        raise RunNotApproved()
    due = due_records(timezone.localdate(), within=run.due)
    policies = {p.record_type: p for p in RetentionPolicy.objects.all()}
    now = timezone.now()
    person_pks = [r["pk"] for r in due[RecordType.PERSON]]
    # Ids only, for the audit entry; the persons themselves are about to go.
    destroyed_persons = list(
        Person.objects.filter(pk__in=person_pks).values_list("pk", flat=True)
    )
    records = []
    for record_type in ORDER:
        rows = due[record_type]
        if not rows:
            continue
        deleted = _destroy(record_type, [r["pk"] for r in rows])
        rule = policies[record_type]
        records.append(
            DestructionRecord.objects.create(
                run=run,
                record_type=record_type,
                count=len(rows),
                uuids=[r["uuid"] for r in rows],
                rows=deleted,
                policy=rule,
                years=rule.years,
                trigger=rule.trigger,
                approved_by=run.approved_by,
                approved_at=run.approved_at,
                destroyed_at=now,
            )
        )
    run.status = RetentionRun.Status.EXECUTED
    run.executed_at = now
    run.save(update_fields=["status", "executed_at"])
    audit.record(
        actor=actor,
        action=Action.RETENTION_RUN_EXECUTE,
        subject=run,
        persons=destroyed_persons,
    )
    return records


@transaction.atomic
def retention_policy_change(
    *, actor: Actor, policy: RetentionPolicy, years: int, trigger: str, basis: str = ""
) -> RetentionPolicy:
    """Change the period of one record type; runs from now on use it."""
    _require(actor, Action.PRIVACY_REVIEW)
    if trigger not in RetentionPolicy.TRIGGERS[RecordType(policy.record_type)]:
        raise TriggerNotAllowed()
    if not 0 <= years <= RetentionPolicy.MAX_YEARS:
        raise PeriodOutOfRange()
    policy.years = years
    policy.trigger = trigger
    policy.basis = basis.strip()
    policy.changed_by = actor.user
    policy.save(update_fields=["years", "trigger", "basis", "changed_by", "changed_at"])
    audit.record(actor=actor, action=Action.RETENTION_POLICY_CHANGE, subject=policy)
    return policy


def run_list(*, actor) -> list[RetentionRun]:
    _require(actor, Action.PRIVACY_REVIEW)
    return list(
        RetentionRun.objects.select_related("approved_by", "created_by").order_by(
            "-created_at"
        )[:50]
    )


def run_get(*, actor: Actor, uuid) -> RetentionRun:

    _require(actor, Action.PRIVACY_REVIEW)
    run = (
        RetentionRun.objects.select_related("approved_by", "created_by")
        .prefetch_related("destructions")
        .filter(uuid=uuid)
        .first()
    )
    if run is None:
        raise NotFoundOrForbidden()
    return run


def policy_list(*, actor) -> list[RetentionPolicy]:
    """The periods in the order records are destroyed: cases first, persons last."""
    _require(actor, Action.PRIVACY_REVIEW)
    position = {record_type.value: n for n, record_type in enumerate(ORDER)}
    return sorted(
        RetentionPolicy.objects.select_related("changed_by"),
        key=lambda rule: position.get(rule.record_type, len(ORDER)),
    )


def policy_get(*, actor: Actor, record_type: str) -> RetentionPolicy:

    _require(actor, Action.PRIVACY_REVIEW)
    rule = RetentionPolicy.objects.filter(record_type=record_type).first()
    if rule is None:
        raise NotFoundOrForbidden()
    return rule
