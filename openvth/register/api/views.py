"""Endpoints of the register. Reads go through selectors (scoped), writes through services."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from openvth.audit.api.views import LogsPersonalDataReads
from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet
from openvth.register import selectors, services
from openvth.register.models import Company, Establishment, HandOver, Mandate

from . import filters, serializers


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


class CompanyViewSet(LogsPersonalDataReads, RecordViewSet):
    """Active companies the user may see: one per KvK number; a merged one is history and not listed (404)."""

    queryset = Company.objects.none()
    serializer_class = serializers.CompanySerializer
    filterset_class = filters.CompanyFilter

    def get_queryset(self):
        return selectors.companies(self.request.user).select_related("owner").order_by("name", "id")

    @extend_schema(request=serializers.CompanyInputSerializer, responses={201: serializers.CompanySerializer})
    def create(self, request):
        """Register a company; the owner is the user's organisation unless another is given by code."""
        data = parse_input(self, serializers.CompanyInputSerializer)
        company = services.create_company(user=request.user, owner=_owner(request.user, data), **data)
        return Response(self.get_serializer(company).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.CompanyUpdateSerializer, responses=serializers.CompanySerializer)
    def partial_update(self, request, pk=None):
        """Change the KvK number, name or legal form; the change is recorded in the history. A KvK number another
        company has is a 400 naming `kvk_number` (one company per KvK number: merge them instead)."""
        company = self.get_object()
        changes = parse_input(self, serializers.CompanyUpdateSerializer, partial=True)
        company = services.update_company(user=request.user, company=company, **changes)
        return Response(self.get_serializer(company).data)

    @extend_schema(request=serializers.CompanyMergeInputSerializer, responses=serializers.CompanySerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Merge duplicates into this company: their establishments move here, they stay as history with
        `merged_into` set. Different KvK numbers need a `reason`; only editors of both companies' owners merge."""
        keep = self.get_object()
        data = parse_input(self, serializers.CompanyMergeInputSerializer)
        reason = data.get("reason", "")
        kept = services.merge(user=request.user, keep=keep, duplicates=data["duplicates"], reason=reason)
        return Response(self.get_serializer(selectors.company_detail(request.user, kept.pk)).data)

    @extend_schema(responses=serializers.ChangeRecordSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request, pk=None):
        """Who changed this company when, and how (merges included)."""
        records = self.paginate_queryset(selectors.record_history(self.get_object()))
        return self.get_paginated_response(serializers.ChangeRecordSerializer(records, many=True).data)


class EstablishmentViewSet(RecordViewSet):
    """Active establishments the user may see; a record of another organisation does not exist here (404)."""

    queryset = Establishment.objects.none()
    serializer_class = serializers.EstablishmentSerializer
    filterset_class = filters.EstablishmentFilter

    def get_queryset(self):
        return selectors.establishments(self.request.user).order_by("name", "id")

    def filter_queryset(self, queryset):
        # relations are loaded after filtering so a search result combined with `&` keeps them too
        filtered = super().filter_queryset(queryset)
        return selectors.with_relations(filtered)

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
        """Change some fields; the change is recorded in the history. The supervising service and the competent
        authority change only by a hand-over (`hand-overs/`): sending another one here is a 400 naming the field."""
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

    # --- hand-over ---------------------------------------------------------------------------------------------

    def _hand_overs(self):
        """Hand-overs of either side: the receiving organisation sees them before it may open the establishment."""
        return HandOver.objects.visible_to(self.request.user).select_related(
            "from_organisation", "to_organisation", "proposed_by", "accepted_by"
        )

    @extend_schema(methods=["GET"], responses=serializers.HandOverSerializer(many=True), filters=False)
    @extend_schema(
        methods=["POST"],
        request=serializers.HandOverInputSerializer,
        responses={201: serializers.HandOverSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="hand-overs", filterset_class=None)
    def hand_overs(self, request, pk=None):
        """The hand-overs of this establishment; POST proposes one (a manager or administrator of its service).
        The field changes when a manager or administrator of the receiving organisation accepts."""
        establishment = self.get_object()
        if request.method == "POST":
            data = parse_input(self, serializers.HandOverInputSerializer)
            hand_over = services.propose_hand_over(user=request.user, establishment=establishment, **data)
            return Response(serializers.HandOverSerializer(hand_over).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(self._hand_overs().filter(establishment=establishment))
        return self.get_paginated_response(serializers.HandOverSerializer(page, many=True).data)

    @extend_schema(
        operation_id="hand_overs_list",
        parameters=[
            OpenApiParameter("state", OpenApiTypes.STR, enum=HandOver.State.values, description="Alleen deze.")
        ],
        responses=serializers.HandOverSerializer(many=True),
        filters=False,
    )
    @action(detail=False, methods=["get"], url_path="hand-overs", url_name="hand-over-list", filterset_class=None)
    def hand_over_list(self, request):
        """Hand-overs from and to your organisation and of establishments you see, newest first."""
        found = self._hand_overs()
        if state := request.query_params.get("state"):
            if state not in HandOver.State.values:
                raise ValidationError({"state": [f"Kies {' of '.join(HandOver.State.values)}, niet '{state}'."]})
            found = found.filter(state=state)
        page = self.paginate_queryset(found)
        return self.get_paginated_response(serializers.HandOverSerializer(page, many=True).data)

    @extend_schema(request=None, responses=serializers.HandOverSerializer, filters=False)
    @action(
        detail=False,
        methods=["post"],
        url_path=r"hand-overs/(?P<hand_over>\d+)/accept",
        url_name="hand-over-accept",
        filterset_class=None,
    )
    def accept_hand_over(self, request, hand_over=None):
        """Accept a proposed hand-over (a manager or administrator of the receiving organisation)."""
        accepted = services.accept_hand_over(
            user=request.user, hand_over=get_object_or_404(self._hand_overs(), pk=hand_over)
        )
        return Response(serializers.HandOverSerializer(self._hand_overs().get(pk=accepted.pk)).data)
