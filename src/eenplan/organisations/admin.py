# SPDX-License-Identifier: EUPL-1.2
"""Configuration of organisations in the admin: the fields of expertise."""

from django.contrib import admin

from .models import Expertise


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["life_domains", "professionals"]
