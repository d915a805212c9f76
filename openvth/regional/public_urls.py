"""The IED part of the adopted regional plans on the public site (no login), included under /openbaar/ by
openvth.disclosure.urls (namespace "disclosure")."""

from django.urls import path

from . import views

urlpatterns = [
    path("openbaar/uitvoeringsprogramma-ied/", views.public_plans, name="public_regional_plans"),
    path("openbaar/uitvoeringsprogramma-ied/<int:pk>/", views.public_plan, name="public_regional_plan"),
]
