# SPDX-License-Identifier: EUPL-1.2
"""The demo municipality of `make run`: every stage of the flow, demo-only."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from eenplan.accounts.models import User
from eenplan.cases.models import Case, Involvement
from eenplan.intake.models import Request
from eenplan.people.models import Household
from eenplan.plans.models import Plan
from eenplan.privacy.models import BreakGlass, Consent, LegalBasis

pytestmark = pytest.mark.django_db


@override_settings(EENPLAN_DEMO=True)
def test_seed_demo_fills_every_stage_once():
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert 35 <= Household.objects.count() <= 45
    assert set(Request.objects.values_list("status", flat=True)) == set(
        Request.Status.values
    )
    assert set(Case.objects.values_list("status", flat=True)) == set(Case.Status.values)
    assert set(Plan.objects.values_list("status", flat=True)) == set(Plan.Status.values)
    assert Involvement.objects.exists()
    # The privacy story: consent, a withdrawal, a legal basis, break-the-glass.
    assert Consent.objects.filter(withdrawn_on__isnull=False).exists()
    assert Consent.objects.filter(withdrawn_on__isnull=True).exists()
    assert LegalBasis.objects.exists()
    assert BreakGlass.objects.filter(reviewed_at=None).exists()
    assert User.objects.get(username="privacy").function == "privacy_officer"
    assert User.objects.filter(username="balie").get().check_password("demo")

    households = Household.objects.count()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Household.objects.count() == households

    logins = StringIO()
    call_command("demo_logins", stdout=logins)
    assert "teamleider.noord" in logins.getvalue()
    assert "regisseur" in logins.getvalue()


def test_seed_demo_refuses_outside_demo_mode():
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert not Household.objects.exists()
