"""`/api/v1/` planning endpoints: establishments/<id>/risk/, programmes/ and their visits."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import planning

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("programmes", planning.ProgrammeViewSet, basename="programme")

urlpatterns = [
    path("establishments/<int:pk>/risk/", planning.EstablishmentRiskView.as_view(), name="establishment-risk"),
    *router.urls,
]
