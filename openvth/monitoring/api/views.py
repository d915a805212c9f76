"""Endpoints of the IBP VTH programme monitor: reports and actions to read, an action's status to change."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet
from openvth.monitoring import selectors, services
from openvth.monitoring.models import ProgrammeAction, ProgrammeReport

from . import filters, serializers


class ProgrammeReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Progress reports of the IBP VTH, latest first."""

    queryset = ProgrammeReport.objects.none()
    serializer_class = serializers.ProgrammeReportSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.reports(self.request.user)


class ProgrammeActionViewSet(RecordViewSet):
    """Actions of the IBP VTH as each report states them; the programme office may change a status."""

    queryset = ProgrammeAction.objects.none()
    serializer_class = serializers.ProgrammeActionSerializer
    filterset_class = filters.ProgrammeActionFilter

    def get_queryset(self):
        order = ("-report__period", "report_id", "recommendation", "position")
        return selectors.actions(self.request.user).order_by(*order)

    @extend_schema(request=serializers.StatusChangeSerializer, responses=serializers.ProgrammeActionSerializer)
    def partial_update(self, request, pk=None):
        """Change the status with a reason (programme office and administrators); recorded in the history."""
        action = self.get_object()
        data = parse_input(self, serializers.StatusChangeSerializer)
        services.change_status(user=request.user, action=action, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=action.pk)).data)
