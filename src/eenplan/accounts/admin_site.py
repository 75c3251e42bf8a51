# SPDX-License-Identifier: EUPL-1.2
"""Django's admin behind the same login as the staff pages: password, then code."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from . import two_factor


class StaffAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and not two_factor.pending(request)

    def login(self, request, extra_context=None):
        """No second login form: send the user through the application's login."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        if two_factor.pending(request):
            return redirect(two_factor.second_step_url(next_url))
        if request.user.is_authenticated:
            # Logged in completely, but not an admin: a refusal, not a login loop.
            raise PermissionDenied
        return redirect_to_login(next_url)
