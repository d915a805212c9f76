"""Endpoints of visitations and ILT investigations: the records the user reads (a service its own, the ministry and the
ILT nationally) and a service's follow-up of a recommendation. Reads through selectors, writes through services."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet
from openvth.quality import selectors, services
from openvth.quality.models import Investigation, Recommendation, Visitation

from . import serializers


class VisitationViewSet(RecordViewSet):
    """Visitations of services (the peer reviewers are not in the API: they are persons)."""

    queryset = Visitation.objects.none()
    serializer_class = serializers.VisitationSerializer

    def get_queryset(self):
        return selectors.visitations(self.request.user).order_by("-visited_on", "id")


class InvestigationViewSet(RecordViewSet):
    """Investigations by the ILT of a theme across services or on a signal, with the services they concern."""

    queryset = Investigation.objects.none()
    serializer_class = serializers.InvestigationSerializer

    def get_queryset(self):
        return selectors.investigations(self.request.user).order_by("-published_on", "id")


class RecommendationViewSet(RecordViewSet):
    """Recommendations to one service, of a visitation or of an ILT investigation, with their follow-up."""

    queryset = Recommendation.objects.none()
    serializer_class = serializers.RecommendationSerializer

    def get_queryset(self):
        return selectors.recommendations(self.request.user).order_by("id")

    @extend_schema(request=serializers.FollowUpInputSerializer, responses=serializers.RecommendationSerializer)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        """Record how the service follows the recommendation up: its status on a day, with a note. Only the
        service the recommendation is addressed to records it (a manager or an administrator)."""
        recommendation = self.get_object()  # a recommendation the user may not read is 404 before any validation
        data = parse_input(self, serializers.FollowUpInputSerializer)
        recommendation = services.record_follow_up(user=request.user, recommendation=recommendation, **data)
        return Response(self.get_serializer(recommendation).data)
