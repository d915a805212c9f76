"""`/api/v1/`: every app's API routes (each app registers its own in `<app>/api/urls.py`), the OpenAPI document, the
308 from a path with a trailing slash to the one without (API-48), and problem+json for unknown paths."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView, SpectacularYAMLAPIView

from openvth.core.api import not_found, without_trailing_slash

API_APPS = (
    "register",
    "permits",
    "supervision",
    "enforcement",
    "sharing",
    "disclosure",
    "monitoring",
    "intake",  # the verzoeknotificatie of the Omgevingsloket
    "webhooks",  # subscriptions to change notifications (CloudEvents)
    "capacity",  # staff, quality criteria, mandates and SPUK grants
    "analysis",  # the permit outlook and uniform enforcement (read-only)
    "regional",  # regional plans, their capacity and adoptions
    "quality",  # visitations, ILT investigations, recommendations and follow-up
    "costs",  # hours, rates, budgets, norm hours and cost figures
)

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="api-openapi-json"),  # API-51
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="api-openapi-yaml"),
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),  # YAML, or JSON when asked for it
    *(path("", include(f"openvth.{app}.api.urls")) for app in API_APPS),
    re_path(r"^.+/$", without_trailing_slash),
    re_path(r"", not_found),
]
