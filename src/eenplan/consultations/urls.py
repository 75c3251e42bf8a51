from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_new, name="new"),
    path("<uuid:uuid>/", views.consultation_detail, name="detail"),
    path("<uuid:uuid>/cancel/", views.consultation_cancel, name="cancel"),
    path("agenda/<uuid:uuid>/outcome/", views.outcome_new, name="outcome"),
    path("escalations/new/<uuid:case_uuid>/", views.escalation_new, name="escalate"),
    path("escalations/<uuid:uuid>/", views.escalation_detail, name="escalation"),
    path(
        "escalations/<uuid:uuid>/withdraw/",
        views.escalation_withdraw,
        name="escalation_withdraw",
    ),
    path("forums/meeting/new/", views.forum_meeting_new, name="forum_meeting_new"),
]
