# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("open/<uuid:request_uuid>/", views.case_open, name="open"),
    path("<uuid:uuid>/intake/", views.intake_edit, name="intake"),
    path(
        "<uuid:uuid>/zrm/<uuid:person_uuid>/",
        views.assessment_new,
        name="assessment_new",
    ),
    path("<uuid:uuid>/close/", views.case_close, name="close"),
    path("<uuid:uuid>/director/", views.director_change, name="director"),
    path(
        "<uuid:uuid>/professionals/new/",
        views.involvement_add,
        name="involvement_add",
    ),
    path(
        "<uuid:uuid>/professionals/<uuid:involvement_uuid>/end/",
        views.involvement_end,
        name="involvement_end",
    ),
    path("<uuid:uuid>/basis/", views.legal_basis_new, name="legal_basis_new"),
    path(
        "<uuid:uuid>/basis/<uuid:basis_uuid>/end/",
        views.legal_basis_end,
        name="legal_basis_end",
    ),
    path("<uuid:uuid>/grants/new/", views.grant_new, name="grant_new"),
    path("<uuid:uuid>/break-glass/", views.break_glass, name="break_glass"),
    path("<uuid:uuid>/plan/", views.plan_start, name="plan_start"),
    path(
        "teams/<uuid:team_uuid>/absence/<uuid:user_uuid>/",
        views.absence_new,
        name="absence_new",
    ),
    path(
        "handovers/<uuid:uuid>/letter/", views.handover_letter, name="handover_letter"
    ),
    path("follow-ups/<uuid:uuid>/", views.follow_up, name="follow_up"),
]
