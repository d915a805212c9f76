"""Endpoints of the regional plan: the plans the user sees with goals and adoptions, a plan's capacity needed against
available, and the adoption by a participating authority. Reads through selectors, writes through services."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from openvth.core.api import parse_input
from openvth.regional import selectors, services
from openvth.regional.models import RegionalPlan
from openvth.register.models import Organisation

from . import serializers


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The regional plans of the user's service, of the services the user's authority takes part in, or nationally
    (the ministry and the ILT)."""

    queryset = RegionalPlan.objects.none()
    serializer_class = serializers.PlanSerializer
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (
            selectors.plans(self.request.user).prefetch_related("goals", "adoptions__authority").order_by("-year", "id")
        )

    @extend_schema(responses=serializers.CapacityLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def capacity(self, request, pk=None):
        lines = selectors.capacity_lines(self.get_object())
        return Response(serializers.CapacityLineSerializer(lines, many=True).data)

    @extend_schema(request=serializers.AdoptionInputSerializer, responses={201: serializers.AdoptionSerializer})
    @action(detail=True, methods=["post"])
    def adoptions(self, request, pk=None):
        plan = self.get_object()
        data = parse_input(self, serializers.AdoptionInputSerializer)
        authority = Organisation.objects.filter(code=data.pop("authority")).first()
        if authority is None:
            raise ValidationError({"authority": ["Er is geen bestuursorgaan met deze code."]})
        adoption = services.adopt(user=request.user, plan=plan, authority=authority, **data)
        return Response(serializers.AdoptionSerializer(adoption).data, status=status.HTTP_201_CREATED)
