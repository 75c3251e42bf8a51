from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.index, name="index"),
    path("definitions/<slug:code>/", views.definition, name="definition"),
    path("export/<slug:code>.<str:fmt>", views.export, name="export"),
    path("<slug:view>/", views.view, name="view"),
]
