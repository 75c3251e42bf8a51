# SPDX-License-Identifier: EUPL-1.2
"""URLs of the audit page (included at /audit/), in the "audit" namespace."""

from django.urls import path

from . import audit_views as views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("people/", views.person_search, name="person_search"),
    path("export.csv", views.export_csv, name="export"),
]
