"""Endpoints of supervision planning: an establishment's risk appraisals, the yearly programmes and their visits.
Reads go through selectors/planning.py (scoped), writes through services/planning.py."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.core.api import integer_parameter, parse_input, query_integer
from openvth.core.api_views import RecordViewSet
from openvth.core.views import or_404
from openvth.register import selectors as register_selectors
from openvth.register.models import Organisation

from ...models import Programme
from ...selectors import planning as selectors
from ...services import planning as services
from .serializers import (
    YEARS,
    EstablishmentRiskSerializer,
    GenerateSerializer,
    PlanDaysSerializer,
    PlannedDaysSerializer,
    ProgrammeSerializer,
    RegenerateSerializer,
    VisitSerializer,
)


class EstablishmentRiskView(APIView):
    """The risk appraisal of an establishment: the current one with its reasons and next due visit, and the history."""

    def _body(self, request, establishment) -> dict:
        history = list(selectors.appraisal_history(request.user, establishment))
        body = {"establishment": establishment, "current": history[0] if history else None, "history": history}
        return EstablishmentRiskSerializer(body).data

    @extend_schema(responses=EstablishmentRiskSerializer)
    def get(self, request, pk: int):
        return Response(self._body(request, or_404(register_selectors.establishment_detail, request.user, pk)))

    @extend_schema(request=None, responses={201: EstablishmentRiskSerializer})
    def post(self, request, pk: int):
        """Appraise the establishment now (an editing role at its owner or supervising service)."""
        establishment = or_404(register_selectors.establishment_detail, request.user, pk)
        services.appraise_establishment(user=request.user, establishment=establishment)
        return Response(self._body(request, establishment), status=status.HTTP_201_CREATED)


class ProgrammeViewSet(RecordViewSet):
    """Yearly programmes (uitvoeringsprogramma's) the user may see: of its service, or of the service its
    authority placed tasks with."""

    queryset = Programme.objects.none()
    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        found = selectors.programmes(self.request.user).order_by("-year", "service__name", "id")
        year = query_integer(self.request, "year", *YEARS)
        return found if year is None else found.filter(year=year)

    @extend_schema(parameters=[integer_parameter("year", *YEARS, "Alleen dit jaar.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _generated(self, service: Organisation, year: int, capacity_hours) -> Programme:
        result = services.generate_programme(
            user=self.request.user, service=service, year=year, capacity_hours=capacity_hours
        )
        return result.programme

    @extend_schema(request=GenerateSerializer, responses={201: ProgrammeSerializer})
    def create(self, request):
        """Generate (or regenerate) the programme of the user's own service for a year from the current appraisals."""
        data = parse_input(self, GenerateSerializer)
        service = request.user.organisation
        if service is None or service.kind != Organisation.Kind.OMGEVINGSDIENST:
            raise PermissionDenied("Alleen een omgevingsdienst maakt een uitvoeringsprogramma.")
        programme = self._generated(service, data["year"], data.get("capacity_hours"))
        return Response(self.get_serializer(programme).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RegenerateSerializer, responses=ProgrammeSerializer)
    @action(detail=True, methods=["post"])
    def regenerate(self, request, pk=None):
        """Regenerate: manual visits and visits with an inspection stay, the others follow the current appraisals."""
        programme = self.get_object()
        data = parse_input(self, RegenerateSerializer)
        programme = self._generated(programme.service, programme.year, data.get("capacity_hours"))
        return Response(self.get_serializer(programme).data)

    @extend_schema(request=PlanDaysSerializer, responses=PlannedDaysSerializer)
    @action(detail=True, methods=["post"], url_path="plan-days")
    def plan_days(self, request, pk=None):
        """Plan a month on working days: every visit with an inspector and no day yet gets one, from today on."""
        programme = self.get_object()  # a foreign id is 404 before its body is read
        month = parse_input(self, PlanDaysSerializer)["month"]
        planned = services.plan_month_on_days(user=request.user, programme=programme, month=month)
        return Response({"planned": planned})

    @extend_schema(
        parameters=[integer_parameter("month", 1, 12, "Alleen deze maand (1-12).")],
        responses=VisitSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def visits(self, request, pk=None):
        """The programme's visits to establishments you may open, by month."""
        found = selectors.visits(self.get_object(), request.user)
        month = query_integer(request, "month", 1, 12)
        if month is not None:
            found = found.filter(month=month)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(VisitSerializer(page, many=True).data)
