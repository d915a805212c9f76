"""`/api/v1/analysis/`: the permit outlook, uniform enforcement measured and the initiatives (read-only)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openvth.analysis.api import views

router = SimpleRouter(trailing_slash=False)
router.register("analysis/initiatives", views.InitiativeViewSet, basename="analysis-initiative")

urlpatterns = [
    path("analysis/permit-outlook", views.OutlookView.as_view(), name="analysis-permit-outlook"),
    path("analysis/uniformity", views.UniformityView.as_view(), name="analysis-uniformity"),
    *router.urls,
]
