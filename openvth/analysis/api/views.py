"""Read-only endpoints of the analysis app: the permit outlook (issue 21, item 8), uniform enforcement measured
(item 9) and the initiatives of the pipeline. `?service=` as the pages' `?dienst=`: empty for the own service (the
country for the ministry), `NL` for the country, a service code for that service (404 where the user may not read
it). Aggregates only, never a person."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.analysis import selectors, standards
from openvth.analysis.models import Initiative
from openvth.core import clock
from openvth.core.api_schema import ProblemSerializer
from openvth.rules import forecast

from . import serializers

SERVICE = OpenApiParameter(
    "service", OpenApiTypes.STR, description="Code van de omgevingsdienst, of NL voor Nederland; standaard de eigen."
)


def _code(service) -> str:
    return service.code if service else selectors.NATIONAL


def outlook_data(found: selectors.Outlook) -> dict:
    total = found.total
    quarters = [
        {
            "quarter": point.quarter,
            "expected": total.total(point.quarter),
            "pipeline": total.pipeline.get(point.quarter, 0.0),
            "low80": total.total(point.quarter, "low", 0.8),
            "high80": total.total(point.quarter, "high", 0.8),
            "low95": total.total(point.quarter, "low", 0.95),
            "high95": total.total(point.quarter, "high", 0.95),
            "borrowed_band": point.borrowed,
        }
        for point in total.points
    ]
    return {
        "subject": _code(found.subject),
        "label": found.label,
        "history_first": forecast.quarter_label(found.history.first),
        "history_last": forecast.quarter_label(found.history.last),
        "quarters": quarters,
        "total": total,
        "groups": found.groups,
        "backtest": total.backtest.horizons if total.backtest else [],
        "hours_per_application": found.per_application,
        "hours_source": str(standards.SOURCE),
        "available_source": found.available.source,
        "capacity": found.capacity,
        "services": [
            {"service": service.code, "name": service.name, "expected_next_year": expected, "needed_hours": needed,
             "available_hours": available.hours, "available_source": available.source}
            for service, expected, needed, available in found.services
        ],
    }  # fmt: skip


def figures_data(figures: selectors.Figures, national: selectors.Figures) -> dict:
    cells = []
    for cell, share in figures.shares.items():
        timing = figures.timings[cell]
        national_share = national.shares.get(cell)
        cells.append({
            "cell": cell, "decisions": share.decisions, "modal": share.modal, "share": share.share,
            "national_modal": national_share.modal if national_share else None,
            "days_to_intervention_median": timing.to_intervention.median,
            "days_to_intervention_p90": timing.to_intervention.p90,
            "days_to_compliance_median": timing.to_compliance.median,
            "days_to_compliance_p90": timing.to_compliance.p90,
        })  # fmt: skip
    return {
        "subject": _code(figures.service),
        "label": figures.label,
        "decisions": figures.decisions,
        "same_within": figures.overall,
        "same_as_national": figures.agreement,
        "deviations": figures.deviations,
        "days_to_intervention_median": figures.to_intervention.median,
        "days_to_compliance_median": figures.to_compliance.median,
        "cells": cells,
        "reasons": [{"reason": reason, "count": n} for reason, n in figures.reasons],
        "recidivism": [
            {"intervention": first, "months": months, "eligible": rate.eligible, "recidive": rate.recidive,
             "share": rate.share}
            for first, rates in figures.recidivism.items()
            for months, rate in rates.items()
        ],
    }  # fmt: skip


class OutlookView(APIView):
    """Applications expected per quarter for five years with 80 % and 95 % bands, per activity group, the
    backtest error per horizon and the permit officers' hours needed against those available."""

    @extend_schema(parameters=[SERVICE], responses={200: serializers.OutlookSerializer, 404: ProblemSerializer})
    def get(self, request):
        service = selectors.subject_for(request.user, request.query_params.get("service"))
        found = selectors.outlook(service, clock.today())
        return Response(serializers.OutlookSerializer(outlook_data(found)).data)


class UniformityView(APIView):
    """The LHSO decisions' uniformity: per cell the modal first intervention and its share, deviations per reason,
    days to intervention and compliance, recidivism per intervention; the national comparison (the own service and
    the country for a service, every service for the ministry)."""

    @extend_schema(parameters=[SERVICE], responses={200: serializers.UniformitySerializer, 404: ProblemSerializer})
    def get(self, request):
        service = selectors.subject_for(request.user, request.query_params.get("service"))
        found = selectors.uniformity_figures(clock.today())
        shown = found.national if service is None else found.of(service)
        rows = [found.national] + [
            f for f in found.per_service if selectors.sees_country(request.user) or f.service == service
            or f.service == selectors.own_service(request.user)
        ]  # fmt: skip
        data = {
            "figures": figures_data(shown, found.national) if shown else None,
            "comparison": [figures_data(row, found.national) for row in rows],
        }
        return Response(serializers.UniformitySerializer(data).data)


class InitiativeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The announced projects of the own service that will bring applications (the outlook's pipeline)."""

    queryset = Initiative.objects.none()
    serializer_class = serializers.InitiativeSerializer
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.initiatives(self.request.user).order_by("expected_year", "title", "id")
