# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path(
        "consent/<uuid:household_uuid>/<uuid:person_uuid>/",
        views.consent_new,
        name="consent_new",
    ),
    path(
        "consent/<uuid:uuid>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
]
