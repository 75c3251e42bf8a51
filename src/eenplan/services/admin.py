# SPDX-License-Identifier: EUPL-1.2
"""The functional admin keeps the catalogue, the social map, the mandates and the
letter template here. Grants are case content: not in the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import LetterTemplate, MandateRule, Offer, Service, Tariff, Topic


class TariffInline(admin.TabularInline):
    model = Tariff
    extra = 1


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "law", "provider", "unit", "needs_decision", "ended_on"]
    list_filter = ["law", "needs_decision"]
    search_fields = ["name", "provider__name"]
    filter_horizontal = ["domains"]
    inlines = [TariffInline]

    def has_delete_permission(self, request, obj=None):
        # Grants keep their service: end it (ended_on) instead.
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    filter_horizontal = ["domains"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "organiser",
        "whole_municipality",
        "waiting_weeks",
        "ended_on",
    ]
    list_filter = ["whole_municipality", "topics", "teams"]
    search_fields = ["name", "organiser"]
    filter_horizontal = ["teams", "topics"]

    def has_delete_permission(self, request, obj=None):
        # An offer given at the door or used in a plan stays: end it instead.
        return False


@admin.register(MandateRule)
class MandateRuleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "role",
        "user",
        "law",
        "service",
        "max_cost_per_year",
        "max_weeks",
    ]
    list_filter = ["role", "law"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    """The newest template is used for new letters; letters already made keep
    their text (they are stored as PDF)."""

    list_display = ["name", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "granted_text",
                    "refused_text",
                    "objection_clause",
                    "signature",
                ],
                "description": _(
                    "Write in plain Dutch (B1). An empty line starts a new "
                    "paragraph. Placeholders: $voornaam, $voorziening, $aanbieder, "
                    "$omvang, $vanaf, $tot, $wet, $reden (the reason for a refusal)."
                ),
            },
        )
    ]
