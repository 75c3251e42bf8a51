from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<uuid:uuid>/", views.plan_detail, name="plan"),
    path("<uuid:uuid>/review/", views.review_new, name="review"),
    path("<uuid:uuid>/print/", views.plan_print, name="print"),
    path("actions/<uuid:uuid>/assign/", views.action_assign, name="action_assign"),
    path("assigned/<uuid:uuid>/", views.assignment_detail, name="assignment"),
]
