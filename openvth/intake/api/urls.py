"""`/api/v1/` endpoints of the DSO intake."""

from django.urls import path

from . import views

urlpatterns = [
    path("dso/verzoeknotificaties", views.VerzoeknotificatieView.as_view(), name="dso-verzoeknotificaties"),
]
