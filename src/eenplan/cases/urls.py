from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("cases/open/<uuid:request_uuid>/", views.case_open, name="open"),
    path("cases/<uuid:uuid>/", views.case_detail, name="case"),
    path("cases/<uuid:uuid>/intake/", views.intake_edit, name="intake"),
    path(
        "cases/<uuid:uuid>/zrm/<uuid:person_uuid>/",
        views.assessment_new,
        name="assessment_new",
    ),
    path("cases/<uuid:uuid>/close/", views.case_close, name="close"),
    path("cases/<uuid:uuid>/director/", views.director_change, name="director"),
    path(
        "cases/<uuid:uuid>/professionals/new/",
        views.involvement_add,
        name="involvement_add",
    ),
    path(
        "cases/<uuid:uuid>/professionals/<uuid:involvement_uuid>/end/",
        views.involvement_end,
        name="involvement_end",
    ),
]
