from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.index, name="index"),
    path("definitions/<slug:code>/", views.definition, name="definition"),
    path("export/<slug:code>.<str:fmt>", views.export, name="export"),
    path("accountability/", views.accountability, name="accountability"),
    path("accountability.pdf", views.accountability_pdf, name="accountability_pdf"),
    path("<slug:view>/", views.view, name="view"),
]
