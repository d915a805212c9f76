"""Woo pages: the publication flow for staff, and the public site (no login)."""

from django.urls import include, path

app_name = "disclosure"
urlpatterns = [
    path("", include("openvth.disclosure.publication_urls")),
    path("", include("openvth.disclosure.public_urls")),
    path("", include("openvth.regional.public_urls")),  # the IED part of the adopted regional plans
]
