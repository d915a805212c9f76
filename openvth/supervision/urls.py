"""Supervision pages: planning (risk, programme, calendar) and inspections (findings, reports, complaints)."""

from django.urls import include, path

app_name = "supervision"
urlpatterns = [
    path("", include("openvth.supervision.planning_urls")),
    path("", include("openvth.supervision.inspection_urls")),
    path("", include("openvth.supervision.dossier_urls")),
]
