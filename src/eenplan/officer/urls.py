# SPDX-License-Identifier: EUPL-1.2
"""URLs of the privacy officer's pages (included at /officer/)."""

from django.urls import path

from . import views

app_name = "officer"
urlpatterns = [
    path("requests/", views.export_requests, name="export_requests"),
    path("people/", views.person_find, name="person_find"),
    path(
        "people/<uuid:uuid>/request/",
        views.export_request_new,
        name="export_request_new",
    ),
    path("requests/<uuid:uuid>/", views.export_request, name="export_request"),
    path(
        "requests/<uuid:uuid>/export.json",
        views.export_request_json,
        name="export_request_json",
    ),
    path(
        "requests/<uuid:uuid>/handed-over/",
        views.export_request_hand_over,
        name="export_request_hand_over",
    ),
    path("break-glass/", views.break_glass_review, name="break_glass_review"),
    path("retention/", views.retention_overview, name="retention"),
    path("retention/start/", views.retention_start, name="retention_start"),
    path(
        "retention/periods/<slug:record_type>/",
        views.retention_policy,
        name="retention_policy",
    ),
    path("retention/<uuid:uuid>/", views.retention_run, name="retention_run"),
    path(
        "retention/<uuid:uuid>/approve/",
        views.retention_approve,
        name="retention_approve",
    ),
    path(
        "retention/<uuid:uuid>/execute/",
        views.retention_execute,
        name="retention_execute",
    ),
]
