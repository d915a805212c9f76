"""`/api/v1/webhooks/subscriptions` (no trailing slash: NL API Design Rules, API-48)."""

from rest_framework.routers import DefaultRouter

from .views import SubscriptionViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("webhooks/subscriptions", SubscriptionViewSet, basename="webhook-subscription")

urlpatterns = router.urls
