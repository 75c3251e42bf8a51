# SPDX-License-Identifier: EUPL-1.2
"""Abstract base models shared by every app."""

import uuid

from django.db import models


class PublicModel(models.Model):
    """A row with a public UUID: the only identifier that appears in URLs and APIs."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class FormSubmission(models.Model):
    """A create form that was sent, by the token it was rendered with
    (`core.once`): the same form sent twice creates one record, and the second
    send lands where the first one did."""

    token = models.UUIDField(primary_key=True)
    path = models.CharField(max_length=255)
    result_url = models.CharField(max_length=2000, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "form submission"
