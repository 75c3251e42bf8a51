from django.urls import path

from . import views

app_name = "collaboration"
urlpatterns = [
    path("referrals/new/<uuid:case_uuid>/", views.referral_new, name="referral_new"),
    path("referrals/<uuid:uuid>/", views.referral_detail, name="referral"),
    path("reports/<uuid:uuid>/correct/", views.journal_correct, name="journal_correct"),
]
