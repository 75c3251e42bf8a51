# SPDX-License-Identifier: EUPL-1.2
"""The case worker's start page, the household page and the case page."""

from django.urls import path

from . import time, views

app_name = "workspace"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("people/", views.search, name="search"),
    path("cases/<uuid:uuid>/", views.case_detail, name="case"),
    path("people/households/<uuid:uuid>/", views.household_detail, name="household"),
    path("teams/", views.teams, name="teams"),
    path("teams/<uuid:uuid>/", views.team, name="team"),
    path("time/", time.time_week, name="time"),
]
