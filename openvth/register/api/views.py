"""Endpoints of the register. Reads go through selectors (scoped), writes through services."""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from openvth.core.api import parse_input
from openvth.register import selectors, services
from openvth.register.models import Company, Establishment, Mandate

from . import filters, serializers

ESTABLISHMENT_RELATIONS = ("owner", "company", "municipality", "competent_authority", "supervising_service")


def _owner(user, data: dict):
    """The owning organisation of a new record: given by code, else the user's own organisation."""
    owner = data.pop("owner", None) or user.organisation
    if owner is None:
        raise ValidationError({"owner": ["Geef de eigenaar op: u hoort niet bij een organisatie."]})
    return owner


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Authorities, omgevingsdiensten and chain partners: public data, readable by every user."""

    queryset = selectors.organisations().order_by("name", "id")
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"


class ActivityTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue of milieubelastende activiteiten."""

    queryset = selectors.activity_types().order_by("code", "id")
    serializer_class = serializers.ActivityTypeSerializer
    filterset_class = filters.ActivityTypeFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"


class MandateViewSet(viewsets.ReadOnlyModelViewSet):
    """Mandates given by or held in the user's organisation."""

    queryset = Mandate.objects.none()
    serializer_class = serializers.MandateSerializer
    filterset_class = filters.MandateFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.mandates(self.request.user).order_by("authority__name", "decision_type", "-valid_from", "id")


class CompanyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Company.objects.none()
    serializer_class = serializers.CompanySerializer
    filterset_class = filters.CompanyFilter
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.companies(self.request.user).select_related("owner").order_by("name", "id")

    @extend_schema(request=serializers.CompanyInputSerializer, responses={201: serializers.CompanySerializer})
    def create(self, request):
        """Register a company; the owner is the user's organisation unless another is given by code."""
        data = parse_input(self, serializers.CompanyInputSerializer)
        company = services.create_company(user=request.user, owner=_owner(request.user, data), **data)
        return Response(self.get_serializer(company).data, status=status.HTTP_201_CREATED)


class EstablishmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Active establishments the user may see; a record of another organisation does not exist here (404)."""

    queryset = Establishment.objects.none()
    serializer_class = serializers.EstablishmentSerializer
    filterset_class = filters.EstablishmentFilter
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.establishments(self.request.user).order_by("name", "id")

    def filter_queryset(self, queryset):
        # relations are loaded after filtering so a search result combined with `&` keeps them too
        filtered = super().filter_queryset(queryset)
        return filtered.select_related(*ESTABLISHMENT_RELATIONS).prefetch_related("activities__activity_type")

    def get_object(self) -> Establishment:
        try:
            return selectors.establishment_detail(self.request.user, int(self.kwargs["pk"]))
        except Establishment.DoesNotExist:
            raise Http404 from None

    def _respond(self, establishment: Establishment, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.establishment_detail(self.request.user, establishment.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(
        request=serializers.EstablishmentInputSerializer, responses={201: serializers.EstablishmentSerializer}
    )
    def create(self, request):
        """Register an establishment of a company the user may see; the service checks every format."""
        data = parse_input(self, serializers.EstablishmentInputSerializer)
        owner = _owner(request.user, data)
        establishment = services.create_establishment(
            user=request.user, owner=owner, company=data.pop("company"), **data
        )
        return self._respond(establishment, status.HTTP_201_CREATED)

    @extend_schema(request=serializers.EstablishmentInputSerializer, responses=serializers.EstablishmentSerializer)
    def partial_update(self, request, pk=None):
        """Change some fields; the change is recorded in the history."""
        establishment = self.get_object()
        changes = parse_input(self, serializers.EstablishmentInputSerializer, partial=True)
        services.update_establishment(user=request.user, establishment=establishment, **changes)
        return self._respond(establishment)

    @extend_schema(request=serializers.MergeInputSerializer, responses=serializers.EstablishmentSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge duplicates into this establishment: their activities move here, they stay as history."""
        keep = self.get_object()
        duplicates = parse_input(self, serializers.MergeInputSerializer)["duplicates"]
        services.merge(user=request.user, keep=keep, duplicates=duplicates)
        return self._respond(keep)

    @extend_schema(responses=serializers.ChangeRecordSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request, pk=None):
        """Who changed this establishment when, and how."""
        records = self.paginate_queryset(selectors.record_history(self.get_object()))
        return self.get_paginated_response(serializers.ChangeRecordSerializer(records, many=True).data)

    @extend_schema(methods=["GET"], responses=serializers.ActivitySerializer(many=True), filters=False)
    @extend_schema(
        methods=["POST"],
        request=serializers.ActivityInputSerializer,
        responses={201: serializers.ActivitySerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def activities(self, request, pk=None):
        """The milieubelastende activiteiten of this establishment; POST adds one."""
        establishment = self.get_object()
        if request.method == "POST":
            data = parse_input(self, serializers.ActivityInputSerializer)
            activity = services.add_activity(user=request.user, establishment=establishment, **data)
            return Response(serializers.ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(list(establishment.activities.all()))
        return self.get_paginated_response(serializers.ActivitySerializer(page, many=True).data)
