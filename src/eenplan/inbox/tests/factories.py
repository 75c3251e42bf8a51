# SPDX-License-Identifier: EUPL-1.2
"""Factories for notifications."""

import factory
from factory.django import DjangoModelFactory

from eenplan.accounts.tests.factories import ProfessionalFactory
from eenplan.inbox.models import Notification


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(ProfessionalFactory)
    kind = Notification.Kind.REFERRAL_RECEIVED
    key = factory.Sequence(lambda n: f"test:{n}")
    url = "/"
