# SPDX-License-Identifier: EUPL-1.2
"""Security of the staff application: two-factor login, throttling, sessions, headers.

The test settings switch the second factor off so the rest of the suite can use
force_login; these tests switch it on (`REQUIRE_2FA`) and enforce the real
Content-Security-Policy where they look at it.
"""

import datetime
import json
import logging
import os
import re
import secrets
import subprocess
import sys
from base64 import b32decode
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core import checks
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from eenplan.accounts.models import User
from eenplan.accounts.tests.factories import (
    PASSWORD,
    FrontDeskFactory,
    TOTPDeviceFactory,
    UserFactory,
    totp_token,
    wrong_token,
)
from eenplan.accounts.throttling import client_ip
from eenplan.conf.log_redaction import RedactingFormatter
from eenplan.conf.settings import base

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[4]
TEMPLATES = REPO / "src" / "eenplan"
MY_WORK = reverse("workspace:my_work")
REQUIRE_2FA = override_settings(EENPLAN_REQUIRE_2FA=True)
DEMO_DEV = override_settings(
    EENPLAN_REQUIRE_2FA=True, EENPLAN_DEMO=True, EENPLAN_DEMO_ACCOUNTS_SKIP_2FA=True
)
ENFORCED_CSP = override_settings(
    CONTENT_SECURITY_POLICY=base.CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_REPORT_ONLY=None,
)


@pytest.fixture
def staff(db):
    return FrontDeskFactory(username="balie")


@pytest.fixture
def device(staff):
    return TOTPDeviceFactory(user=staff)


def code_step(next_url=MY_WORK) -> str:
    return f"{reverse('two_factor')}?next={next_url.replace('/', '%2F')}"


def log_in_with_password(client, username="balie", password=PASSWORD, **extra):
    return client.post(
        reverse("login"), {"username": username, "password": password}, **extra
    )


def production_values(**env) -> dict:
    """Settings of eenplan.conf.settings.production, read in a fresh process."""
    return in_production(
        "from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'DEBUG', 'EENPLAN_DEMO', 'EENPLAN_REQUIRE_2FA',"
        "'EENPLAN_DEMO_ACCOUNTS_SKIP_2FA', 'SESSION_COOKIE_AGE',"
        "'SESSION_SAVE_EVERY_REQUEST', 'SESSION_EXPIRE_AT_BROWSER_CLOSE',"
        "'EENPLAN_PRODUCTION', 'DATABASES')}, default=str))",
        **env,
    )


def in_production(script: str, **env):
    """What `script` prints as JSON (its last line), run in a fresh process with
    the production settings after `import json, django; django.setup()`."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", "import json, django; django.setup();" + script],
        env=production_env(**env),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("EENPLAN_", "SESSION_", "AXES_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="eenplan.conf.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="eenplan.gemeente.example",
        DATABASE_URL="sqlite:////tmp/eenplan-check-deploy.sqlite3",
        EENPLAN_ALLOW_SQLITE="true",
    )
    env.update(extra)
    return env


# --- The second factor -------------------------------------------------------------


@REQUIRE_2FA
def test_staff_page_sends_a_password_only_session_to_the_code_step(client, staff):
    client.force_login(staff)
    response = client.get(MY_WORK)
    assert response.status_code == 302
    assert response["Location"] == code_step()


@REQUIRE_2FA
def test_password_step_continues_to_the_code_step_not_to_the_page(client, device):
    response = log_in_with_password(client)
    assert response.status_code == 302
    assert response["Location"] == code_step()
    assert client.get(MY_WORK).status_code == 302


@REQUIRE_2FA
def test_correct_code_gets_in_under_a_new_session_key(client, device):
    log_in_with_password(client)
    key_after_password = client.session.session_key
    response = client.post(
        reverse("two_factor"), {"token": totp_token(device), "next": MY_WORK}
    )
    assert response.status_code == 302
    assert response["Location"] == MY_WORK
    assert client.session.session_key != key_after_password
    assert client.get(MY_WORK).status_code == 200


@REQUIRE_2FA
def test_code_may_be_typed_with_spaces(client, device):
    log_in_with_password(client)
    token = totp_token(device)
    response = client.post(reverse("two_factor"), {"token": f"{token[:3]} {token[3:]}"})
    assert response.status_code == 302


@REQUIRE_2FA
def test_wrong_code_is_refused_with_a_dutch_message(client, device):
    log_in_with_password(client)
    response = client.post(reverse("two_factor"), {"token": wrong_token(device)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze code klopt niet" in html
    assert 'aria-invalid="true"' in html
    assert client.get(MY_WORK).status_code == 302


@REQUIRE_2FA
def test_code_that_is_not_six_digits_is_refused(client, device):
    log_in_with_password(client)
    response = client.post(reverse("two_factor"), {"token": "12ab56"})
    assert "Vul de 6 cijfers van de code in" in response.content.decode()


@REQUIRE_2FA
def test_a_code_works_only_once(client, device):
    token = totp_token(device)
    log_in_with_password(client)
    assert client.post(reverse("two_factor"), {"token": token}).status_code == 302
    client.post(reverse("logout"))
    log_in_with_password(client)
    response = client.post(reverse("two_factor"), {"token": token})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()


@REQUIRE_2FA
def test_code_of_another_users_app_is_refused(client, device):
    other = TOTPDeviceFactory(user=UserFactory())
    log_in_with_password(client)
    assert totp_token(other) != totp_token(device)  # one in a million
    response = client.post(reverse("two_factor"), {"token": totp_token(other)})
    assert response.status_code == 200


@REQUIRE_2FA
def test_next_to_another_site_is_ignored(client, device):
    log_in_with_password(client)
    response = client.post(
        reverse("two_factor"),
        {"token": totp_token(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == MY_WORK


@REQUIRE_2FA
def test_code_step_without_password_goes_to_the_login(client):
    response = client.get(reverse("two_factor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@REQUIRE_2FA
def test_code_page_is_in_dutch_and_never_cached(client, device):
    log_in_with_password(client)
    response = client.get(reverse("two_factor"))
    assert "Vul uw code in" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


# --- Setting up the app (enrolment) ------------------------------------------------


@REQUIRE_2FA
def test_user_without_an_app_is_sent_to_set_it_up(client, staff):
    log_in_with_password(client)
    response = client.get(code_step())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_enrol"))


@REQUIRE_2FA
def test_set_up_page_shows_a_qr_code_and_the_same_secret_as_text(client, staff):
    log_in_with_password(client)
    response = client.get(reverse("two_factor_enrol"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "<svg" in html and "<path" in html
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    assert b32decode(secret.replace(" ", "")) == device.bin_key
    # Reloading shows the same secret, so a scanned code stays valid.
    client.get(reverse("two_factor_enrol"))
    assert TOTPDevice.objects.filter(user=staff).count() == 1


@REQUIRE_2FA
def test_unconfirmed_app_does_not_open_staff_pages(client, staff):
    log_in_with_password(client)
    client.get(reverse("two_factor_enrol"))
    assert client.get(MY_WORK).status_code == 302


@REQUIRE_2FA
def test_confirming_the_app_with_a_code_logs_in(client, staff):
    log_in_with_password(client)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(
        reverse("two_factor_enrol"), {"token": totp_token(device), "next": MY_WORK}
    )
    assert response.status_code == 302
    assert response["Location"] == MY_WORK
    device.refresh_from_db()
    assert device.confirmed
    assert "Tweestapsverificatie is ingesteld" in client.get(MY_WORK).content.decode()


@REQUIRE_2FA
def test_wrong_code_does_not_confirm_the_app(client, staff):
    log_in_with_password(client)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(reverse("two_factor_enrol"), {"token": wrong_token(device)})
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


@REQUIRE_2FA
def test_with_an_app_set_up_a_second_one_cannot_be_added(client, device):
    log_in_with_password(client)
    response = client.get(reverse("two_factor_enrol"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor"))
    assert TOTPDevice.objects.filter(user=device.user).count() == 1


# --- The admin ------------------------------------------------------------------------


@REQUIRE_2FA
def test_admin_needs_the_second_factor_too(client):
    admin = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    device = TOTPDeviceFactory(user=admin)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"].startswith(reverse("two_factor"))
    client.post(reverse("two_factor"), {"token": totp_token(device)})
    assert client.get("/admin/").status_code == 200


@REQUIRE_2FA
def test_admin_login_is_the_application_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- Demo accounts -----------------------------------------------------------------


@pytest.fixture
def demo_account(staff):
    User.objects.filter(pk=staff.pk).update(is_demo_account=True)
    staff.refresh_from_db()
    return staff


@DEMO_DEV
def test_demo_account_skips_the_code_in_dev_demo_mode_and_is_marked(
    client, demo_account
):
    response = log_in_with_password(client)
    assert response["Location"] == MY_WORK
    html = client.get(MY_WORK).content.decode()
    assert 'id="demo-account-marker"' in html
    assert "Demo-account zonder tweestapsverificatie" in html


@DEMO_DEV
def test_real_account_needs_the_code_in_dev_demo_mode(client, staff):
    assert log_in_with_password(client)["Location"] == code_step()


@override_settings(
    EENPLAN_REQUIRE_2FA=True, EENPLAN_DEMO=False, EENPLAN_DEMO_ACCOUNTS_SKIP_2FA=True
)
def test_demo_account_needs_the_code_without_demo_mode(client, demo_account):
    assert log_in_with_password(client)["Location"] == code_step()


def test_production_settings_force_the_code_whatever_the_environment_says():
    values = production_values(EENPLAN_DEMO="1", EENPLAN_REQUIRE_2FA="0", DEBUG="1")
    assert values["DEBUG"] is False
    assert values["EENPLAN_DEMO"] is False
    assert values["EENPLAN_REQUIRE_2FA"] is True
    assert values["EENPLAN_DEMO_ACCOUNTS_SKIP_2FA"] is False


def test_production_keeps_database_connections_open_and_checks_them():
    """A new PostgreSQL connection per request costs about 9 ms (issue 10)."""
    url = "postgres://eenplan@db.example:5432/eenplan"
    default = production_values(DATABASE_URL=url)["DATABASES"]["default"]
    assert default["CONN_MAX_AGE"] == 60
    assert default["CONN_HEALTH_CHECKS"] is True
    configured = production_values(DATABASE_URL=url, DB_CONN_MAX_AGE="300")
    assert configured["DATABASES"]["default"]["CONN_MAX_AGE"] == 300
    assert configured["EENPLAN_PRODUCTION"] is True


def test_postgresql_statements_are_prepared_unless_a_pooler_forbids_it():
    """Planning a page's statements cost PostgreSQL more than running them."""
    url = "postgres://eenplan@db.example:5432/eenplan"
    options = production_values(DATABASE_URL=url)["DATABASES"]["default"]["OPTIONS"]
    assert options == {"server_side_binding": True, "prepare_threshold": 5}
    off = production_values(DATABASE_URL=url, DB_PREPARE_THRESHOLD="off")
    assert off["DATABASES"]["default"]["OPTIONS"]["prepare_threshold"] is None


def test_the_connection_in_use_prepares_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        return
    with connection.cursor() as cursor:
        assert type(cursor.cursor).__name__ == "ServerBindingCursor"
    assert connection.connection.prepare_threshold == 5


def test_demo_account_grants_nothing_with_production_settings(client, demo_account):
    values = production_values(EENPLAN_DEMO="1")
    with override_settings(
        EENPLAN_DEMO=values["EENPLAN_DEMO"],
        EENPLAN_REQUIRE_2FA=values["EENPLAN_REQUIRE_2FA"],
        EENPLAN_DEMO_ACCOUNTS_SKIP_2FA=values["EENPLAN_DEMO_ACCOUNTS_SKIP_2FA"],
    ):
        assert log_in_with_password(client)["Location"] == code_step()
        assert client.get(MY_WORK).status_code == 302


@DEMO_DEV
def test_seed_demo_marks_its_accounts_and_demo_logins_says_they_skip_the_code():
    call_command("seed_demo", "--households", "0", stdout=StringIO())
    assert User.objects.get(username="balie").is_demo_account
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "without the second step (two-factor login)" in out.getvalue()


@override_settings(EENPLAN_DEMO=True)
def test_seed_demo_if_empty_marks_demo_accounts_of_an_older_database():
    from eenplan.people.tests.factories import HouseholdFactory

    call_command("seed_demo", "--households", "0", stdout=StringIO())
    User.objects.update(is_demo_account=False)
    HouseholdFactory()
    UserFactory(username="sanne")  # not a demo account
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert User.objects.get(username="balie").is_demo_account
    assert not User.objects.get(username="sanne").is_demo_account


# --- Throttling (django-axes) ------------------------------------------------------


def test_five_wrong_passwords_lock_out_that_username_from_that_address(client, staff):
    for _ in range(4):
        assert log_in_with_password(client, password="fout").status_code == 200
    response = log_in_with_password(client, password="fout")
    assert response.status_code == 429
    # Now even the right password is refused, with a clear page and no name in it.
    response = log_in_with_password(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Te veel pogingen" in html
    assert "15 minuten" in html
    assert "balie" not in html
    # Another address is not locked out by these failures.
    other = log_in_with_password(client, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302


@override_settings(AXES_COOLOFF_TIME=datetime.timedelta(minutes=15))
def test_lockout_ends_after_the_cool_off(client, staff):
    from axes.models import AccessAttempt

    for _ in range(5):
        log_in_with_password(client, password="fout")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )
    assert log_in_with_password(client).status_code == 302


@REQUIRE_2FA
def test_wrong_codes_count_towards_the_lockout_and_end_the_session(client, device):
    log_in_with_password(client)
    for _ in range(4):
        response = client.post(reverse("two_factor"), {"token": wrong_token(device)})
        assert response.status_code == 200
    response = client.post(reverse("two_factor"), {"token": wrong_token(device)})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert log_in_with_password(client).status_code == 429


@REQUIRE_2FA
def test_only_a_complete_login_clears_the_failures(client, device):
    from axes.models import AccessAttempt

    for _ in range(3):
        log_in_with_password(client, password="fout")
    log_in_with_password(client)
    assert AccessAttempt.objects.exists()  # the password alone clears nothing
    client.post(reverse("two_factor"), {"token": totp_token(device)})
    assert not AccessAttempt.objects.exists()


def test_failed_logins_leave_no_username_or_address_in_the_log(client, staff, caplog):
    caplog.set_level(logging.DEBUG)
    for _ in range(5):
        log_in_with_password(client, password="fout", REMOTE_ADDR="192.0.2.44")
    lines = "\n".join(record.getMessage() for record in caplog.records)
    assert "AXES" in lines
    assert "balie" not in lines
    assert "192.0.2.44" not in lines


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote 6.6.6.6
        (2, "203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "", "10.0.0.1"),
    ],
)
def test_client_address_comes_from_trusted_proxies_only(
    rf, proxies, forwarded, expected
):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(EENPLAN_PROXY_COUNT=proxies):
        assert client_ip(request) == expected


# --- Sessions ----------------------------------------------------------------------


def test_sessions_expire_after_inactivity_and_with_the_browser(settings):
    idle_seconds = int(os.environ.get("SESSION_COOKIE_AGE", 30 * 60))
    assert idle_seconds == settings.SESSION_COOKIE_AGE
    # Moved by SessionRefreshMiddleware once a minute, not saved on every page.
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    assert 0 < settings.EENPLAN_SESSION_REFRESH_SECONDS < idle_seconds / 10
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_every_request_moves_the_expiry_and_an_idle_session_ends(client, staff):
    client.force_login(staff)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    response = client.get(MY_WORK)
    assert response.status_code == 200
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # gone with the browser
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)

    # Thirty minutes without a request: the session has ended.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(MY_WORK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _expiry_after(client, minutes):
    """Set the session to end in `minutes`, ask a page: how long it has left."""
    Session.objects.update(
        expire_date=timezone.now() + datetime.timedelta(minutes=minutes)
    )
    assert client.get(MY_WORK).status_code == 200
    return Session.objects.get().expire_date - timezone.now()


def test_the_expiry_moves_once_a_minute_not_on_every_page(
    client, staff, settings, monkeypatch
):
    from eenplan.core import middleware

    client.force_login(staff)
    now = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    assert _expiry_after(client, 10) > datetime.timedelta(minutes=29)  # first page
    # A page within the minute does not write the session.
    now[0] += settings.EENPLAN_SESSION_REFRESH_SECONDS - 1
    assert _expiry_after(client, 10) < datetime.timedelta(minutes=11)
    # A minute after the last save it moves again.
    now[0] += 1
    assert _expiry_after(client, 10) > datetime.timedelta(minutes=29)


def test_a_visitor_without_a_session_gets_none(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert not Session.objects.exists()


# --- Headers ------------------------------------------------------------------------


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


@ENFORCED_CSP
@pytest.mark.parametrize("logged_in", [False, True])
def test_pages_carry_a_strict_content_security_policy(client, staff, logged_in):
    if logged_in:
        client.force_login(staff)
    response = client.get(MY_WORK if logged_in else reverse("login"))
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for name, values in policy.items():
        assert "'unsafe-inline'" not in values, name
        assert "'unsafe-eval'" not in values, name
        assert not any(v.startswith("http") for v in values), name  # no CDN


def test_security_headers(client):
    response = client.get(reverse("login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
        "inline script",
    ),
    (re.compile(r"<style\b", re.I), "style element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_need_nothing_the_policy_forbids():
    """No inline script, style or event handler in a template: the CSP blocks them."""
    found = []
    for template in TEMPLATES.glob("**/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{template.relative_to(TEMPLATES)}: {what}")
    assert found == []


# --- Deployment ----------------------------------------------------------------------


def test_check_deploy_is_clean_with_the_production_settings():
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def _start_production(**env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "manage.py", "check"],
        env={k: v for k, v in production_env(**env).items() if v is not None},
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_database_url():
    result = _start_production(DATABASE_URL=None)
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr


def test_production_refuses_sqlite_unless_the_operator_allows_it():
    refused = _start_production(EENPLAN_ALLOW_SQLITE=None)
    assert refused.returncode != 0
    assert "EENPLAN_ALLOW_SQLITE" in refused.stderr
    assert _start_production(EENPLAN_ALLOW_SQLITE="true").returncode == 0


def test_sqlite_is_set_up_for_several_users_at_once(tmp_path):
    """The embedded database of `make run`: WAL, a busy timeout, IMMEDIATE."""
    script = (
        "import json, django; django.setup();"
        "from django.db import connection as c;"
        "c.ensure_connection(); cur = c.cursor();"
        "cur.execute('PRAGMA journal_mode'); mode = cur.fetchone()[0];"
        "cur.execute('PRAGMA busy_timeout'); busy = cur.fetchone()[0];"
        "print(json.dumps([mode, busy, c.transaction_mode]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="eenplan.conf.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'eenplan.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    mode, busy, transaction_mode = json.loads(result.stdout)
    assert mode == "wal"
    assert busy >= 5000
    assert transaction_mode == "IMMEDIATE"


def test_check_deploy_warns_when_the_second_factor_is_off():
    with override_settings(EENPLAN_REQUIRE_2FA=False, EENPLAN_DEMO=True):
        ids = {m.id for m in checks.run_checks(include_deployment_checks=True)}
    assert {"eenplan.W001", "eenplan.W002"} <= ids


# --- No personal data in log lines or error pages ---------------------------------


def test_log_lines_keep_the_traceback_but_not_the_exception_message():
    from django.db import IntegrityError

    name, bsn = "Anna de Vries", "111222333"

    def store():
        try:
            raise ValueError(f"{name}, {bsn}")
        except ValueError as error:
            raise IntegrityError(f"Key (bsn)=({bsn}) already exists.") from error

    try:
        store()
    except IntegrityError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/people/",),
            sys.exc_info(),
        )
    line = RedactingFormatter("%(message)s").format(record)
    assert "Internal Server Error: /people/" in line
    assert "django.db.utils.IntegrityError" in line and "ValueError" in line
    assert "in store" in line  # where it broke
    assert "111222333" not in line and "Anna" not in line


def test_django_logs_go_to_the_console_only_through_the_redacting_formatter():
    from django.utils.log import AdminEmailHandler

    handlers = [
        h
        for h in logging.getLogger("django").handlers
        if type(h).__module__.split(".")[0] != "_pytest"  # pytest's log capture
    ]
    assert handlers
    for handler in handlers:
        assert not isinstance(handler, AdminEmailHandler)  # it mails POST data
        assert isinstance(handler.formatter, RedactingFormatter)


def test_server_error_page_shows_nothing_of_the_request(rf):
    from django.views.defaults import server_error

    request = rf.post("/people/", {"name": "Anna de Vries", "bsn": "111222333"})
    html = server_error(request).content.decode()
    assert "Anna" not in html and "111222333" not in html and "/people/" not in html


# --- Logins in the audit trail (issue 9) -------------------------------------------


def _login_entries():
    from eenplan.audit.models import AuditEntry as Entry

    return list(
        Entry.objects.filter(action__startswith="login.")
        .order_by("id")
        .values_list("action", "outcome", "actor_username")
    )


def test_a_login_and_a_failed_one_are_in_the_audit_trail(client, staff):
    log_in_with_password(client, password="fout")
    log_in_with_password(client, username="onbekend", password="fout")
    log_in_with_password(client)
    assert _login_entries() == [
        ("login.failed", "refused", "balie"),
        ("login.failed", "refused", ""),
        ("login.success", "allowed", "balie"),
    ]


@override_settings(AXES_FAILURE_LIMIT=2)
def test_a_lockout_is_in_the_audit_trail(client, staff):
    log_in_with_password(client, password="fout")
    log_in_with_password(client, password="fout")
    assert ("login.locked_out", "refused", "balie") in _login_entries()


@REQUIRE_2FA
def test_setting_up_the_app_is_in_the_audit_trail(client, staff):
    log_in_with_password(client)
    client.get(reverse("two_factor_enrol"))
    device = TOTPDevice.objects.get(user=staff)
    client.post(reverse("two_factor_enrol"), {"token": totp_token(device)})
    assert ("login.two_factor_set_up", "allowed", "balie") in _login_entries()


@REQUIRE_2FA
def test_a_wrong_login_code_is_in_the_audit_trail_once(client, device):
    log_in_with_password(client)
    client.post(reverse("two_factor"), {"token": wrong_token(device)})
    assert _login_entries() == [
        ("login.success", "allowed", "balie"),
        ("login.two_factor_failed", "refused", "balie"),
    ]


def test_production_sends_pages_to_https_but_answers_the_health_probe_over_http():
    """A load balancer asks /health/ over plain HTTP; everything else moves to HTTPS."""
    health, login, location = in_production(
        "from django.test import Client;"
        "c = Client(HTTP_HOST='eenplan.gemeente.example');"
        "print(json.dumps([c.get('/health/').status_code, c.get('/login/').status_code,"
        " c.get('/login/')['Location']]))"
    )
    assert health in (200, 503)  # answered, whether or not this database is migrated
    assert login == 301 and location.startswith("https://eenplan.gemeente.example/")
