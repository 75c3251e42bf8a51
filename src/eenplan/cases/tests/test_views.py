# SPDX-License-Identifier: EUPL-1.2
"""Case pages: a fixed number of queries whatever the data size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eenplan.assessments.tests.factories import AssessmentFactory
from eenplan.cases.tests.factories import CaseFactory
from eenplan.people.tests.factories import members_of
from eenplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    """The queries of a page asked twice: the first after a login also saves
    the session (once a minute, SessionRefreshMiddleware)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_case_with_overdue_review(director):
    case = CaseFactory(
        household__team=director.memberships.get().team, director=director
    )
    agreed = timezone.localdate() - datetime.timedelta(days=50)
    PlanFactory(
        case=case,
        agreed=True,
        agreed_on=agreed,
        next_review_due=agreed + datetime.timedelta(days=42),
    )
    return case


def test_my_work_query_count_does_not_grow_with_cases(client, director):
    client.force_login(director)
    add_case_with_overdue_review(director)
    one = count_queries(client, reverse("workspace:my_work"))
    for _ in range(4):
        add_case_with_overdue_review(director)
    client.force_login(director)
    five = count_queries(client, reverse("workspace:my_work"))
    assert five == one


def test_my_work_shows_overdue_review_to_director_and_team_leader(
    client, director, team_leader
):
    case = add_case_with_overdue_review(director)
    for user in (director, team_leader):
        client.force_login(user)
        page = client.get(reverse("workspace:my_work")).content.decode()
        assert str(case.uuid) in page
        assert "eenplan-badge--overdue" in page


def test_case_page_query_count_does_not_grow_with_assessments(
    client, open_case, director
):
    client.force_login(director)
    adult = members_of(open_case.household)[0]
    AssessmentFactory(person=adult, case=open_case)
    url = reverse("workspace:case", kwargs={"uuid": open_case.uuid})
    one = count_queries(client, url)
    for _ in range(3):
        AssessmentFactory(person=adult, case=open_case)
    client.force_login(director)
    four = count_queries(client, url)
    assert four == one
