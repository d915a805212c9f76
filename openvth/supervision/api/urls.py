"""`/api/v1/` endpoints of supervision; one package per subdomain, as in its other layers."""

from django.urls import include, path

urlpatterns = [
    path("", include("openvth.supervision.api.planning.urls")),
    path("", include("openvth.supervision.api.inspections.urls")),
]
