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
