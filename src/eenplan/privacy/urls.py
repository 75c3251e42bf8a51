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
    path("basis/<uuid:case_uuid>/", views.legal_basis_new, name="legal_basis_new"),
    path(
        "basis/<uuid:case_uuid>/<uuid:uuid>/end/",
        views.legal_basis_end,
        name="legal_basis_end",
    ),
    path("break-glass/<uuid:case_uuid>/", views.break_glass, name="break_glass"),
    path("break-glass/", views.break_glass_review, name="break_glass_review"),
]
