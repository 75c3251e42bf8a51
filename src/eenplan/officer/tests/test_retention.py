# SPDX-License-Identifier: EUPL-1.2
"""Retention: exactly what is past its period, destroyed only after approval."""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import UserFactory
from eenplan.assessments.models import Assessment, DomainScore
from eenplan.audit.models import AuditEntry
from eenplan.cases.models import Case, Involvement
from eenplan.cases.tests.factories import CaseFactory
from eenplan.collaboration.models import JournalEntry, Referral
from eenplan.intake.models import Request, Screening, TriageDecision
from eenplan.intake.tests.factories import RequestFactory
from eenplan.officer import retention
from eenplan.organisations.models import Team
from eenplan.people.models import Household, HouseholdMember, Person
from eenplan.people.tests.factories import HouseholdFactory, PersonFactory, members_of
from eenplan.plans.models import Plan, Review
from eenplan.privacy.errors import RunNotApproved, RunNotPending, TriggerNotAllowed
from eenplan.privacy.models import (
    BreakGlass,
    Consent,
    DestructionRecord,
    LegalBasis,
    RetentionRun,
)
from eenplan.privacy.tests.factories import case_file, retention_policies

TODAY = datetime.date(2026, 6, 15)


def years_ago(years: int, days: int = 0) -> datetime.date:
    return retention.years_before(TODAY, years) + datetime.timedelta(days=days)


def registered(objs, on: datetime.date):
    """Backdate the registration of households or persons."""
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    for obj in objs:
        type(obj).objects.filter(pk=obj.pk).update(created_at=moment)


def household(*ages: int, on: datetime.date | None = None, **kwargs) -> Household:
    """A household of persons aged `ages` (on TODAY), all registered `on`."""
    persons = [PersonFactory(birth_date=years_ago(age)) for age in ages or (60,)]
    result = HouseholdFactory(members=persons, **kwargs)
    if on is not None:
        HouseholdMember.objects.filter(household=result).update(since=on)
        registered([result, *persons], on)
    return result


def closed_case(household, *, closed_on, opened_on=None, director=None, **kwargs):
    """A case of `household`, closed on `closed_on`, with its original request."""
    opened_on = opened_on or closed_on - datetime.timedelta(days=200)
    request = RequestFactory(
        household=household, status=Request.Status.IN_CASE, received_on=opened_on
    )
    extra = {"director": director} if director else {}
    return CaseFactory(
        household=household,
        request=request,
        closed=True,
        opened_on=opened_on,
        closed_on=closed_on,
        **extra,
        **kwargs,
    )


@pytest.fixture
def officer(db):
    return UserFactory(function="privacy_officer", username="fg")


@pytest.fixture
def world(db, life_domains, director):
    """Records on both sides of each retention period (defaults: 15, 20, 5, 1, 1)."""
    retention_policies()
    long_ago = years_ago(30)
    w = {}

    # A Wmo case closed 15 years ago to the day: due, with its whole file.
    old = household(60, 58, on=long_ago)
    w["old_case"] = closed_case(old, closed_on=years_ago(15), director=director)
    person = members_of(old)[0]
    case_file(w["old_case"], person=person, director=director, label="oud")
    consent = Consent.objects.create(
        person=person,
        purpose="Samenwerken",
        given_how=Consent.GivenHow.VERBAL,
        given_by=Consent.GivenBy.PERSON,
        recorded_by=director,
        given_on=years_ago(16),
    )
    consent.organisations.set([director.organisation])
    w["old_household"], w["old_persons"] = old, members_of(old)

    # Closed a day less than 15 years ago: kept, and so is its household.
    w["recent_household"] = household(60, on=long_ago)
    w["recent_case"] = closed_case(
        w["recent_household"], closed_on=years_ago(15, days=1)
    )

    # Youth cases (a child of 3 or 4 in the household while it ran): 20 years.
    w["youth_kept"] = closed_case(
        household(50, 20, on=long_ago), closed_on=years_ago(16)
    )
    w["youth_household"] = household(55, 24, on=long_ago)
    w["youth_due"] = closed_case(w["youth_household"], closed_on=years_ago(20))
    # Adults only, but a Jeugdwet legal basis makes it a youth case: kept at 16.
    w["jeugdwet_case"] = closed_case(
        household(60, on=long_ago), closed_on=years_ago(16)
    )
    LegalBasis.objects.create(
        case=w["jeugdwet_case"],
        law=LegalBasis.Law.JEUGDWET,
        organisation=director.organisation,
        explanation="Jeugdhulp",
        recorded_by=director,
    )

    # Requests that never became a case: 5 years after they were received.
    w["door_household"] = household(40, on=long_ago)
    w["door_request"] = RequestFactory(
        household=w["door_household"],
        status=Request.Status.CLOSED,
        received_on=years_ago(5),
    )
    w["fresh_request"] = RequestFactory(
        household=household(40, on=long_ago),
        status=Request.Status.ROUTED,
        received_on=years_ago(5, days=1),
    )
    # Awaiting triage for years: still open work, never due.
    w["waiting_request"] = RequestFactory(
        household=household(40, on=long_ago), received_on=long_ago
    )

    # An open case is never due, however old.
    w["open_case"] = CaseFactory(
        household=household(40, on=long_ago), opened_on=long_ago
    )

    # Registered without any request: due a year after registration.
    w["empty_household"] = household(30, on=years_ago(1))
    w["new_household"] = household(30)  # registered today: kept
    w["loose_person"] = PersonFactory()
    registered([w["loose_person"]], years_ago(2))

    # The audit trail refers to the old household's persons by id.
    audit.record(
        actor=act(director),
        action="case.view",
        subject=w["old_case"],
        persons=w["old_persons"],
    )
    return w


def uuids(due, record_type):
    return {row["uuid"] for row in due[record_type]}


def test_due_records_are_exactly_those_past_their_period(world):
    due = retention.due_records(TODAY)

    assert uuids(due, "case") == {str(world["old_case"].uuid)}
    assert uuids(due, "case_youth") == {str(world["youth_due"].uuid)}
    assert uuids(due, "request") == {str(world["door_request"].uuid)}
    assert uuids(due, "household") == {
        str(h.uuid)
        for h in (
            world["old_household"],
            world["youth_household"],
            world["door_household"],
            world["empty_household"],
        )
    }
    assert uuids(due, "person") == {
        str(p.uuid)
        for h in (
            world["old_household"],
            world["youth_household"],
            world["door_household"],
            world["empty_household"],
        )
        for p in members_of(h)
    } | {str(world["loose_person"].uuid)}


def test_youth_case_counts_from_opening_when_so_configured(world):
    policies = retention_policies()
    rule = policies["case_youth"]
    rule.trigger = "opened_on"
    rule.save()

    due = retention.due_records(TODAY)

    # Opened 200 days before closing 16 years ago: still under 20 years.
    assert str(world["youth_kept"].uuid) not in uuids(due, "case_youth")
    assert str(world["youth_due"].uuid) in uuids(due, "case_youth")


def test_a_type_without_policy_is_never_due(world):
    retention_policies()["case"].delete()

    due = retention.due_records(TODAY)

    assert due["case"] == []
    assert str(world["old_household"].uuid) not in uuids(due, "household")


def test_nothing_is_destroyed_before_approval(world, officer):
    before = {m: m.objects.count() for m in (Case, Request, Household, Person)}

    run = retention.retention_run_start(actor=act(officer), today=TODAY)
    with pytest.raises(RunNotApproved):
        retention.retention_run_execute(actor=act(officer), run=run)

    run.refresh_from_db()
    assert run.status == RetentionRun.Status.PENDING
    assert run.total == 1 + 1 + 1 + 4 + 7
    assert {m: m.objects.count() for m in before} == before
    assert not DestructionRecord.objects.exists()


def run_approved(officer):
    run = retention.retention_run_start(actor=act(officer), today=TODAY)
    return retention.retention_run_approve(actor=act(officer), run=run)


def execute(run, officer, monkeypatch):
    # Execution checks "still due" against today; pin today to the run's date.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return retention.retention_run_execute(actor=act(officer), run=run)


def test_execution_destroys_the_due_records_with_everything_under_them(
    world, officer, monkeypatch
):
    run = run_approved(officer)
    old = world["old_case"]
    request_pk = old.request_id

    execute(run, officer, monkeypatch)

    assert not Case.objects.filter(pk__in=[old.pk, world["youth_due"].pk]).exists()
    assert not Request.objects.filter(
        pk__in=[request_pk, world["door_request"].pk]
    ).exists()
    for model in (
        Plan,
        Involvement,
        JournalEntry,
        Referral,
        LegalBasis,
        BreakGlass,
        Assessment,
    ):
        assert not model.objects.filter(case_id=old.pk).exists(), model
    assert not Plan.objects.filter(case_id=old.pk).exists()
    assert not Review.objects.filter(plan__case_id=old.pk).exists()
    assert not Screening.objects.filter(request_id=request_pk).exists()
    assert not TriageDecision.objects.filter(request_id=request_pk).exists()
    assert not Household.objects.filter(pk=world["old_household"].pk).exists()
    assert not Person.objects.filter(
        pk__in=[p.pk for p in world["old_persons"]]
    ).exists()
    assert not Assessment.objects.filter(person__in=world["old_persons"]).exists()
    assert not Consent.objects.filter(person__in=world["old_persons"]).exists()
    # Everything not due is still there.
    for key in ("recent_case", "youth_kept", "jeugdwet_case", "open_case"):
        assert Case.objects.filter(pk=world[key].pk).exists(), key
    for key in ("fresh_request", "waiting_request"):
        assert Request.objects.filter(pk=world[key].pk).exists(), key
    assert Household.objects.filter(pk=world["new_household"].pk).exists()
    assert HouseholdMember.objects.filter(household=world["recent_household"]).exists()
    run.refresh_from_db()
    assert run.status == RetentionRun.Status.EXECUTED
    assert run.executed_at is not None


def test_destruction_record_has_counts_and_no_personal_data(
    world, officer, monkeypatch
):
    personal = [
        text
        for p in world["old_persons"]
        for text in (p.given_names, p.family_name, p.bsn, p.email, p.phone)
    ] + [
        world["old_household"].street,
        world["old_household"].postcode,
        "Huisbezoek afgelegd oud",
        "Vertrouwelijke notitie oud",
        "Rust in huis oud",
    ]
    run = run_approved(officer)

    records = execute(run, officer, monkeypatch)

    by_type = {r.record_type: r for r in records}
    assert {t: r.count for t, r in by_type.items()} == {
        "case": 1,
        "case_youth": 1,
        "request": 1,
        "household": 4,
        "person": 7,
    }
    case = by_type["case"]
    assert case.uuids == [str(world["old_case"].uuid)]
    assert case.rows["cases.Case"] == 1
    assert case.rows["plans.Plan"] == 1
    assert case.rows["plans.Review"] == 1
    assert case.rows["collaboration.JournalEntry"] == 2
    assert case.rows["intake.Request"] == 1
    assert case.approved_by == officer
    assert case.approved_at == run.approved_at
    assert case.years == 15
    assert case.policy.record_type == "case"
    stored = json.dumps(
        [model_to_dict(r) | {"uuid": str(r.uuid)} for r in records], default=str
    )
    # Whole words only: a generated first name such as "Cas" is part of the
    # model label "cases.Case", which the record rightly holds.
    for text in personal:
        assert not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", stored), text


def test_audit_entries_survive_the_destruction(world, officer, monkeypatch):
    ids = sorted(p.pk for p in world["old_persons"])
    entries = list(
        AuditEntry.objects.filter(action="case.view").values_list("pk", "person_ids")
    )
    run = run_approved(officer)

    execute(run, officer, monkeypatch)

    assert (
        list(
            AuditEntry.objects.filter(action="case.view").values_list(
                "pk", "person_ids"
            )
        )
        == entries
    )
    assert entries[0][1] == ids
    executed = AuditEntry.objects.get(action="retention.run_execute")
    assert set(ids) <= set(executed.person_ids)
    assert executed.actor == officer


def test_a_second_run_finds_nothing(world, officer, monkeypatch):
    execute(run_approved(officer), officer, monkeypatch)

    second = retention.retention_run_start(actor=act(officer), today=TODAY)

    assert second.total == 0


def test_a_listed_record_that_is_no_longer_due_is_kept(world, officer, monkeypatch):
    run = run_approved(officer)
    # After approval, the household asks for help again.
    RequestFactory(household=world["old_household"])

    records = execute(run, officer, monkeypatch)

    assert not Case.objects.filter(pk=world["old_case"].pk).exists()
    assert Household.objects.filter(pk=world["old_household"].pk).exists()
    assert Person.objects.filter(pk=world["old_persons"][0].pk).exists()
    households = next(r for r in records if r.record_type == "household")
    assert str(world["old_household"].uuid) not in households.uuids
    assert households.count == 3


def test_a_record_due_only_after_listing_is_not_destroyed(world, officer, monkeypatch):
    run = run_approved(officer)
    # Due by now, but not on the list that was approved.
    late = household(40, on=years_ago(3))

    execute(run, officer, monkeypatch)

    assert Household.objects.filter(pk=late.pk).exists()


def test_a_run_is_approved_once(world, officer):
    run = run_approved(officer)

    with pytest.raises(RunNotPending):
        retention.retention_run_approve(actor=act(officer), run=run)


def test_approval_and_execution_through_the_pages(client, world, officer):
    client.force_login(officer)

    response = client.post(reverse("officer:retention_start"))
    run = RetentionRun.objects.get()
    assert response["Location"] == reverse("officer:retention_run", args=[run.uuid])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "approve-run" in page.content.decode()

    client.post(reverse("officer:retention_approve", args=[run.uuid]))
    run.refresh_from_db()
    assert run.status == RetentionRun.Status.APPROVED
    assert run.approved_by == officer

    client.post(reverse("officer:retention_execute", args=[run.uuid]))
    run.refresh_from_db()
    assert run.status == RetentionRun.Status.EXECUTED
    page = client.get(reverse("officer:retention_run", args=[run.uuid]))
    assert "destruction-records" in page.content.decode()
    # Executing again is refused with a message, not an error page.
    again = client.post(reverse("officer:retention_execute", args=[run.uuid]))
    assert again.status_code == 302


@pytest.mark.parametrize("function", ["management", "functional_admin", ""])
def test_only_the_privacy_officer_approves(world, officer, function):
    run = retention.retention_run_start(actor=act(officer), today=TODAY)
    other = UserFactory(function=function)

    from eenplan.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        retention.retention_run_approve(actor=act(other), run=run)


def test_the_command_lists_and_executes_approved_runs(world, officer, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    call_command("retention_run")
    run = RetentionRun.objects.get()
    assert run.created_by is None
    assert run.status == RetentionRun.Status.PENDING

    call_command("retention_run", "--execute")
    assert Case.objects.filter(pk=world["old_case"].pk).exists()

    retention.retention_run_approve(actor=act(officer), run=run)
    call_command("retention_run", "--execute")
    assert not Case.objects.filter(pk=world["old_case"].pk).exists()
    run.refresh_from_db()
    assert run.status == RetentionRun.Status.EXECUTED


def test_the_privacy_officer_changes_a_period(client, officer):
    policies = retention_policies()
    client.force_login(officer)
    url = reverse("officer:retention_policy", args=["request"])

    response = client.post(
        url, {"years": "7", "trigger": "received_on", "basis": "Eigen keuze"}
    )

    assert response.status_code == 302
    rule = policies["request"]
    rule.refresh_from_db()
    assert (rule.years, rule.basis, rule.changed_by) == (7, "Eigen keuze", officer)
    assert AuditEntry.objects.filter(action="retention.policy_change").exists()


def test_a_period_cannot_count_from_a_date_the_record_lacks(officer):
    policies = retention_policies()

    with pytest.raises(TriggerNotAllowed):
        retention.retention_policy_change(
            actor=act(officer), policy=policies["person"], years=1, trigger="closed_on"
        )


def test_youth_team_makes_a_youth_case(db, director):
    retention_policies()
    team = director.memberships.get().team
    Team.objects.filter(pk=team.pk).update(kind=Team.Kind.YOUTH)
    case = closed_case(
        household(60, team=team), closed_on=years_ago(16), director=director
    )

    due = retention.due_records(TODAY)

    assert str(case.uuid) not in uuids(due, "case")
    assert str(case.uuid) not in uuids(due, "case_youth")


def test_leap_day_moves_to_the_28th():
    assert retention.years_before(datetime.date(2024, 2, 29), 1) == datetime.date(
        2023, 2, 28
    )
    assert retention.is_due(datetime.date(2011, 6, 15), 15, TODAY)
    assert not retention.is_due(datetime.date(2011, 6, 16), 15, TODAY)


def test_domain_scores_go_with_their_assessment(world, officer, monkeypatch):
    assessment = Assessment.objects.get(case=world["old_case"])

    execute(run_approved(officer), officer, monkeypatch)

    assert not DomainScore.objects.filter(assessment_id=assessment.pk).exists()


def test_destroyed_person_ids_are_never_given_out_again(world, officer, monkeypatch):
    """Audit entries keep the ids: a new person must never inherit one."""
    # The newest person, made due: on SQLite a plain rowid would be reused.
    newest = Person.objects.order_by("-pk").first()
    highest = newest.pk
    newest.household_memberships.all().delete()
    registered([newest], years_ago(2))

    execute(run_approved(officer), officer, monkeypatch)

    assert not Person.objects.filter(pk=highest).exists()
    assert PersonFactory().pk > highest
