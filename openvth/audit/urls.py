from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("inzage/", views.subject_export, name="inzage"),
    path("raadplegingen/", views.read_log, name="reads"),
]
