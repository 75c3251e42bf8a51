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

VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405 (the embedded SQLite lives here)
