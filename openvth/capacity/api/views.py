"""Endpoints of capacity: staff, competences and certificates (a service reads its own), the quality criteria
versions, the assessment per task area, the director's mandates and the SPUK grants; the national matrix, mandate
comparison and SPUK totals for the ministry (counts, no person). Reads through selectors, writes through services."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.capacity import selectors, services
from openvth.capacity.models import Certificate, Competence, Grant, GrantQuarter, QualityCriteriaVersion, StaffMember
from openvth.core import clock
from openvth.core.api import parse_input, visible_record
from openvth.core.api_views import RecordViewSet
from openvth.register.models import Organisation

from . import filters, serializers


def _service(user, code: str | None) -> Organisation:
    """The service named by `code`, else the user's own; a Dutch 400 when there is none."""
    if code:
        found = Organisation.objects.filter(code=code, kind=Organisation.Kind.OMGEVINGSDIENST).first()
        if found is None:
            raise ValidationError({"service": [f"Er is geen omgevingsdienst met code '{code}'."]})
        return found
    own = selectors.own_service(user)
    if own is None:
        raise ValidationError({"service": ["Geef de code van de omgevingsdienst."]})
    return own


class StaffMemberViewSet(mixins.CreateModelMixin, RecordViewSet):
    """The people of the user's own service (the ministry sees none: its figures are national aggregates)."""

    queryset = StaffMember.objects.none()
    serializer_class = serializers.StaffMemberSerializer

    def get_queryset(self):
        return selectors.staff(self.request.user).order_by("name", "id")

    @extend_schema(request=serializers.StaffInputSerializer, responses={201: serializers.StaffMemberSerializer})
    def create(self, request):
        data = parse_input(self, serializers.StaffInputSerializer)
        service = _service(request.user, data.pop("service", None))
        staff = services.create_staff(user=request.user, service=service, **data)
        return Response(self.get_serializer(staff).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.StaffUpdateSerializer, responses=serializers.StaffMemberSerializer)
    def partial_update(self, request, pk=None):
        staff = self.get_object()
        data = parse_input(self, serializers.StaffUpdateSerializer, partial=True)
        staff = services.update_staff(user=request.user, staff=staff, **data)
        return Response(self.get_serializer(staff).data)


class CompetenceViewSet(mixins.CreateModelMixin, RecordViewSet):
    """Competences per task area of the own service's people, with their certificates."""

    queryset = Competence.objects.none()
    serializer_class = serializers.CompetenceSerializer
    filterset_class = filters.CompetenceFilter

    def get_queryset(self):
        return selectors.competences(self.request.user).prefetch_related("certificates").order_by("staff_id", "id")

    @extend_schema(request=serializers.CompetenceInputSerializer, responses={201: serializers.CompetenceSerializer})
    def create(self, request):
        data = parse_input(self, serializers.CompetenceInputSerializer)
        staff = visible_record(selectors.staff(request.user), data.pop("staff"), "staff", "medewerker")
        competence = services.add_competence(user=request.user, staff=staff, **data)
        return Response(self.get_serializer(competence).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.CompetenceUpdateSerializer, responses=serializers.CompetenceSerializer)
    def partial_update(self, request, pk=None):
        competence = self.get_object()
        data = parse_input(self, serializers.CompetenceUpdateSerializer, partial=True)
        competence = services.update_competence(user=request.user, competence=competence, **data)
        return Response(self.get_serializer(competence).data)


class CertificateViewSet(mixins.CreateModelMixin, RecordViewSet):
    """Certificates of the own service's competences, valid from issue to expiry."""

    queryset = Certificate.objects.none()
    serializer_class = serializers.CertificateSerializer

    def get_queryset(self):
        return selectors.certificates(self.request.user).order_by("-issued_on", "id")

    @extend_schema(request=serializers.CertificateInputSerializer, responses={201: serializers.CertificateSerializer})
    def create(self, request):
        data = parse_input(self, serializers.CertificateInputSerializer)
        competence = visible_record(
            selectors.competences(request.user), data.pop("competence"), "competence", "bekwaamheid"
        )
        certificate = services.add_certificate(user=request.user, competence=competence, **data)
        return Response(self.get_serializer(certificate).data, status=status.HTTP_201_CREATED)


class CriteriaVersionViewSet(mixins.CreateModelMixin, RecordViewSet):
    """Versions of the quality criteria: the national minimum and the own service's stricter values. A new version
    is stored for the user's organisation: the ministry's programme office the national one, a service's manager
    its own (never below the national minimum)."""

    queryset = QualityCriteriaVersion.objects.none()
    serializer_class = serializers.CriteriaVersionSerializer

    def get_queryset(self):
        return selectors.criteria_versions(self.request.user).order_by("-valid_from", "-id")

    @extend_schema(request=serializers.CriteriaInputSerializer, responses={201: serializers.CriteriaVersionSerializer})
    def create(self, request):
        data = parse_input(self, serializers.CriteriaInputSerializer)
        organisation = getattr(request.user, "organisation", None)
        if organisation is None:
            raise PermissionDenied("Kwaliteitscriteria horen bij het ministerie of een omgevingsdienst.")
        version = services.store_criteria(user=request.user, organisation=organisation, **data)
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)


class GrantViewSet(mixins.CreateModelMixin, RecordViewSet):
    """The own service's SPUK grants with what was spent of each."""

    queryset = Grant.objects.none()
    serializer_class = serializers.GrantSerializer
    filterset_class = filters.GrantFilter

    def get_queryset(self):
        return selectors.grants(self.request.user).order_by("-year", "purpose", "id")

    @extend_schema(request=serializers.GrantInputSerializer, responses={201: serializers.GrantSerializer})
    def create(self, request):
        data = parse_input(self, serializers.GrantInputSerializer)
        service = _service(request.user, data.pop("service", None))
        grant = services.record_grant(user=request.user, service=service, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=grant.pk)).data, status=status.HTTP_201_CREATED)


class GrantQuarterViewSet(mixins.CreateModelMixin, RecordViewSet):
    """Spending and results per quarter of the own service's grants; a quarter reported again replaces it."""

    queryset = GrantQuarter.objects.none()
    serializer_class = serializers.GrantQuarterSerializer
    filterset_class = filters.GrantQuarterFilter

    def get_queryset(self):
        return selectors.grant_quarters(self.request.user).order_by("grant_id", "year", "quarter")

    @extend_schema(request=serializers.GrantQuarterInputSerializer, responses={201: serializers.GrantQuarterSerializer})
    def create(self, request):
        data = parse_input(self, serializers.GrantQuarterInputSerializer)
        grant = visible_record(selectors.grants(request.user), data.pop("grant"), "grant", "uitkering")
        report = services.report_quarter(user=request.user, grant=grant, **data)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class AssessmentView(APIView):
    """The own service per task area: meets the quality criteria or not, which criteria fail and since when."""

    @extend_schema(responses=serializers.AreaAssessmentSerializer(many=True))
    def get(self, request):
        rows = selectors.assessment(selectors.require_own_service(request.user), clock.today())
        return Response(serializers.AreaAssessmentSerializer(rows, many=True).data)


class NationalAssessmentView(APIView):
    """Service × task area for the ministry: outcomes and counts, no person."""

    @extend_schema(responses=serializers.ServiceAssessmentSerializer(many=True))
    def get(self, request):
        selectors.require_country(request.user)
        return Response(
            serializers.ServiceAssessmentSerializer(selectors.national_matrix(clock.today()), many=True).data
        )


class MandatesView(APIView):
    """The own service's mandates per authority: which of the director's four powers it holds, and who holds each."""

    @extend_schema(responses=serializers.AuthorityMandateSerializer(many=True))
    def get(self, request):
        rows = selectors.service_mandates(request.user, selectors.require_own_service(request.user), clock.today())
        return Response(serializers.AuthorityMandateSerializer(rows, many=True).data)


class NationalMandatesView(APIView):
    """Services × powers for the ministry: authorities that mandated each service's director, per power."""

    @extend_schema(responses=serializers.ServiceMandatesSerializer(many=True))
    def get(self, request):
        selectors.require_country(request.user)
        return Response(
            serializers.ServiceMandatesSerializer(selectors.national_mandates(clock.today()), many=True).data
        )


class NationalSpukView(APIView):
    """SPUK grants per service and quarter, and the national total against the € 15 million of the regulation."""

    @extend_schema(responses=serializers.SpukNationalSerializer)
    def get(self, request):
        selectors.require_country(request.user)
        return Response(serializers.SpukNationalSerializer(selectors.spuk_national()).data)
