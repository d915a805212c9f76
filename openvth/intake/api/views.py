"""`POST /api/v1/dso/verzoeknotificaties`: the Omgevingsloket says a request is ready; openvth stores it and fetches
it in a background job. Only an API token authenticates here (the DSO link is a system account, not a browser)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from openvth.accounts.authentication import ApiTokenAuthentication
from openvth.core.api import parse_input

from .. import services
from . import serializers


class VerzoeknotificatieView(GenericAPIView):
    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]
    serializer_class = serializers.VerzoeknotificatieSerializer

    @extend_schema(
        request=serializers.VerzoeknotificatieSerializer,
        responses={200: serializers.IntakeRequestSerializer, 202: serializers.IntakeRequestSerializer},
        summary="Verzoeknotificatie van het Omgevingsloket ontvangen",
    )
    def post(self, request):
        """Store the notification and start fetching the request (202). The same verzoeknummer again changes
        nothing and answers with the stored record (200): the DSO may deliver a notification more than once."""
        data = parse_input(self, serializers.VerzoeknotificatieSerializer)
        payload = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
        intake, created = services.receive_notification(
            user=request.user, verzoeknummer=data["verzoeknummer"], volgnummer=data["volgnummer"], payload=payload
        )
        body = serializers.IntakeRequestSerializer(intake).data
        return Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)
