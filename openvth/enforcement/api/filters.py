"""Query filters of the enforcement API. A malformed value answers 400, never an unfiltered list."""

from django_filters import rest_framework as filters

from openvth.enforcement.models import EnforcementCase
from openvth.register.api.filters import FormatFilter, StrictBooleanFilter
from openvth.rules import enforcement as rules
from openvth.rules import formats


class EnforcementCaseFilter(filters.FilterSet):
    establishment = FormatFilter(
        field_name="establishment__kvk_vestigingsnummer", rule=formats.kvk_vestigingsnummer, help_text="12 cijfers."
    )
    route = filters.ChoiceFilter(choices=[(r, r) for r in rules.ROUTES])
    state = filters.ChoiceFilter(choices=list(rules.STATE_LABELS.items()))
    open = StrictBooleanFilter(field_name="closed_on", lookup_expr="isnull", help_text="true: alleen open zaken.")

    class Meta:
        model = EnforcementCase
        fields = ["establishment", "route", "state", "open"]
