"""The public, read-only API under /api/v1/public/: no key, no session, throttled, cacheable; the records and
their fields are those of `disclosure.public` (the same as the open data)."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from openvth.core import clock
from openvth.core.inputs import parse_id
from openvth.disclosure import public
from openvth.disclosure.models import Publication
from openvth.disclosure.public_views import PUBLIC_MAX_AGE
from openvth.register.models import Company

_FIELD_TYPES = {
    "integer": serializers.IntegerField,
    "string": serializers.CharField,
    "date": serializers.DateField,
    "datetime": serializers.DateTimeField,
    "boolean": serializers.BooleanField,
}


def _serializer(name: str, fields, **extra) -> type[serializers.Serializer]:
    """A read-only serializer of public records, its fields and help texts taken from the field dictionary."""
    declared = {
        f.name: _FIELD_TYPES[f.type](read_only=True, allow_null=f.nullable, help_text=f.description) for f in fields
    }
    return type(name, (serializers.Serializer,), declared | extra)


PublicationSerializer = _serializer("PublicPublicationSerializer", public.PUBLICATION_FIELDS)
EstablishmentSerializer = _serializer("PublicEstablishmentSerializer", public.ESTABLISHMENT_FIELDS)
CompanySerializer = _serializer("PublicCompanySerializer", public.COMPANY_FIELDS)


class QuarterSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    compliant = serializers.IntegerField(help_text="Gepubliceerde inspectieresultaten zonder overtreding.")
    violations = serializers.IntegerField(help_text="Gepubliceerde inspectieresultaten met een overtreding.")


CompanyDetailSerializer = _serializer(
    "PublicCompanyDetailSerializer",
    public.COMPANY_FIELDS,
    establishments=EstablishmentSerializer(many=True, read_only=True),
    compliance_history=QuarterSerializer(many=True, read_only=True),
)


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
    serializer_class = PublicationSerializer

    @extend_schema(parameters=[OpenApiParameter("company", int, description="Alleen die van dit bedrijf.")])
    def get(self, request):
        """Published inspection results and enforcement decisions, newest first."""
        found = public.publications()
        if company := request.query_params.get("company"):
            found = found.filter(establishment__company_id=parse_id(company, "company"))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(
            PublicationSerializer([public.publication_record(p) for p in page], many=True).data
        )


class PublicationDetail(PublicAPIView):
    serializer_class = PublicationSerializer

    def get(self, request, pk: int):
        """One published publication; anything not published does not exist here (404)."""
        try:
            record = public.publication(pk)
        except Publication.DoesNotExist:
            raise Http404 from None
        return Response(PublicationSerializer(record).data)


class CompanyList(ListModelMixin, PublicAPIView):
    queryset = Company.objects.none()
    serializer_class = CompanySerializer

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Deel van de naam, KvK-nummer of plaats.")])
    def get(self, request):
        """Companies by name; with `q` those with an establishment that matches it."""
        found = public.companies(request.query_params.get("q", ""))
        records = [public.company_record(c) for c in self.paginate_queryset(found)]
        return self.get_paginated_response(CompanySerializer(records, many=True).data)


class CompanyDetail(PublicAPIView):
    serializer_class = CompanyDetailSerializer

    def get(self, request, pk: int):
        """A company, its establishments and its compliance history per quarter over the last 3 years."""
        try:
            record = public.company(pk)
        except Company.DoesNotExist:
            raise Http404 from None
        history = public.compliance_history(pk, today=clock.today())
        record["compliance_history"] = [vars(q) for q in history]
        return Response(CompanyDetailSerializer(record).data)
