"""`/api/v1/regional/`: the regional plans, their capacity and their adoptions."""

from rest_framework.routers import SimpleRouter

from openvth.regional.api import views

router = SimpleRouter(trailing_slash=False)
router.register("regional/plans", views.PlanViewSet, basename="regional-plan")

urlpatterns = router.urls
