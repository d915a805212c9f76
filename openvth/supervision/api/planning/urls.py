"""`/api/v1/` planning endpoints: establishments/<id>/risk, programmes and their visits."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("programmes", views.ProgrammeViewSet, basename="programme")

urlpatterns = [
    path("establishments/<int:pk>/risk", views.EstablishmentRiskView.as_view(), name="establishment-risk"),
    *router.urls,
]
