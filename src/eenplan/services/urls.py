from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("grants/<uuid:uuid>/", views.grant_detail, name="grant"),
    path("grants/<uuid:uuid>/letters/<int:number>/", views.letter, name="letter"),
]
