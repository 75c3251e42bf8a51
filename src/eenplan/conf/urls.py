# SPDX-License-Identifier: EUPL-1.2
"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from eenplan.accounts.forms import LoginForm

urlpatterns = [
    path("", include("eenplan.cases.urls")),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("people/", include("eenplan.people.urls")),
    path("requests/", include("eenplan.intake.urls")),
    path("plans/", include("eenplan.plans.urls")),
    path("privacy/", include("eenplan.privacy.urls")),
    path("collaboration/", include("eenplan.collaboration.urls")),
    path("admin/", admin.site.urls),
]
