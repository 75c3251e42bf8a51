# SPDX-License-Identifier: EUPL-1.2
"""Production settings: every secret comes from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
EENPLAN_PRODUCTION = True
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# No silent fallback to a file next to the code: production names its database.
# PostgreSQL is the production database; SQLite only when the operator says so.
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set in production (postgres://user:password@host/name)."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not env_bool(  # noqa: F405
    "EENPLAN_ALLOW_SQLITE", False
):
    raise ImproperlyConfigured(
        "DATABASE_URL points to SQLite: production runs on PostgreSQL. Set "
        "EENPLAN_ALLOW_SQLITE=true to run a small installation on SQLite anyway."
    )

# Keep database connections open between requests: opening a PostgreSQL
# connection per request costs about 9 ms and more than halves throughput
# (issue 10). Health checks drop a broken connection before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer asks the health probe over plain HTTP, straight at the
# server; it answers only "ok" or "unavailable".
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
EENPLAN_DEMO = False
# Every staff account logs in with a second factor; no environment variable and no
# demo account changes that here.
EENPLAN_REQUIRE_2FA = True
EENPLAN_DEMO_ACCOUNTS_SKIP_2FA = False
