"""Filters of the inspection and complaint lists."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from openvth.register.api.filters import FormatFilter
from openvth.rules import formats
from openvth.supervision.models import Complaint, Inspection

from .serializers import KIND_SCHEMA


class InspectionFilter(filters.FilterSet):
    establishment = FormatFilter(
        field_name="establishment__kvk_vestigingsnummer", rule=formats.kvk_vestigingsnummer, help_text="12 cijfers."
    )
    status = filters.ChoiceFilter(choices=Inspection.Status.choices)
    kind = extend_schema_field(KIND_SCHEMA)(filters.ChoiceFilter(choices=Inspection.Kind.choices))

    class Meta:
        model = Inspection
        fields = ["establishment", "status", "kind"]


class ComplaintFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Complaint.Status.choices)

    class Meta:
        model = Complaint
        fields = ["status"]
