"""`/api/v1/publications/`: the Woo publication flow for staff."""

from rest_framework.routers import DefaultRouter

from .publications import PublicationViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("publications", PublicationViewSet, basename="publication")

urlpatterns = router.urls
