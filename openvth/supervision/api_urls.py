"""`/api/v1/` endpoints of supervision."""

from django.urls import include, path

urlpatterns = [
    path("", include("openvth.supervision.api.planning_urls")),
    path("", include("openvth.supervision.api.inspection_urls")),
]
