# SPDX-License-Identifier: EUPL-1.2
"""Settings for the test suite: fast password hashing, in-memory file storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite logs in with force_login; the security tests turn the second factor
# on with override_settings(EENPLAN_REQUIRE_2FA=True).
EENPLAN_REQUIRE_2FA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run at once in the tests (one test runs the database worker itself);
# mail goes to django.core.mail.outbox.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
