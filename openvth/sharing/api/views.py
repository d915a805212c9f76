"""`GET /api/v1/companies/<id>/chain-dossier?purpose=CODE[&note=...]`: the chain dossier in one call, logged."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from ..models import Purpose
from .serializers import ChainDossierSerializer


class ChainDossierView(APIView):
    """The establishments of a company you may open or that their owner or supervising service shares with your
    organisation for the stated purpose, and the records shared about them, each item with its source. A purpose
    is required; every call is logged. 404 when the company is not in your register and none of its
    establishments is shared with yours; 400 when nothing is shared for this purpose."""

    @extend_schema(
        parameters=[
            OpenApiParameter("purpose", OpenApiTypes.STR, required=True, enum=Purpose.values),
            OpenApiParameter("note", OpenApiTypes.STR, required=False, description="toelichting, max. 300 tekens"),
        ],
        responses=ChainDossierSerializer,
    )
    def get(self, request, pk: int):
        dossier = selectors.chain_dossier(
            request.user, pk, purpose_code=request.query_params.get("purpose"), note=request.query_params.get("note")
        )
        return Response(ChainDossierSerializer(dossier).data)
