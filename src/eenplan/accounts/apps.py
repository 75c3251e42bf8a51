# SPDX-License-Identifier: EUPL-1.2
"""The accounts app, and the admin site it puts behind the two-step login."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "eenplan.accounts"
    label = "accounts"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy checks)


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with a site that requires the second login factor."""

    default = False  # named in INSTALLED_APPS; AccountsConfig is this module's app

    default_site = "eenplan.accounts.admin_site.StaffAdminSite"
