# SPDX-License-Identifier: EUPL-1.2
"""Security of the staff application: sessions, headers, deployment checks, logs.

The test settings send the Content-Security-Policy as report-only (see
conf/settings/test.py); the tests that look at it enforce the real one.
"""

import datetime
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from eenplan.accounts.tests.factories import FrontDeskFactory
from eenplan.conf.log_redaction import RedactingFormatter
from eenplan.conf.settings import base

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[4]
TEMPLATES = REPO / "src" / "eenplan"
MY_WORK = reverse("cases:my_work")
ENFORCED_CSP = override_settings(
    CONTENT_SECURITY_POLICY=base.CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_REPORT_ONLY=None,
)


@pytest.fixture
def staff(db):
    return FrontDeskFactory(username="balie")


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
    )
    env.update(extra)
    return env


# --- Sessions ----------------------------------------------------------------------


def test_sessions_expire_after_inactivity_and_with_the_browser(settings):
    idle_seconds = int(os.environ.get("SESSION_COOKIE_AGE", 30 * 60))
    assert idle_seconds == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_SAVE_EVERY_REQUEST
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
