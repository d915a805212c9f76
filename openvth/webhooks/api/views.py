"""`/api/v1/webhooks/subscriptions`: the organisation's subscriptions to change notifications. Reads are scoped (a
subscription of another organisation is 404), writes go through the services (403 for a role that may not, 400
problem+json for bad input)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet

from .. import selectors, services
from ..models import Subscription
from . import serializers


class SubscriptionViewSet(RecordViewSet):
    """Subscriptions of the user's organisation: CloudEvents (NL GOV profile) signed with HMAC-SHA256."""

    queryset = Subscription.objects.none()
    serializer_class = serializers.SubscriptionSerializer

    def get_queryset(self):
        return selectors.subscriptions(self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=serializers.SubscriptionInputSerializer, responses={201: serializers.CreatedSubscriptionSerializer}
    )
    def create(self, request):
        """A new subscription; the answer holds its secret, this once."""
        data = parse_input(self, serializers.SubscriptionInputSerializer)
        subscription, secret = services.create_subscription(user=request.user, **data)
        subscription.secret = secret
        body = serializers.CreatedSubscriptionSerializer(subscription).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.SubscriptionSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        """No more notifications; deliveries still waiting are cancelled."""
        subscription = services.deactivate(user=request.user, subscription=self.get_object())
        return Response(serializers.SubscriptionSerializer(subscription).data)

    @extend_schema(request=serializers.ReplayInputSerializer, responses={202: serializers.ReplaySerializer})
    @action(detail=True, methods=["post"])
    def replay(self, request, pk=None):
        """Send again every event from `since` on that the subscription may receive today, in order."""
        subscription = self.get_object()  # a foreign id is 404 before its body is read
        since = parse_input(self, serializers.ReplayInputSerializer)["since"]
        sent = services.replay(user=request.user, subscription=subscription, since=since)
        return Response({"deliveries": len(sent)}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=serializers.DeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        """The delivery log, newest first."""
        found = selectors.deliveries(self.get_object())
        page = self.paginate_queryset(found)
        return self.get_paginated_response(serializers.DeliverySerializer(page, many=True).data)
