# SPDX-License-Identifier: EUPL-1.2
"""Settings shared by every environment; what varies is an environment variable."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = Path(os.environ.get("EENPLAN_BASE_DIR", PACKAGE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("EENPLAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
# True in the production settings only: tools that write synthetic or demo data
# (generate_municipality) refuse to run there.
EENPLAN_PRODUCTION = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Django's admin, behind the same two-step login as the staff pages.
    "eenplan.accounts.apps.StaffAdminConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    # Background work: Django's tasks API (backport) with the database backend.
    "django_tasks",
    "django_tasks_db",
    "eenplan.core",
    "eenplan.accounts",
    "eenplan.organisations",
    "eenplan.access",
    "eenplan.audit",
    "eenplan.inbox",
    "eenplan.people",
    "eenplan.privacy",
    "eenplan.assessments",
    "eenplan.services",
    "eenplan.intake",
    "eenplan.cases",
    "eenplan.plans",
    "eenplan.collaboration",
    "eenplan.consultations",
    "eenplan.workspace",
    "eenplan.officer",
    "eenplan.insights",
    # Demo data for `make run` (stands on every app above).
    "eenplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Moves an idle session's expiry, once a minute (see Sessions below).
    "eenplan.core.middleware.SessionRefreshMiddleware",
    "eenplan.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "eenplan.audit.middleware.AuditContextMiddleware",
    # Marks request.user as verified once the second factor was given.
    "django_otp.middleware.OTPMiddleware",
    # request.actor: who acts, built once on first use (eenplan.access).
    "eenplan.access.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Django answers a refused method (405) with an empty body: a Dutch page.
    "eenplan.core.middleware.MethodNotAllowedPageMiddleware",
    "eenplan.audit.middleware.ApplicationErrorMiddleware",
    "eenplan.core.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page. Inside
    # the locale middleware, so that page is in the user's language.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eenplan.conf.urls"
CSRF_FAILURE_VIEW = "eenplan.core.error_views.csrf_failure"
WSGI_APPLICATION = "eenplan.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eenplan.core.context_processors.site",
                "eenplan.access.context_processors.access",
                "eenplan.accounts.context_processors.two_factor_context",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'eenplan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for several users at once: readers do not block the writer (WAL);
    # a writer waits up to `timeout` seconds for another one instead of failing
    # with "database is locked"; and a transaction takes the write lock when it
    # begins (IMMEDIATE), so two transactions that read and then write cannot
    # deadlock halfway (SQLite would fail one at once, whatever the timeout).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepared statements: PostgreSQL planned a case page's 25 statements anew
    # on every request, and planning took longer than running them (4 ms to
    # plan, 0.4 ms to run the routed-requests queue at a million residents).
    # With parameters bound on the server, psycopg prepares a statement once
    # it has run DB_PREPARE_THRESHOLD times on a connection (kept open in
    # production), and PostgreSQL reuses its plan. Behind a pooler that cannot
    # keep prepared statements (PgBouncer before 1.21 in transaction mode),
    # set DB_PREPARE_THRESHOLD=off.
    threshold = os.environ.get("DB_PREPARE_THRESHOLD", "5").strip().lower()
    prepare = None if threshold in {"off", "none", ""} else int(threshold)
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": env_bool("DB_SERVER_SIDE_BINDING", True),
        "prepare_threshold": prepare,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out username+IP before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:my_work"
LOGOUT_REDIRECT_URL = "login"
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# dd-mm-jjjj everywhere, also in English (conf/formats/).
FORMAT_MODULE_PATH = ["eenplan.conf.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))

# --- Sessions: they end after inactivity -----------------------------------------
# The expiry moves with the pages: an idle session expires SESSION_COOKIE_AGE
# seconds after the last request. Not by saving it on every request (an UPDATE
# and a commit per page): SessionRefreshMiddleware saves it once its last save
# is EENPLAN_SESSION_REFRESH_SECONDS old, so it ends up to that much earlier.
# The cookie itself lives only as long as the browser (no Expires date).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = False
EENPLAN_SESSION_REFRESH_SECONDS = int(
    os.environ.get("EENPLAN_SESSION_REFRESH_SECONDS", "60")
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the token; forms carry it

# --- Security headers -------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): only this origin, nothing inline.
# - script-src: the pages load external scripts from static/ only (Chart.js and
#   js/zrm-radar.js); chart data sits in <script type="application/json">, which
#   CSP does not execute. No 'unsafe-inline', no 'unsafe-eval', no nonces needed.
# - style-src 'self' without 'unsafe-inline': the templates have no style
#   attributes or <style> elements. Chart.js sizes its canvas through the CSSOM
#   (canvas.style.height = ...), which CSP does not restrict; it only blocks style
#   attributes in markup and <style> elements, and Chart.js 4 writes neither. (htmx,
#   also in static/vendor, would inject a <style> for its indicators: set
#   htmx.config.includeIndicatorStyles = false before using it.)
# - img-src data: the theme's CSS draws checkbox and select icons as data: SVGs.
# - frame-ancestors 'none' with X-Frame-Options DENY: no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Login: password, then a second factor (TOTP) ----------------------------------
# Staff pages (access.views.staff_view) and the admin require a verified TOTP device
# when this is on. Production forces it; the test settings turn it off.
EENPLAN_REQUIRE_2FA = env_bool("EENPLAN_REQUIRE_2FA", True)
# Only the dev settings in demo mode let `seed_demo`'s accounts skip the second
# factor; never an environment variable, and production forces it off.
EENPLAN_DEMO_ACCOUNTS_SKIP_2FA = False
OTP_TOTP_ISSUER = "Eenplan"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a TOTP secret

# --- Login throttling (django-axes) ------------------------------------------------
# After AXES_FAILURE_LIMIT failed passwords or codes for one username from one IP
# address, that combination is locked for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False  # a complete login clears the count (accounts.throttling)
AXES_LOCKOUT_CALLABLE = "eenplan.accounts.views.lockout"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "eenplan.accounts.throttling.client_ip"
AXES_USERNAME_CALLABLE = "eenplan.accounts.throttling.username"
# Behind a reverse proxy the client's address is in X-Forwarded-For: this many
# trusted proxies append to it. 0 means REMOTE_ADDR is the client.
EENPLAN_PROXY_COUNT = int(os.environ.get("EENPLAN_PROXY_COUNT", "0"))
# Log lines carry no username, IP address or user agent; the usernames and
# addresses of failed attempts stay in the axes table until the lockout expires.
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "token"]
# Logins are not kept in an axes table for ever (AccessLog): who logged in
# belongs in the audit trail, with its retention.
AXES_DISABLE_ACCESS_LOG = True

# --- Background work and e-mail ----------------------------------------------------
# Tasks (reminders, notification e-mails) are rows in the database; `manage.py
# db_worker` runs them. EENPLAN_TASKS_BACKEND=immediate runs them in the request
# instead (handy for a single-process demo); the tests do so too.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[os.environ.get("EENPLAN_TASKS_BACKEND", "database")],
        "QUEUES": ["default"],
    }
}
# Notification e-mails carry no personal data: a line of what waits and a link.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "eenplan@localhost")
# The address the links in e-mails start with (no request to take it from).
EENPLAN_SITE_URL = os.environ.get("EENPLAN_SITE_URL", "http://127.0.0.1:8000")
# A review due within this many days is announced to its director.
EENPLAN_REVIEW_REMINDER_DAYS = int(os.environ.get("EENPLAN_REVIEW_REMINDER_DAYS", "7"))

# A case with no progress, review, plan or report for this many days stands
# still, and shows on its team leader's overview.
EENPLAN_STANDSTILL_DAYS = int(os.environ.get("EENPLAN_STANDSTILL_DAYS", "42"))

# --- Logging -----------------------------------------------------------------------
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# Log lines carry identifiers only, never names, BSNs or free text. Exception
# messages are left out of tracebacks (a database error quotes the values that
# broke a constraint), and SQL is never logged with its parameters.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "eenplan.conf.log_redaction.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default handlers (mail_admins would mail the POST data).
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.db.backends": {"level": "INFO"},
    },
}

# Eenplan's own settings.
EENPLAN_MUNICIPALITY = os.environ.get("EENPLAN_MUNICIPALITY", "Gemeente Voorbeeld")
EENPLAN_DEMO = env_bool("EENPLAN_DEMO", False)
# How long a new audit entry stays unsealed, so that transactions still open
# when `audit_seal` runs are chained in a later batch (docs/privacy.md).
EENPLAN_AUDIT_SEAL_GRACE_SECONDS = int(
    os.environ.get("EENPLAN_AUDIT_SEAL_GRACE_SECONDS", "300")
)
# Where each new audit seal is also written, one line, outside the database
# (audit/anchor.py); empty: only the log stream eenplan.audit.anchor.
EENPLAN_AUDIT_ANCHOR_FILE = os.environ.get("EENPLAN_AUDIT_ANCHOR_FILE", "")
