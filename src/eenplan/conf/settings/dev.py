# SPDX-License-Identifier: EUPL-1.2
"""Settings for `make run`: debug on, embedded SQLite, demo banner."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
)
EENPLAN_DEMO = env_bool("EENPLAN_DEMO", True)
# The demo logins printed by `make run` may skip the second factor, so a newcomer
# logs in with one command; the header marks such a session. Real accounts made
# here still set up and use an authenticator app.
EENPLAN_DEMO_ACCOUNTS_SKIP_2FA = EENPLAN_DEMO

# Mail goes to the console in development.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 (the embedded SQLite lives here)
