"""Endpoints of disclosure. `/api/v1/publications`: the Woo publication flow for staff; reads through the selectors
(scoped), writes through the services; a refusal is a problem+json answer (400 or 403), an invisible record a 404.
`/api/v1/public/`: the public, read-only API: no key, no session, throttled, cacheable."""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from openvth.core import clock
from openvth.core.api import parse_input
from openvth.core.inputs import parse_id
from openvth.core.views import or_404
from openvth.disclosure import public, selectors, services
from openvth.disclosure.models import Publication
from openvth.disclosure.public_views import PUBLIC_MAX_AGE
from openvth.register.models import Company

from .serializers import (
    DecisionsInputSerializer,
    ProposeSerializer,
    PublicationDetailSerializer,
    PublicationSerializer,
    PublicCompanyDetailSerializer,
    PublicCompanySerializer,
    PublicPublicationSerializer,
    SpanInputSerializer,
    WithdrawInputSerializer,
)

# the source of a proposal: its selector (scoped read) and its service
SOURCES = {
    "inspection": (selectors.inspection_source, services.propose_inspection),
    "letter": (selectors.letter_source, services.propose_letter),
}
STEPS = {"approve": services.approve, "publish": services.publish}


class PublicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Publications the user may see: proposals, approved, published and withdrawn ones."""

    queryset = Publication.objects.none()
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        found = selectors.publications(self.request.user).order_by("-proposed_at", "-id")
        status_filter = self.request.query_params.get("status")
        return found.filter(status=status_filter) if status_filter else found

    def get_serializer_class(self):
        return PublicationSerializer if self.action == "list" else PublicationDetailSerializer

    def _respond(self, publication: Publication, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.publications(self.request.user).prefetch_related("decisions").get(pk=publication.pk)
        return Response(PublicationDetailSerializer(fresh).data, status=code)

    @extend_schema(request=ProposeSerializer, responses={201: PublicationDetailSerializer})
    def create(self, request):
        """Propose a closed inspection's result or an enforcement decision: the engine's spans, all to redact."""
        ((name, pk),) = parse_input(self, ProposeSerializer).items()
        read, propose = SOURCES[name]
        try:
            source = or_404(read, request.user, pk)
        except Http404:  # a body reference is a field of the input: 400 naming it, as everywhere in the API
            raise ValidationError({name: [f"Geen {name} met nummer {pk} die u mag inzien."]}) from None
        return self._respond(propose(user=request.user, **{name: source}), status.HTTP_201_CREATED)

    @extend_schema(request=DecisionsInputSerializer, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["patch"])
    def decisions(self, request, pk=None):
        """The reviewer's decision per span (redact with a Woo ground, or keep with a note)."""
        publication = self.get_object()  # a foreign id is 404 before its body is read
        changes = [dict(c) for c in parse_input(self, DecisionsInputSerializer)["decisions"]]
        return self._respond(services.decide_spans(user=request.user, publication=publication, changes=changes))

    @extend_schema(request=SpanInputSerializer, responses={201: PublicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def spans(self, request, pk=None):
        """Add a span the engine missed, removed on the chosen ground."""
        publication = self.get_object()
        data = parse_input(self, SpanInputSerializer)
        services.add_spans(
            user=request.user, publication=publication, spans=[(data["start"], data["end"])],
            woo_ground=data["woo_ground"], note=data["note"],
        )  # fmt: skip
        return self._respond(publication, status.HTTP_201_CREATED)

    def _step(self, name: str) -> Response:
        return self._respond(STEPS[name](user=self.request.user, publication=self.get_object()))

    @extend_schema(request=None, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Fix the public text from the decisions; not by who proposed or last edited the redaction (403)."""
        return self._step("approve")

    @extend_schema(request=None, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Make an approved publication public."""
        return self._step("publish")

    @extend_schema(request=WithdrawInputSerializer, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a published publication, with the reason."""
        publication = self.get_object()
        reason = parse_input(self, WithdrawInputSerializer)["reason"]
        return self._respond(services.withdraw(user=request.user, publication=publication, reason=reason))


# --- the public API (no login) -------------------------------------------------------------------------------


class PublicThrottle(AnonRateThrottle):
    scope = "public"
    rate = "300/min"


class PublicAPIView(GenericAPIView):
    """Anyone may read; no authentication (so no session and no CSRF); a successful answer may be cached."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (PublicThrottle,)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        return response


class PublicationList(ListModelMixin, PublicAPIView):  # the mixin and queryset tell the schema: a list of publications
    queryset = Publication.objects.none()
    serializer_class = PublicPublicationSerializer

    @extend_schema(parameters=[OpenApiParameter("company", int, description="Alleen die van dit bedrijf.")])
    def get(self, request):
        """Published inspection results and enforcement decisions, newest first."""
        found = public.publications()
        if company := request.query_params.get("company"):
            found = found.filter(establishment__company_id=parse_id(company, "company"))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(
            PublicPublicationSerializer([public.publication_record(p) for p in page], many=True).data
        )


class PublicationDetail(PublicAPIView):
    serializer_class = PublicPublicationSerializer

    def get(self, request, pk: int):
        """One published publication; anything not published does not exist here (404)."""
        try:
            record = public.publication(pk)
        except Publication.DoesNotExist:
            raise Http404 from None
        return Response(PublicPublicationSerializer(record).data)


class CompanyList(ListModelMixin, PublicAPIView):
    queryset = Company.objects.none()
    serializer_class = PublicCompanySerializer

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Deel van de naam, KvK-nummer of plaats.")])
    def get(self, request):
        """Companies by name; with `q` those with an establishment that matches it."""
        found = public.companies(request.query_params.get("q", ""))
        records = [public.company_record(c) for c in self.paginate_queryset(found)]
        return self.get_paginated_response(PublicCompanySerializer(records, many=True).data)


class CompanyDetail(PublicAPIView):
    serializer_class = PublicCompanyDetailSerializer

    def get(self, request, pk: int):
        """A company, its establishments and its compliance history per quarter over the last 3 years."""
        try:
            record = public.company(pk)
        except Company.DoesNotExist:
            raise Http404 from None
        history = public.compliance_history(pk, today=clock.today())
        record["compliance_history"] = [vars(q) for q in history]
        return Response(PublicCompanyDetailSerializer(record).data)
