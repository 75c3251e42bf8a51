# SPDX-License-Identifier: EUPL-1.2
"""The inbox: told once per event, e-mailed without personal data, own only."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import task_backends

from eenplan.access.tests.actors import act
from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.core.errors import NotFoundOrForbidden
from eenplan.inbox import selectors, services
from eenplan.inbox.models import Notification
from eenplan.inbox.tasks import email_notifications, email_text

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db
K = Notification.Kind


def test_notify_puts_one_notification_per_recipient_and_key(
    django_capture_on_commit_callbacks,
):
    a, b = ProfessionalFactory(), ProfessionalFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify(
            recipients=[a.pk, b.pk, a.pk], kind=K.HANDOVER, key="x:1", url="/cases/"
        )
    with django_capture_on_commit_callbacks(execute=True):
        again = services.notify(
            recipients=[a.pk, b.pk], kind=K.HANDOVER, key="x:1", url="/cases/"
        )
    assert len(first) == 2 and again == []
    assert Notification.objects.filter(key="x:1").count() == 2
    # Each new one e-mailed once, the repeat e-mails nothing.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])


def test_notify_all_costs_the_same_queries_for_one_or_many():
    users = [ProfessionalFactory() for _ in range(6)]

    def run(recipients, key):
        with CaptureQueriesContext(connection) as queries:
            services.notify_all(
                services.Notice(u.pk, K.REVIEW_DUE, f"{key}:{u.pk}", "/")
                for u in recipients
            )
        return len(queries)

    assert run(users[:1], "one") == run(users[1:], "many")


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        services.notify(recipients=[1], kind="gossip", key="k", url="/")


def test_email_carries_no_personal_data_only_what_and_a_link(settings):
    settings.EENPLAN_SITE_URL = "https://eenplan.gemeente.example"
    n = NotificationFactory(
        kind=K.REVIEW_DUE, url="/plans/abc/", about_date=datetime.date(2026, 12, 10)
    )
    subject, body = email_text(n)
    assert subject == "Eenplan: " + str(K.REVIEW_DUE.label)
    assert "https://eenplan.gemeente.example/plans/abc/" in body
    assert "10-12-2026" in body
    assert n.recipient.last_name not in body


def test_email_is_sent_once_and_not_without_an_address():
    with_address = NotificationFactory()
    without = NotificationFactory(recipient=ProfessionalFactory(email=""))
    ids = [with_address.pk, without.pk]
    assert email_notifications.call(ids) == 1
    assert email_notifications.call(ids) == 0
    assert [m.to for m in mail.outbox] == [[with_address.recipient.email]]


@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # db_worker closes it
def test_the_database_backend_queues_and_its_worker_sends(settings):
    """Production's backend: the task is a row until `db_worker` runs it."""
    n = NotificationFactory()
    backend = task_backends["database"]
    result = email_notifications.using(backend="database").enqueue([n.pk])
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--backend", "database", verbosity=0)
    assert backend.get_result(result.id).status.name == "SUCCESSFUL"
    assert len(mail.outbox) == 1


def test_inbox_lists_only_the_actors_own_unread_first():
    me, other = ProfessionalFactory(), ProfessionalFactory()
    old = NotificationFactory(recipient=me)
    services.notification_open(actor=act(me), notification=old)
    new = NotificationFactory(recipient=me)
    NotificationFactory(recipient=other)
    assert selectors.inbox(actor=act(me)) == [new, old]
    assert selectors.unread_count(actor=act(me)) == 1


def test_another_users_notification_is_not_found():
    me, other = ProfessionalFactory(), ProfessionalFactory()
    theirs = NotificationFactory(recipient=other)
    with pytest.raises(NotFoundOrForbidden):
        selectors.notification_get(actor=act(me), uuid=theirs.uuid)


def test_opening_marks_read_and_goes_to_the_page(client):
    me = ProfessionalFactory()
    n = NotificationFactory(recipient=me, url="/people/")
    client.force_login(me)
    response = client.get(reverse("inbox:open", args=[n.uuid]))
    assert response.status_code == 302 and response.url == "/people/"
    n.refresh_from_db()
    assert n.is_read


def test_mark_all_read(client):
    me = ProfessionalFactory()
    NotificationFactory.create_batch(2, recipient=me)
    theirs = NotificationFactory()
    client.force_login(me)
    response = client.post(reverse("inbox:list"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_inbox_page_shows_what_without_personal_data(client):
    me = ProfessionalFactory()
    NotificationFactory(recipient=me, kind=K.REFERRAL_DECLINED)
    client.force_login(me)
    page = client.get(reverse("inbox:list")).content.decode()
    assert str(K.REFERRAL_DECLINED.label) in page
