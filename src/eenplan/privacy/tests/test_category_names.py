# SPDX-License-Identifier: EUPL-1.2
"""A data category has one name everywhere: on the consent form, in a refusal,
on the case page and in the audit trail (issue 8: "basisgegevens" here,
"Basisgegevens" there, "gezondheidsgegevens" and "Gezondheid" for one thing)."""

import pytest
from django.utils import translation

from eenplan.access.categories import Category
from eenplan.access.decisions import Reason, refuse
from eenplan.privacy.models import DataCategory

pytestmark = pytest.mark.django_db


def test_every_category_has_the_name_residents_read_on_the_consent_form():
    names = dict(DataCategory.objects.values_list("code", "name"))
    with translation.override("nl"):
        labels = {str(c.value): str(c.label) for c in Category}
    assert labels == names


def test_a_refusal_names_the_category_as_the_consent_form_does():
    decision = refuse(Reason.NOT_SHARED, category=Category.HEALTH)
    with translation.override("nl"):
        assert "\u201eGezondheid\u201d" in decision.message
