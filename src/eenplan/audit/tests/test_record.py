# SPDX-License-Identifier: EUPL-1.2
"""`audit.record`: one row per event, persons by internal id only, with its origin."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from eenplan import audit
from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import UserFactory, add_membership
from eenplan.audit import context
from eenplan.audit.middleware import AuditContextMiddleware
from eenplan.audit.models import AuditEntry
from eenplan.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_record_stores_sorted_unique_person_ids_and_the_subject(front_desk, household):
    a, b = PersonFactory(), PersonFactory()
    entry = audit.record(
        actor=act(front_desk),
        action="household.view",
        subject=household,
        persons=[b, a, b.pk],
    )
    entry.refresh_from_db()
    assert entry.person_ids == sorted([a.pk, b.pk])
    assert entry.object_type == "people.household"
    assert entry.object_uuid == household.uuid
    assert entry.actor == front_desk
    assert entry.outcome == "allowed"


def test_record_never_stores_a_bsn(front_desk):
    person = PersonFactory(bsn="111222333")
    audit.record(actor=act(front_desk), action="person.view", persons=[person])
    row = AuditEntry.objects.values().get()
    assert "111222333" not in repr(row)
    assert row["person_ids"] == [person.pk]


def test_a_refusal_by_an_anonymous_user_is_recorded_without_actor():
    entry = audit.record(
        actor=AnonymousUser(), action="household.view", outcome="refused"
    )
    assert entry.actor is None
    assert entry.actor_username == ""
    assert entry.outcome == "refused"
    assert entry.object_type == ""
    assert entry.person_ids == []


def test_the_users_organisation_roles_and_function_are_a_snapshot(
    front_desk, team, other_team
):
    add_membership(front_desk, other_team, "team_leader")
    entry = audit.record(actor=act(front_desk), action="household.search")
    assert entry.actor_uuid == front_desk.uuid
    assert entry.actor_username == "balie"
    assert entry.organisation_uuid == front_desk.organisation.uuid
    assert entry.organisation_name == front_desk.organisation.name
    assert entry.roles == sorted(
        [f"front_desk@{team.uuid}", f"team_leader@{other_team.uuid}"]
    )
    assert entry.function == ""

    # Moving to another organisation later does not rewrite the entry.
    front_desk.organisation = None
    front_desk.save()
    entry.refresh_from_db()
    assert entry.organisation_name != ""


def test_a_privacy_officer_is_recorded_with_function_and_no_roles():
    officer = UserFactory(function="privacy_officer")
    entry = audit.record(actor=act(officer), action="audit.view")
    assert entry.function == "privacy_officer"
    assert entry.roles == []


def test_purpose_and_legal_basis_are_stored(director, household):
    entry = audit.record(
        actor=act(director),
        action="case.view",
        subject=household,
        purpose="wmo-ondersteuning",
        legal_basis="Wmo 2015 art. 2.3.2",
    )
    entry.refresh_from_db()
    assert entry.purpose == "wmo-ondersteuning"
    assert entry.legal_basis == "Wmo 2015 art. 2.3.2"
    assert entry.break_glass is False


def test_an_allowed_break_the_glass_access_has_its_own_outcome_and_reason(
    professional, household
):
    entry = audit.record(
        actor=act(professional),
        action="case.view",
        subject=household,
        break_glass=True,
        reason="Crisis call at night, director unreachable",
    )
    entry.refresh_from_db()
    assert entry.outcome == "break_glass"
    assert entry.break_glass is True
    assert entry.reason == "Crisis call at night, director unreachable"


def test_a_refused_break_the_glass_attempt_stays_refused(professional):
    entry = audit.record(
        actor=act(professional), action="case.view", break_glass=True, outcome="refused"
    )
    assert entry.outcome == "refused"
    assert entry.break_glass is True


def test_an_unknown_outcome_is_a_programming_error(front_desk):
    with pytest.raises(ValueError, match="outcome"):
        audit.record(actor=act(front_desk), action="x", outcome="maybe")


def test_each_entry_has_a_digest_over_its_fields(front_desk, household):
    entry = audit.record(
        actor=act(front_desk), action="household.view", subject=household
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert len(stored.digest) == 64
    assert stored.compute_digest() == stored.digest


def test_outside_a_request_the_origin_is_test_with_a_fresh_trace(front_desk):
    first = audit.record(actor=act(front_desk), action="a")
    second = audit.record(actor=act(front_desk), action="b")
    assert first.origin == second.origin == "test"
    assert first.client_ip == first.path == first.method == ""
    assert len(first.trace_id) == 32 and len(first.span_id) == 16
    assert first.trace_id != second.trace_id


def test_a_command_runs_as_system_with_one_trace(front_desk):
    with context.origin(context.SYSTEM) as origin:
        first = audit.record(actor=act(front_desk), action="a")
        second = audit.record(actor=act(front_desk), action="b")
    assert first.origin == second.origin == "system"
    assert first.trace_id == second.trace_id == origin.trace_id
    assert first.span_id != second.span_id


def _through_middleware(request, view):
    return AuditContextMiddleware(view)(request)


def test_a_request_gives_its_entries_ip_agent_method_path_and_trace(front_desk):
    request = RequestFactory().get(
        "/people/households/7f1c/?name=Jansen&bsn=111222333",
        REMOTE_ADDR="192.0.2.10",
        HTTP_USER_AGENT="Mozilla/5.0 (X11)\x00\n",
    )
    entries = []

    def view(request):
        from django.http import HttpResponse

        entries.append(audit.record(actor=act(front_desk), action="a"))
        entries.append(audit.record(actor=act(front_desk), action="b"))
        return HttpResponse("ok")

    response = _through_middleware(request, view)
    first, second = (AuditEntry.objects.get(pk=e.pk) for e in entries)
    assert first.origin == "request"
    assert first.client_ip == "192.0.2.10"
    assert first.user_agent == "Mozilla/5.0 (X11)"
    assert first.method == "GET"
    # The path only: a query string could carry names or BSNs.
    assert first.path == "/people/households/7f1c/"
    assert "Jansen" not in repr(AuditEntry.objects.values().get(pk=first.pk))
    assert first.trace_id == second.trace_id == response["X-Request-ID"]
    assert first.span_id != second.span_id
    assert context.current() is None


def test_recording_is_one_insert_the_actor_carries_who_it_is(front_desk, team):
    request = RequestFactory().get("/")
    actor = act(front_desk)

    def view(request):
        from django.http import HttpResponse

        with CaptureQueriesContext(connection) as queries:
            audit.record(actor=actor, action="a")
        # One INSERT and nothing else: no lock, no read of earlier entries.
        assert len(queries) == 1
        assert queries[0]["sql"].upper().startswith("INSERT")
        return HttpResponse("ok")

    _through_middleware(request, view)


def test_a_valid_w3c_traceparent_is_kept_as_the_foreign_operation(front_desk):
    parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    request = RequestFactory().get("/", HTTP_TRACEPARENT=parent)
    entries = []

    def view(request):
        from django.http import HttpResponse

        entries.append(audit.record(actor=act(front_desk), action="a"))
        return HttpResponse("ok")

    _through_middleware(request, view)
    assert entries[0].foreign_traceparent == parent
    # Our own trace is new: a caller cannot choose our trace id.
    assert entries[0].trace_id != "4bf92f3577b34da6a3ce929d0e0e4736"


@pytest.mark.parametrize(
    "header",
    [
        "garbage",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01; DROP TABLE",
    ],
)
def test_an_invalid_traceparent_is_ignored(header):
    assert context.valid_traceparent(header) == ""


@pytest.mark.parametrize(
    ("meta", "proxies", "expected"),
    [
        ({"REMOTE_ADDR": "192.0.2.1"}, 0, "192.0.2.1"),
        (
            {
                "REMOTE_ADDR": "10.0.0.1",
                "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.7",
            },
            1,
            "198.51.100.7",
        ),
        # Without trusted proxies a client-supplied header is not believed.
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, 0, "10.0.0.1"),
        ({"REMOTE_ADDR": "not an address"}, 0, ""),
    ],
)
def test_client_ip(meta, proxies, expected):
    assert context.client_ip(meta, proxies) == expected
