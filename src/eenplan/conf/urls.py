# SPDX-License-Identifier: EUPL-1.2
"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView
from django.views.i18n import set_language

from eenplan.accounts import views as account_views
from eenplan.core import views as core_views

urlpatterns = [
    path("", include("eenplan.workspace.urls")),
    path("cases/", include("eenplan.cases.urls")),
    # Logging in takes two steps: the password, then the code of the app.
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("login/code/", account_views.two_factor_verify, name="two_factor"),
    path("login/set-up/", account_views.two_factor_enrol, name="two_factor_enrol"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("people/", include("eenplan.people.urls")),
    path("requests/", include("eenplan.intake.urls")),
    path("plans/", include("eenplan.plans.urls")),
    path("audit/", include("eenplan.officer.audit_urls")),
    path("officer/", include("eenplan.officer.urls")),
    path("privacy/", include("eenplan.privacy.urls")),
    path("collaboration/", include("eenplan.collaboration.urls")),
    path("consultations/", include("eenplan.consultations.urls")),
    path("inbox/", include("eenplan.inbox.urls")),
    path("services/", include("eenplan.services.urls")),
    path("insights/", include("eenplan.insights.urls")),
    path("admin/", admin.site.urls),
    path("health/", core_views.health, name="health"),
    # Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("favicon.svg"), permanent=True),
    ),
]

# Every error page in Dutch, in the site's layout (eenplan.core.error_views).
handler400 = "eenplan.core.error_views.bad_request"
handler403 = "eenplan.core.error_views.permission_denied"
handler404 = "eenplan.core.error_views.page_not_found"
handler500 = "eenplan.core.error_views.server_error"
