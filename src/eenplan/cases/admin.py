# SPDX-License-Identifier: EUPL-1.2
"""Configuration of cases in the admin: the default follow-up terms."""

from django.contrib import admin

from .models import FollowUpDefault


@admin.register(FollowUpDefault)
class FollowUpDefaultAdmin(admin.ModelAdmin):
    list_display = ["closure_reason", "months"]
    list_editable = ["months"]
