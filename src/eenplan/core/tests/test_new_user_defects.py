# SPDX-License-Identifier: EUPL-1.2
"""Defects a new user hit in forms (issue 8), one test each."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from eenplan.access.tests.world import World
from eenplan.cases.forms import CloseForm
from eenplan.cases.models import Case
from eenplan.intake.models import Request
from eenplan.people.forms import PersonFormSet, clean_phone

pytestmark = pytest.mark.django_db


def test_a_household_without_persons_gets_a_proper_dutch_message():
    formset = PersonFormSet(
        {"person-TOTAL_FORMS": "1", "person-INITIAL_FORMS": "0"}, prefix="person"
    )
    with translation.override("nl"):
        assert not formset.is_valid()
        errors = [str(e) for e in formset.non_form_errors()]
    assert errors == ["Registreer ten minste één persoon van het huishouden."]


@pytest.mark.parametrize(
    "phone", ["06 12345678", "070-1234567", "+31 6 12345678", "(070) 123 45 67"]
)
def test_a_phone_number_is_accepted(phone):
    assert clean_phone(phone) == phone


@pytest.mark.parametrize(
    "phone", ["hallo", "12", "06-1234", "0612345678901234567", "06 1234 567x"]
)
def test_what_is_not_a_phone_number_is_refused(phone):
    with pytest.raises(forms.ValidationError):
        clean_phone(phone)


def test_closing_with_reason_other_needs_a_note():
    data = {"reason": Case.ClosureReason.OTHER, "closed_on": "", "lock_version": 0}
    form = CloseForm(data)
    assert not form.is_valid()
    assert "note" in form.errors
    form = CloseForm({**data, "note": "Verhuisd naar het buitenland"})
    form.is_valid()
    assert "note" not in form.errors


def test_a_48000_character_question_is_refused_and_kept(client):
    world = World("desk")
    client.force_login(world.user)
    household = world.case.household
    url = reverse("intake:request_new", kwargs={"household_uuid": household.uuid})
    question = "Wij hebben hulp nodig. " * 2100
    before = Request.objects.count()
    response = client.post(
        url,
        {
            "channel": Request.Channel.PHONE,
            "question": question,
            "persons": [world.adult.pk],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_question_error"' in page
    assert question.strip() in page
    assert Request.objects.count() == before
