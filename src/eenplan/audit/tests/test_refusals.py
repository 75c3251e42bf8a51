# SPDX-License-Identifier: EUPL-1.2
"""Refusals are audited, after the refused service's transaction rolled back."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.audit.middleware import ApplicationErrorMiddleware, AuditContextMiddleware
from eenplan.audit.models import AuditEntry
from eenplan.audit.refusals import persons_of
from eenplan.cases.tests.factories import CaseFactory
from eenplan.core.errors import NotFoundOrForbidden, PermissionDenied
from eenplan.people.tests.factories import HouseholdFactory, members_of
from eenplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def refusals():
    return list(AuditEntry.objects.filter(outcome="refused"))


def test_a_professional_opening_the_new_household_page_gets_403_and_an_entry(
    client, professional
):
    client.force_login(professional)
    response = client.get(reverse("people:household_new"))
    assert response.status_code == 403
    (entry,) = refusals()
    assert entry.actor == professional
    assert entry.action == "household.create"
    assert entry.method == "GET"
    assert entry.path == reverse("people:household_new")
    assert entry.origin == "request"
    assert entry.trace_id == response["X-Request-ID"]


def test_another_teams_case_gives_404_and_an_entry(client, professional, other_team):
    elsewhere = CaseFactory(household=HouseholdFactory(team=other_team))
    client.force_login(professional)
    url = reverse("workspace:case", kwargs={"uuid": elsewhere.uuid})
    response = client.get(url)
    assert response.status_code == 404
    (entry,) = refusals()
    assert entry.actor == professional
    assert entry.path == url
    # Nothing about the case leaks into the entry: it might not exist at all.
    assert entry.person_ids == []


def _refuse(user, error, path="/cases/x/"):
    """Let `error` escape a view inside a service-like transaction."""
    request = RequestFactory().get(path)
    request.user = user

    def view(request):
        try:
            with transaction.atomic():
                audit.record(actor=act(user), action="about.to.roll.back")
                raise error
        except type(error) as escaped:
            return ApplicationErrorMiddleware(None).process_exception(request, escaped)
        return HttpResponse()

    return AuditContextMiddleware(view)(request)


def test_a_refusal_inside_a_transaction_survives_the_rollback(professional, open_case):
    error = PermissionDenied(code="denied:case.close")
    error.action = "case.close"
    error.subject = open_case
    error.reason = "not the director or team leader"
    response = _refuse(professional, error)
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="about.to.roll.back").exists()
    (entry,) = refusals()
    assert entry.action == "case.close"
    assert entry.object_type == "cases.case"
    assert entry.object_uuid == open_case.uuid
    assert entry.person_ids == sorted(p.pk for p in members_of(open_case.household))
    assert entry.reason == "not the director or team leader"


def test_a_refusal_without_action_falls_back_to_the_error_code(professional):
    _refuse(professional, PermissionDenied(code="denied:household.create"))
    (entry,) = refusals()
    assert entry.action == "household.create"
    assert entry.person_ids == []


def test_a_404_with_a_subject_type_records_the_type(professional):
    error = NotFoundOrForbidden()
    error.subject_type = "cases.case"
    response = _refuse(professional, error)
    assert response.status_code == 404
    (entry,) = refusals()
    assert entry.object_type == "cases.case"
    assert entry.object_uuid is None


def test_persons_of_reaches_the_household_from_case_plan_and_person(open_case):
    members = members_of(open_case.household)
    plan = PlanFactory(case=open_case)
    assert set(persons_of(open_case)) == {p.pk for p in members}
    assert set(persons_of(plan)) == {p.pk for p in members}
    assert set(persons_of(open_case.household)) == {p.pk for p in members}
    assert set(persons_of(members[0])) == {p.pk for p in members}
    assert persons_of(None) == []
    assert persons_of(open_case.household.team) == []
