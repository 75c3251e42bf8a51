# SPDX-License-Identifier: EUPL-1.2
"""The 6-weekly cycle's reminders: due soon to the director, overdue to the
team leaders, each exactly once however often the task runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from eenplan.accounts.tests.factories import TeamLeaderFactory, add_membership
from eenplan.cases.tests.factories import CaseFactory
from eenplan.inbox.models import Notification
from eenplan.organisations.models import Membership
from eenplan.plans import services
from eenplan.plans.models import Plan
from eenplan.plans.tasks import send_review_reminders

from .factories import PlanFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
K = Notification.Kind


def agreed(review_in_days, **case):
    """An agreed plan of an open case, its review `review_in_days` from today."""
    due = TODAY + review_in_days * DAY
    return PlanFactory(
        agreed=True,
        case=CaseFactory(**case),
        agreed_on=due - 42 * DAY,
        next_review_due=due,
    )


def sent():
    return set(Notification.objects.values_list("recipient_id", "kind", "key"))


def test_due_within_the_week_reminds_the_director_once():
    soon, today, later = agreed(7), agreed(0), agreed(8)
    result = services.review_reminders_send(today=TODAY, soon_days=7)
    assert (result.due, result.overdue) == (2, 0)
    assert sent() == {
        (soon.case.director_id, K.REVIEW_DUE, f"review_due:{soon.uuid}"),
        (today.case.director_id, K.REVIEW_DUE, f"review_due:{today.uuid}"),
    }
    assert later.case.director.notifications.count() == 0
    again = services.review_reminders_send(today=TODAY, soon_days=7)
    assert (again.due, again.overdue) == (0, 0)
    assert Notification.objects.count() == 2


def test_overdue_tells_every_team_leader_once_and_not_the_director_again():
    late = agreed(-1)
    leaders = [TeamLeaderFactory(team=late.case.team) for _ in range(2)]
    other_team_leader = TeamLeaderFactory()
    result = services.review_reminders_send(today=TODAY, soon_days=7)
    assert (result.due, result.overdue) == (0, 2)
    assert sent() == {
        (leader.pk, K.REVIEW_OVERDUE, f"review_overdue:{late.uuid}")
        for leader in leaders
    }
    assert other_team_leader.notifications.count() == 0
    assert late.case.director.notifications.count() == 0
    services.review_reminders_send(today=TODAY, soon_days=7)
    assert Notification.objects.count() == 2


def test_a_review_that_went_from_due_to_overdue_reaches_the_leader_too():
    plan = agreed(3)
    leader = TeamLeaderFactory(team=plan.case.team)
    services.review_reminders_send(today=TODAY, soon_days=7)
    services.review_reminders_send(today=TODAY + 4 * DAY, soon_days=7)
    assert sent() == {
        (plan.case.director_id, K.REVIEW_DUE, f"review_due:{plan.uuid}"),
        (leader.pk, K.REVIEW_OVERDUE, f"review_overdue:{plan.uuid}"),
    }


def test_reviewed_drafts_and_closed_cases_are_not_reminded():
    done = agreed(-3)
    Plan.objects.filter(pk=done.pk).update(status=Plan.Status.SUPERSEDED)
    agreed(-3, closed=True)
    PlanFactory(case=CaseFactory())  # a draft has no review date
    assert services.review_reminders_send(today=TODAY, soon_days=7).due == 0
    assert Notification.objects.count() == 0


def test_a_leader_of_two_teams_is_told_per_plan():
    first, second = agreed(-2), agreed(-5)
    leader = TeamLeaderFactory(team=first.case.team)
    add_membership(leader, second.case.team, Membership.Role.TEAM_LEADER)
    services.review_reminders_send(today=TODAY, soon_days=7)
    assert leader.notifications.count() == 2


def test_queries_do_not_grow_with_the_number_of_plans():
    def run(n):
        for _ in range(n):
            plan = agreed(-1)
            TeamLeaderFactory(team=plan.case.team)
            agreed(2)
        with CaptureQueriesContext(connection) as queries:
            services.review_reminders_send(today=TODAY, soon_days=7)
        Notification.objects.all().delete()
        return len(queries)

    assert run(1) == run(5)


def test_the_task_and_the_command_send_the_reminders_and_mail_them(
    django_capture_on_commit_callbacks,
):
    plan = agreed(1)
    with django_capture_on_commit_callbacks(execute=True):
        result = send_review_reminders.call()
    assert result == {"due": 1, "overdue": 0}
    assert [m.to for m in mail.outbox] == [[plan.case.director.email]]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", verbosity=0)  # the immediate backend: runs now
    assert len(mail.outbox) == 1
