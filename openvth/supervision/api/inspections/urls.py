"""`/api/v1/inspections` and `/api/v1/complaints`."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=False)
router.register("inspections", views.InspectionViewSet, basename="inspection")
router.register("complaints", views.ComplaintViewSet, basename="complaint")

urlpatterns = router.urls
