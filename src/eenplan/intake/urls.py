from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("new/<uuid:household_uuid>/", views.request_new, name="request_new"),
    path("rules/", views.rule_list, name="rules"),
    path("<uuid:uuid>/", views.request_detail, name="request"),
]
