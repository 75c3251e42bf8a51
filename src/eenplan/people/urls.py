# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("households/new/", views.household_new, name="household_new"),
    path("households/<uuid:uuid>/members/new/", views.member_new, name="member_new"),
]
