"""Supervision pages: planning (risk, programme), the agenda and its feed, inspections (findings, reports,
complaints) and the dossier; one module of routes per subdomain."""

from django.urls import include, path

app_name = "supervision"
urlpatterns = [
    path("", include("openvth.supervision.urls.planning")),
    path("", include("openvth.supervision.urls.agenda")),
    path("", include("openvth.supervision.urls.inspections")),
    path("", include("openvth.supervision.urls.dossier")),
]
