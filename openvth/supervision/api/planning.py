"""Endpoints of supervision planning: an establishment's risk appraisals, the yearly programmes and their visits.
Reads go through selectors/planning.py (scoped), writes through services/planning.py."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.core.api import integer_parameter, parse_input, query_integer
from openvth.core.views import or_404
from openvth.permits.api.serializers import EstablishmentRefSerializer
from openvth.register import selectors as register_selectors
from openvth.register.api.serializers import OrganisationRefSerializer
from openvth.register.models import Organisation

from ..models import PlannedVisit, Programme, RiskAppraisal
from ..selectors import planning as selectors
from ..services import planning as services

YEARS = (2000, 2100)  # the years a programme may have (services.planning checks the same)
MAX_CAPACITY_HOURS = 1_000_000  # hours of supervision a year: far beyond any service, within every integer column


class RiskAppraisalSerializer(serializers.ModelSerializer):
    table_version_valid_from = serializers.DateField(source="table_version.valid_from", allow_null=True, default=None)

    class Meta:
        model = RiskAppraisal
        fields = [
            "id", "appraised_on", "score", "category", "interval_months", "scores", "reasons", "last_visit",
            "next_due", "due_kind", "due_reason", "table_version_valid_from",
        ]  # fmt: skip


class EstablishmentRiskSerializer(serializers.Serializer):
    establishment = EstablishmentRefSerializer()
    current = RiskAppraisalSerializer(allow_null=True, help_text="De nieuwste beoordeling; null als er geen is.")
    history = RiskAppraisalSerializer(many=True, help_text="Alle beoordelingen, nieuwste eerst.")


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


class MonthProgressSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    planned = serializers.IntegerField()
    done = serializers.IntegerField(help_text="Bezoeken waarvan de inspectie is afgesloten.")
    hours = serializers.DecimalField(max_digits=10, decimal_places=1)


class AuthorityProgressSerializer(serializers.Serializer):
    authority = serializers.CharField()
    planned = serializers.IntegerField()
    done = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    planned = serializers.IntegerField()
    done = serializers.IntegerField()
    postponed = serializers.IntegerField()
    planned_hours = serializers.DecimalField(max_digits=10, decimal_places=1)
    postponed_hours = serializers.DecimalField(max_digits=10, decimal_places=1)
    capacity_hours = serializers.IntegerField()
    shortfall_hours = serializers.DecimalField(
        max_digits=10, decimal_places=1, help_text="Uren van wettelijk verplichte bezoeken boven de capaciteit."
    )


class ProgrammeSerializer(serializers.ModelSerializer):
    service = OrganisationRefSerializer(read_only=True)
    summary = serializers.SerializerMethodField()
    months = serializers.SerializerMethodField()
    authorities = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["id", "service", "year", "capacity_hours", "generated_at", "summary", "months", "authorities"]

    def _reader(self):
        """The figures count the visits of the establishments the reader may open, nothing else."""
        return self.context["request"].user

    @extend_schema_field(SummarySerializer)
    def get_summary(self, programme) -> dict:
        return SummarySerializer(selectors.programme_summary(programme, self._reader())).data

    @extend_schema_field(MonthProgressSerializer(many=True))
    def get_months(self, programme) -> list:
        return MonthProgressSerializer(selectors.progress_by_month(programme, self._reader()), many=True).data

    @extend_schema_field(AuthorityProgressSerializer(many=True))
    def get_authorities(self, programme) -> list:
        return AuthorityProgressSerializer(selectors.progress_by_authority(programme, self._reader()), many=True).data


class VisitSerializer(serializers.ModelSerializer):
    establishment = EstablishmentRefSerializer(read_only=True)
    inspector = serializers.StringRelatedField()
    done = serializers.SerializerMethodField()

    class Meta:
        model = PlannedVisit
        fields = [
            "id", "establishment", "month", "planned_on", "kind", "hours", "inspector", "source", "reason",
            "postponed", "inspection", "done",
        ]  # fmt: skip

    def get_done(self, visit) -> bool:
        return visit.inspection_id is not None and visit.inspection.status == "closed"


class GenerateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEARS[0], max_value=YEARS[1], help_text="Jaar van het programma.")
    capacity_hours = serializers.IntegerField(
        min_value=0,
        max_value=MAX_CAPACITY_HOURS,
        required=False,
        allow_null=True,
        help_text="Uren toezicht; weggelaten: die van het programma.",
    )


class RegenerateSerializer(serializers.Serializer):
    capacity_hours = serializers.IntegerField(
        min_value=0, max_value=MAX_CAPACITY_HOURS, required=False, allow_null=True
    )


class PlanDaysSerializer(serializers.Serializer):
    month = serializers.IntegerField(help_text="Maand (1-12) van het programma die op werkdagen wordt gepland.")


class PlannedDaysSerializer(serializers.Serializer):
    planned = serializers.IntegerField(help_text="Aantal bezoeken dat een dag kreeg.")


class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Yearly programmes (uitvoeringsprogramma's) the user may see: of its service, or of the service its
    authority placed tasks with."""

    queryset = Programme.objects.none()
    serializer_class = ProgrammeSerializer
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

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
