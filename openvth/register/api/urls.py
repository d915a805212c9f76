"""`/api/v1/` endpoints of the register: organisations, companies, establishments, activity types, mandates."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("companies", views.CompanyViewSet, basename="company")
router.register("establishments", views.EstablishmentViewSet, basename="establishment")
router.register("activity-types", views.ActivityTypeViewSet, basename="activity-type")
router.register("mandates", views.MandateViewSet, basename="mandate")

urlpatterns = router.urls
