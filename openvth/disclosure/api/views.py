"""Endpoints of disclosure. `/api/v1/publications`: the Woo publication flow for staff; reads through the selectors
(scoped), writes through the services; a refusal is a problem+json answer (400 or 403), an invisible record a 404.
`/api/v1/public/`: the public, read-only API: no key, no session, throttled, cacheable."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response, set_response_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from openvth.core import clock
from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet
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
    PublicPermitDetailSerializer,
    PublicPermitSerializer,
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


class PublicationViewSet(RecordViewSet):
    """Publications the user may see: proposals, approved, published and withdrawn ones."""

    queryset = Publication.objects.none()

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


# a successful public answer carries an ETag; a conditional GET that names it answers 304 without a body
ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description="Sterke ETag van het antwoord: stuur hem terug in If-None-Match en het antwoord is 304 zolang er "
    "niets veranderde.",
)
NOT_MODIFIED = OpenApiResponse(description="Niet gewijzigd: If-None-Match noemt de ETag van dit antwoord.")


def public_schema(serializer, *parameters: OpenApiParameter):
    """The schema of a public GET: its answer with the ETag header, and the 304 of a conditional GET."""
    return extend_schema(parameters=[*parameters, ETAG_HEADER], responses={200: serializer, 304: NOT_MODIFIED})


class PublicAPIView(GenericAPIView):
    """Anyone may read; no authentication (so no session and no CSRF); a successful answer may be cached by
    browsers and proxies (`Cache-Control: public`) and carries an ETag for a conditional GET."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (PublicThrottle,)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
            response.add_post_render_callback(lambda rendered: _conditional(request, rendered))
        return response


def _conditional(request, response):
    """A strong ETag, the digest of the rendered body; a GET whose If-None-Match holds it answers 304 without a
    body. Nothing is kept on the server: an answer is rendered from the database each time, so a withdrawn
    publication is gone with the very next request and its old ETag no longer matches."""
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


class PublicationList(ListModelMixin, PublicAPIView):  # the mixin and queryset tell the schema: a list of publications
    queryset = Publication.objects.none()
    serializer_class = PublicPublicationSerializer

    @public_schema(
        PublicPublicationSerializer, OpenApiParameter("company", int, description="Alleen die van dit bedrijf.")
    )
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

    @public_schema(PublicPublicationSerializer)
    def get(self, request, pk: int):
        """One published publication; anything not published does not exist here (404)."""
        record = or_404(public.publication, pk)
        return Response(PublicPublicationSerializer(record).data)


class CompanyList(ListModelMixin, PublicAPIView):
    queryset = Company.objects.none()
    serializer_class = PublicCompanySerializer

    @public_schema(
        PublicCompanySerializer, OpenApiParameter("q", str, description="Deel van de naam, KvK-nummer of plaats.")
    )
    def get(self, request):
        """Companies by name; with `q` those with an establishment that matches it."""
        found = public.companies(request.query_params.get("q", ""))
        records = [public.company_record(c) for c in self.paginate_queryset(found)]
        return self.get_paginated_response(PublicCompanySerializer(records, many=True).data)


class CompanyDetail(PublicAPIView):
    serializer_class = PublicCompanyDetailSerializer

    @public_schema(PublicCompanyDetailSerializer)
    def get(self, request, pk: int):
        """A company, its establishments and its compliance history per quarter over the last 3 years."""
        record = or_404(public.company, pk)
        history = public.compliance_history(pk, today=clock.today())
        record["compliance_history"] = [vars(q) for q in history]
        return Response(PublicCompanyDetailSerializer(record).data)


# --- released permits ---------------------------------------------------------------------------------------


def _permit_links(request, establishment_id: int, publication_id: int, day=None) -> dict:
    """Where the permit is in the API and on the public site (on `day` when one is given), with its DiWoo metadata
    and its pdf."""
    api, page = (
        reverse("public-establishment-permit", args=[establishment_id]),
        reverse("disclosure:public_permit", args=[establishment_id]),
    )
    if day is not None:
        api, page = f"{api}?on={day.isoformat()}", f"{page}?op={day.isoformat()}"
    urls = {
        "self": api,
        "permalink": page,
        "diwoo": reverse("disclosure:public_publication_diwoo", args=[publication_id]),
        "pdf": reverse("disclosure:public_publication_pdf", args=[publication_id]),
    }
    return {name: request.build_absolute_uri(url) for name, url in urls.items()}


class PermitList(ListModelMixin, PublicAPIView):
    queryset = Publication.objects.none()
    serializer_class = PublicPermitSerializer

    @public_schema(PublicPermitSerializer, OpenApiParameter("company", int, description="Alleen die van dit bedrijf."))
    def get(self, request):
        """Released permits (published and not withdrawn), one per establishment, the latest release first; each
        links to the permit with its provisions."""
        found = public.listed_permits()
        if company := request.query_params.get("company"):
            found = found.filter(establishment__company_id=parse_id(company, "company"))
        records = [
            public.permit_record(p, p.first_day) | {"links": _permit_links(request, p.establishment_id, p.pk)}
            for p in self.paginate_queryset(found)
        ]
        return self.get_paginated_response(PublicPermitSerializer(records, many=True).data)


class PermitDetail(PublicAPIView):
    serializer_class = PublicPermitDetailSerializer

    @public_schema(
        PublicPermitDetailSerializer,
        OpenApiParameter(
            "on", OpenApiTypes.DATE, description="De dag (JJJJ-MM-DD), niet voor het eerste besluit; standaard vandaag."
        ),
    )
    def get(self, request, pk: int):
        """The released permit of the establishment as it stood on `on` (today when left out): the decisions in
        force by then and the provisions in force then, as on the public page. An establishment without a published
        release (none yet, or withdrawn) has none here (404); a malformed day, or one before the first decision, is
        a 400."""
        try:
            release = public.permit_release(pk)
        except Publication.DoesNotExist:
            raise exceptions.NotFound("Van deze vestiging is geen vergunning openbaar gemaakt.") from None
        first = public.first_day(release)
        try:
            day = public.permit_day(request.query_params.get("on", ""), first, today=clock.today())
        except ValueError as error:
            raise exceptions.ValidationError({"on": [str(error)]}) from None
        permit = public.permit_on(release, day)
        body = public.permit_record(release, first) | {name: permit["release"][name] for name in public.PERMIT_DIWOO}
        body |= {
            "on": day,
            "decisions": permit["decisions"],
            "provisions": permit["provisions"],
            "revocation": permit["revocation"],
            "links": _permit_links(request, pk, release.pk, day),
        }
        return Response(PublicPermitDetailSerializer(body).data)
