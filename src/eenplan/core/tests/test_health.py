# SPDX-License-Identifier: EUPL-1.2
"""The health probe: one row by primary key, 503 when the database fails."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_answers_ok_in_one_query_without_a_login(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_is_unavailable_when_the_database_fails(client):
    with mock.patch.object(
        MigrationRecorder.Migration.objects,
        "filter",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "connection refused" not in response.content.decode()


def test_health_takes_no_posts(client):
    assert client.post(reverse("health")).status_code == 405
