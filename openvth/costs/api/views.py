"""Endpoints of costs: hours (a service reads its own; they name people), hourly rates, norm hours and budgets
(also read by the service's authorities), and the cost figures: a service its own, an authority its own share at
each service that works for it, the ministry the totals per service. Reads through selectors, writes through
services."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.capacity.models import StaffMember
from openvth.capacity.selectors import require_country, require_own_service
from openvth.core import clock
from openvth.core.api import integer_parameter, parse_input, query_integer, visible_record
from openvth.core.api_views import RecordViewSet
from openvth.costs import selectors, services
from openvth.costs.models import Budget, HourEntry, HourlyRate, NormHoursVersion
from openvth.enforcement.models import EnforcementCase
from openvth.permits.models import Application
from openvth.register.models import Organisation
from openvth.supervision.models import Inspection

from . import serializers

SERVICE_ONLY = "Dit is voor medewerkers van een omgevingsdienst."
YEAR = integer_parameter("year", 2000, 2100, "Het jaar (standaard dit jaar).")


def _authority(code):
    found = Organisation.objects.filter(code=code).first() if code else None
    if code and found is None:
        raise ValidationError({"authority": [f"Er is geen organisatie met code '{code}'."]})
    return found


class HourEntryViewSet(mixins.CreateModelMixin, RecordViewSet):
    """The hours of the user's own service, per person, day and task (or task area)."""

    queryset = HourEntry.objects.none()
    serializer_class = serializers.HourEntrySerializer

    def get_queryset(self):
        return selectors.entries(self.request.user).order_by("-day", "id")

    @extend_schema(request=serializers.HourEntryInputSerializer, responses={201: serializers.HourEntrySerializer})
    def create(self, request):
        user = request.user
        data = parse_input(self, serializers.HourEntryInputSerializer)
        service = require_own_service(user, SERVICE_ONLY)
        tasks = {
            "inspection": (Inspection.objects.visible_to(user), "inspectie"),
            "application": (Application.objects.visible_to(user), "aanvraag"),
            "case": (EnforcementCase.objects.visible_to(user), "handhavingszaak"),
            "staff": (StaffMember.objects.visible_to(user), "medewerker"),
        }
        for name, (queryset, label) in tasks.items():
            if name in data:
                data[name] = visible_record(queryset, data[name], name, label)
        data["authority"] = _authority(data.get("authority"))
        entry = services.record_hours(user=user, service=service, **data)
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)


class HourlyRateViewSet(mixins.CreateModelMixin, RecordViewSet):
    """The hourly rates of the own service (or, for an authority, of its services)."""

    queryset = HourlyRate.objects.none()
    serializer_class = serializers.HourlyRateSerializer

    def get_queryset(self):
        return selectors.rates(self.request.user).order_by("service__name", "-year")

    @extend_schema(request=serializers.HourlyRateInputSerializer, responses={201: serializers.HourlyRateSerializer})
    def create(self, request):
        data = parse_input(self, serializers.HourlyRateInputSerializer)
        rate = services.set_rate(user=request.user, service=require_own_service(request.user, SERVICE_ONLY), **data)
        return Response(self.get_serializer(rate).data, status=status.HTTP_201_CREATED)


class BudgetViewSet(mixins.CreateModelMixin, RecordViewSet):
    """The budgets agreed: a service's with its authorities, an authority's own."""

    queryset = Budget.objects.none()
    serializer_class = serializers.BudgetSerializer

    def get_queryset(self):
        return selectors.budgets(self.request.user).order_by("-year", "authority__name", "package")

    @extend_schema(request=serializers.BudgetInputSerializer, responses={201: serializers.BudgetSerializer})
    def create(self, request):
        data = parse_input(self, serializers.BudgetInputSerializer)
        data["authority"] = _authority(data["authority"])
        budget = services.set_budget(user=request.user, service=require_own_service(request.user, SERVICE_ONLY), **data)
        return Response(self.get_serializer(budget).data, status=status.HTTP_201_CREATED)


class NormHoursViewSet(mixins.CreateModelMixin, RecordViewSet):
    """Versions of the standard hours per product of the own service (or an authority's services)."""

    queryset = NormHoursVersion.objects.none()
    serializer_class = serializers.NormHoursVersionSerializer

    def get_queryset(self):
        return selectors.norm_versions(self.request.user).order_by("organisation__name", "-valid_from", "-id")

    @extend_schema(
        request=serializers.NormHoursInputSerializer, responses={201: serializers.NormHoursVersionSerializer}
    )
    def create(self, request):
        data = parse_input(self, serializers.NormHoursInputSerializer)
        version = services.store_norm_hours(
            user=request.user, service=require_own_service(request.user, SERVICE_ONLY), **data
        )
        return Response(self.get_serializer(version).data, status=status.HTTP_201_CREATED)


def _figures(service, year, authority=None) -> dict:
    found = selectors.costs(service, year, authority)
    budgets = selectors.budget_overview(service, year, authority)
    return {
        "service": service.code, "year": year, "rate": found.rate, "error": found.error or budgets.error,
        "per_product": found.per_product, "per_area": found.per_area, "budgets": budgets.rows,
    }  # fmt: skip


class CostsView(APIView):
    """The cost per product and task area against the norm and the budget per authority and quarter: for a
    service its own; for an authority its own share at each service that works for it."""

    @extend_schema(parameters=[YEAR], responses=serializers.CostsSerializer(many=True))
    def get(self, request):
        year = query_integer(request, "year", 2000, 2100) or clock.today().year
        service = selectors.own_service(request.user)
        authority = selectors.own_authority(request.user)
        if service is not None:
            figures = [_figures(service, year)]
        elif authority is not None:
            figures = [_figures(s, year, authority) for s in selectors.services_of(authority)]
        else:
            raise PermissionDenied(
                "Dit is voor omgevingsdiensten en hun opdrachtgevers; het ministerie leest /national."
            )
        return Response(serializers.CostsSerializer(figures, many=True).data)


class NationalCostsView(APIView):
    """For the ministry: per service the hours, their cost and the budgets agreed in the year (no person)."""

    @extend_schema(parameters=[YEAR], responses=serializers.ServiceTotalSerializer(many=True))
    def get(self, request):
        require_country(request.user)
        year = query_integer(request, "year", 2000, 2100) or clock.today().year
        return Response(serializers.ServiceTotalSerializer(selectors.national(year), many=True).data)
