# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("<uuid:uuid>/", views.notification_open, name="open"),
]
