# SPDX-License-Identifier: EUPL-1.2
"""bench_prepare: accounts that log in through the real two steps, and their work."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts.models import User
from eenplan.collaboration.models import Referral
from eenplan.demo import bench, municipality
from eenplan.intake.models import Request
from eenplan.plans.models import Plan

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def town():
    # The generator's test seed: a town of 2,000 with a referral intake.
    return municipality.generate(residents=2_000, seed=25, today=TODAY)


def test_every_role_gets_accounts_and_the_work_it_may_do(town):
    prepared = bench.prepare(accounts=2, supply=3)
    accounts = prepared["accounts"]
    assert set(accounts) == set(bench.ROLES)
    assert all(accounts[role] for role in bench.ROLES)
    for director in accounts["director"]:
        user = User.objects.get(username=director["username"])
        drafts = Plan.objects.filter(uuid__in=director["drafts"])
        assert {p.status for p in drafts} <= {"draft"}
        assert all(p.case.director_id == user.pk for p in drafts)
        assert all(c["case"] and c["person"] for c in director["cases"])
    for partner in accounts["partner"]:
        user = User.objects.get(username=partner["username"])
        referrals = Referral.objects.filter(uuid__in=partner["referrals"])
        # The supply, one open referral per organisation and case (consent
        # recorded where the household had not given it).
        assert referrals.count() == len(partner["referrals"]) == 3
        assert len({r.case_id for r in referrals}) == referrals.count()
        assert {r.to_organisation_id for r in referrals} == {user.organisation_id}
        assert {r.status for r in referrals} == {"sent"}
    for leader in accounts["leader"]:
        waiting = Request.objects.filter(uuid__in=leader["requests"])
        assert {r.status for r in waiting} == {"awaiting_director"}
        assert leader["director"]
    for desk in accounts["front_desk"]:
        team = User.objects.get(username=desk["username"]).memberships.get().team
        queue = Request.objects.filter(team=team, status="awaiting_triage")
        assert queue.count() >= bench.QUEUE  # the triage queue is a full list
    for officer in accounts["officer"]:
        user = User.objects.get(username=officer["username"])
        assert user.function == User.Function.PRIVACY_OFFICER
        assert officer["persons"]
    assert set(prepared["domains"]) and prepared["password"]


@override_settings(EENPLAN_REQUIRE_2FA=True)
def test_an_account_logs_in_through_password_and_code(client, town):
    prepared = bench.prepare(accounts=1, supply=0)
    account = prepared["accounts"]["front_desk"][0]
    device = TOTPDevice.objects.get(user__username=account["username"])
    assert device.confirmed and device.key == account["totp_key"]
    response = client.post(
        "/login/",
        {"username": account["username"], "password": prepared["password"]},
    )
    assert response["Location"].startswith("/login/code/")
    token = f"{TOTP(bytes.fromhex(account['totp_key'])).token():06d}"
    response = client.post("/login/code/", {"token": token})
    assert response.status_code == 302 and "/login" not in response["Location"]
    assert client.get("/").status_code == 200


def test_the_command_writes_a_file_only_its_owner_reads(town, tmp_path):
    out = tmp_path / "bench" / "accounts.json"
    call_command(
        "bench_prepare", "--output", str(out), "--accounts", "1", "--supply", "1"
    )
    assert json.loads(out.read_text())["accounts"]["director"]
    assert out.stat().st_mode & 0o077 == 0


def test_it_refuses_production_settings(town, tmp_path):
    with override_settings(EENPLAN_PRODUCTION=True), pytest.raises(CommandError):
        call_command("bench_prepare", "--output", str(tmp_path / "a.json"))
    assert not (tmp_path / "a.json").exists()


def test_a_second_run_declines_the_first_runs_open_referrals_and_sends_anew(town):
    """One open referral per organisation and case: a run's unanswered supply
    would leave the next run without cases to refer."""
    first = bench.prepare(accounts=1, supply=2)["accounts"]["partner"][0]
    again = bench.prepare(accounts=1, supply=2)["accounts"]["partner"][0]
    assert again["username"] == first["username"]
    earlier = Referral.objects.filter(uuid__in=first["referrals"])
    assert {r.status for r in earlier} == {"declined"}
    assert all(r.decline_reason and r.advice for r in earlier)
    fresh = Referral.objects.filter(uuid__in=again["referrals"])
    assert fresh.count() == len(first["referrals"])
    assert {r.status for r in fresh} == {"sent"}
