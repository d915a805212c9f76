"""`/api/v1/` endpoints of enforcement."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("enforcement-cases", views.EnforcementCaseViewSet, basename="enforcement-case")
router.register("lhso-decisions", views.LhsoDecisionViewSet, basename="lhso-decision")

urlpatterns = [
    path("findings/<int:pk>/lhso", views.FindingLhsoView.as_view(), name="finding-lhso"),
    *router.urls,
]
