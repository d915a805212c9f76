"""Endpoints of the permits. Reads go through selectors (scoped), writes through services."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.functional import SimpleLazyObject
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.audit.api.views import LogsPersonalDataReads
from openvth.core import clock
from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet
from openvth.core.views import or_404
from openvth.permits import selectors, services
from openvth.permits.models import Application, Decision
from openvth.register import selectors as register_selectors

from . import filters, serializers

# action name -> (input serializer, service, the service's keyword for the date)
APPLICATION_ACTIONS = {
    "request_supplement": (serializers.RequestSupplementSerializer, services.request_supplement, "requested_on"),
    "supplemented": (serializers.SupplementedSerializer, services.record_supplement, "supplemented_on"),
    "extend": (serializers.ExtendSerializer, services.extend_term, "extended_on"),
    "default_notice": (serializers.DefaultNoticeSerializer, services.record_default_notice, "received_on"),
    "withdraw": (serializers.WithdrawSerializer, services.withdraw_application, "withdrawn_on"),
}


class ApplicationViewSet(LogsPersonalDataReads, RecordViewSet):
    """Applications the user may see, each with its decision term as it stands today."""

    queryset = Application.objects.none()
    serializer_class = serializers.ApplicationSerializer
    filterset_class = filters.ApplicationFilter

    def get_queryset(self):
        related = ("establishment", "competent_authority", "owner", "decision")
        found = selectors.applications(self.request.user).select_related(*related).prefetch_related("activity_types")
        return found.order_by("-received_on", "-id")

    def get_serializer_context(self):
        # read when a term is computed, not when the schema generator asks for the serializer without a database
        return super().get_serializer_context() | {"rates": SimpleLazyObject(selectors.penalty_rates)}

    def _respond(self, application: Application, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=application.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=serializers.ApplicationInputSerializer, responses={201: serializers.ApplicationSerializer})
    def create(self, request):
        """Register a received application; the term starts the day after receipt."""
        data = parse_input(self, serializers.ApplicationInputSerializer)
        application = services.receive_application(user=request.user, **data)
        return self._respond(application, status.HTTP_201_CREATED)

    def _act(self, name: str) -> Response:
        serializer_class, service, keyword = APPLICATION_ACTIONS[name]
        application = self.get_object()
        data = parse_input(self, serializer_class)
        service(user=self.request.user, application=application, **{keyword: data[keyword]})
        return self._respond(application)

    @extend_schema(request=serializers.RequestSupplementSerializer, responses=serializers.ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="request-supplement")
    def request_supplement(self, request, pk=None):
        """Ask the applicant to supplement the application (Awb 4:5): the term stands still (Awb 4:15)."""
        return self._act("request_supplement")

    @extend_schema(request=serializers.SupplementedSerializer, responses=serializers.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def supplemented(self, request, pk=None):
        """The applicant supplemented the application: the term runs again."""
        return self._act("supplemented")

    @extend_schema(request=serializers.ExtendSerializer, responses=serializers.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """Extend the term once by six weeks, while it runs: a permit officer or manager with the competent authority's
        mandate for a verdaging on that day (403 otherwise, nothing stored)."""
        return self._act("extend")

    @extend_schema(request=serializers.DefaultNoticeSerializer, responses=serializers.ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="default-notice")
    def default_notice(self, request, pk=None):
        """The applicant's notice of default (Awb 4:17) after the term expired."""
        return self._act("default_notice")

    @extend_schema(request=serializers.WithdrawSerializer, responses=serializers.ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The applicant withdrew the application."""
        return self._act("withdraw")

    @extend_schema(responses=serializers.LeadTimeSerializer(many=True), filters=False)
    @action(detail=False, methods=["get"], url_path="lead-times", filterset_class=None, pagination_class=None)
    def lead_times(self, request):
        """Per competent authority and procedure: decisions taken, median days, share decided in time."""
        return Response(serializers.LeadTimeSerializer(selectors.lead_times(request.user), many=True).data)


class DecisionViewSet(RecordViewSet):
    """Permit decisions with the provision changes they make."""

    queryset = Decision.objects.none()
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter

    def get_queryset(self):
        return selectors.decisions(self.request.user).order_by("establishment_id", "effective_from", "decided_on", "id")

    @extend_schema(request=serializers.DecisionInputSerializer, responses={201: serializers.DecisionSerializer})
    def create(self, request):
        """Record a decision; the permit is replayed and an impossible change stores nothing (400). Only a permit
        officer or manager with the competent authority's mandate for this kind of decision on its day (403)."""
        data = parse_input(self, serializers.DecisionInputSerializer)
        data["changes"] = [dict(change) for change in data["changes"]]
        decision = services.record_decision(user=request.user, **data)
        fresh = self.get_queryset().get(pk=decision.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


def _date_parameter(request, name: str, *, default: date | None = None) -> date:
    value = request.query_params.get(name)
    if value in (None, "") and default is not None:
        return default
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise ValidationError({name: [f"Geef een datum JJJJ-MM-DD, niet '{value or ''}'."]}) from None


class PermitView(APIView):
    """The consolidated permit of an establishment: the provisions in force on a date (default today)."""

    @extend_schema(
        parameters=[OpenApiParameter("on", OpenApiTypes.DATE, description="Datum; standaard vandaag.")],
        responses=serializers.PermitSerializer,
    )
    def get(self, request, pk: int):
        establishment = or_404(register_selectors.establishment_detail, request.user, pk)
        day = _date_parameter(request, "on", default=clock.today())
        provisions = selectors.consolidated_permit(request.user, establishment, on=day)
        body = {"establishment": establishment, "on": day, "provisions": provisions}
        return Response(serializers.PermitSerializer(body).data)


class PermitDiffView(APIView):
    """What changed in the permit between two dates, with the decisions that did it."""

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, required=True, description="Eerste datum."),
            OpenApiParameter("to", OpenApiTypes.DATE, required=True, description="Tweede datum."),
        ],
        responses=serializers.PermitDiffSerializer,
    )
    def get(self, request, pk: int):
        establishment = or_404(register_selectors.establishment_detail, request.user, pk)
        start, end = _date_parameter(request, "from"), _date_parameter(request, "to")
        diff = selectors.permit_diff(request.user, establishment, start=start, end=end)
        return Response(serializers.PermitDiffSerializer(diff).data)


class ProvisionHistoryView(APIView):
    """Every version of one provision, with its source decision and validity."""

    @extend_schema(responses=serializers.ProvisionSerializer(many=True))
    def get(self, request, pk: int, number: str):
        establishment = or_404(register_selectors.establishment_detail, request.user, pk)
        versions = selectors.provision_history(request.user, establishment, number)
        return Response(serializers.ProvisionSerializer(versions, many=True).data)
