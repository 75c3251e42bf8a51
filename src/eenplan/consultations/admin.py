# SPDX-License-Identifier: EUPL-1.2
"""The functional admin manages the escalation forums and their members."""

from django.contrib import admin

from .models import Forum


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "cadence", "active"]
    list_filter = ["active"]
    filter_horizontal = ["members"]
    search_fields = ["name"]
