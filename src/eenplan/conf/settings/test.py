# SPDX-License-Identifier: EUPL-1.2
"""Settings for the test suite: fast password hashing, in-memory file storage."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite logs in with force_login; the security tests turn the second factor
# on with override_settings(EENPLAN_REQUIRE_2FA=True).
EENPLAN_REQUIRE_2FA = False
# Same directives, but reported instead of enforced: the browser tests' axe fixture
# (tests/e2e/conftest.py) injects axe-core as an inline script, which the policy
# rightly blocks. Tests that need the real policy enforce base.CONTENT_SECURITY_POLICY
# with override_settings, as accounts/tests/test_security and e2e/test_two_factor do.
CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY  # noqa: F405
CONTENT_SECURITY_POLICY = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
