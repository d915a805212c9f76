"""Query filters of the permits API. A malformed value answers 400, never an unfiltered list."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from openvth.permits.models import Application, Decision
from openvth.register.api.filters import FormatFilter
from openvth.rules import formats

from .serializers import KIND_SCHEMA


class ApplicationFilter(filters.FilterSet):
    establishment = FormatFilter(
        field_name="establishment__kvk_vestigingsnummer", rule=formats.kvk_vestigingsnummer, help_text="12 cijfers."
    )
    status = filters.ChoiceFilter(choices=Application.Status.choices)
    procedure = filters.ChoiceFilter(choices=Application.Procedure.choices)

    class Meta:
        model = Application
        fields = ["establishment", "status", "procedure"]


class DecisionFilter(filters.FilterSet):
    establishment = FormatFilter(
        field_name="establishment__kvk_vestigingsnummer", rule=formats.kvk_vestigingsnummer, help_text="12 cijfers."
    )
    kind = extend_schema_field(KIND_SCHEMA)(
        filters.ChoiceFilter(choices=Decision.Kind.choices, help_text="grant, amend of revoke.")
    )

    class Meta:
        model = Decision
        fields = ["establishment", "kind"]
