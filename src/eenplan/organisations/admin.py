# SPDX-License-Identifier: EUPL-1.2
"""Configuration of organisations in the admin: the fields of expertise, and
the hours each organisation commits to a team."""

from django.contrib import admin

from .models import Commitment, Expertise


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["life_domains", "professionals"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "team",
        "hours_per_week",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["team", "organisation"]
