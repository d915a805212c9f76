"""`/api/v1/` endpoints of disclosure: publications for staff, and the public read-only API."""

from django.urls import include, path

urlpatterns = [
    path("", include("openvth.disclosure.api.publication_urls")),
    path("", include("openvth.disclosure.api.public_urls")),
]
