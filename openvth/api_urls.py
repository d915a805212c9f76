"""`/api/v1/`: the register and permit endpoints, the OpenAPI schema, and problem+json for unknown paths."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from openvth.core.api import not_found
from openvth.permits.api import views as permits
from openvth.register.api import views as register

DOMAIN_APPS = ("supervision", "enforcement", "sharing", "disclosure", "monitoring")  # each adds its own api_urls

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organisations", register.OrganisationViewSet, basename="organisation")
router.register("companies", register.CompanyViewSet, basename="company")
router.register("establishments", register.EstablishmentViewSet, basename="establishment")
router.register("activity-types", register.ActivityTypeViewSet, basename="activity-type")
router.register("mandates", register.MandateViewSet, basename="mandate")
router.register("applications", permits.ApplicationViewSet, basename="application")
router.register("decisions", permits.DecisionViewSet, basename="decision")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("establishments/<int:pk>/permit/", permits.PermitView.as_view(), name="establishment-permit"),
    path("establishments/<int:pk>/permit/diff/", permits.PermitDiffView.as_view(), name="establishment-permit-diff"),
    path(
        "establishments/<int:pk>/permit/provisions/<str:number>/",
        permits.ProvisionHistoryView.as_view(),
        name="establishment-provision-history",
    ),
    *router.urls,
    *(path("", include(f"openvth.{app}.api_urls")) for app in DOMAIN_APPS),
    path("", include("openvth.intake.api.urls")),  # the verzoeknotificatie of the Omgevingsloket
    path("", include("openvth.webhooks.api.urls")),  # subscriptions to change notifications (CloudEvents)
    path("", include("openvth.capacity.api.urls")),  # staff, quality criteria, mandates and SPUK grants
    path("", include("openvth.analysis.api.urls")),  # the permit outlook and uniform enforcement (read-only)
    re_path(r"", not_found),
]
