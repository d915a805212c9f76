"""`/api/v1/quality/`: visitations, ILT investigations and recommendations with their follow-up."""

from rest_framework.routers import SimpleRouter

from openvth.quality.api import views

router = SimpleRouter(trailing_slash=False)
router.register("quality/visitations", views.VisitationViewSet, basename="quality-visitation")
router.register("quality/investigations", views.InvestigationViewSet, basename="quality-investigation")
router.register("quality/recommendations", views.RecommendationViewSet, basename="quality-recommendation")

urlpatterns = router.urls
