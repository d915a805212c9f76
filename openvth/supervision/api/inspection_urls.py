"""`/api/v1/inspections/` and `/api/v1/complaints/`."""

from rest_framework.routers import SimpleRouter

from . import inspections

router = SimpleRouter(trailing_slash=True)
router.register("inspections", inspections.InspectionViewSet, basename="inspection")
router.register("complaints", inspections.ComplaintViewSet, basename="complaint")

urlpatterns = router.urls
