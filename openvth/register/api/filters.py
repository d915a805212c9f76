"""Query filters of the register API. A malformed value answers 400, never an empty or unfiltered list."""

from django import forms
from django.db.models import Q
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from openvth.core.inputs import MAX_ID
from openvth.register import selectors
from openvth.register.models import ActivityType, Company, DecisionType, Establishment, Mandate, Organisation
from openvth.rules import formats
from openvth.rules.formats import FormatError


def invalid(message: str) -> forms.ValidationError:
    """An error whose text may hold the user's input: django-filter %-formats every message with its params, so
    the text goes in as a param and a `%` in the input stays text (not a 500)."""
    return forms.ValidationError("%(reason)s", code="invalid", params={"reason": message})


class FormatField(forms.CharField):
    """A text parameter normalised by a rule from openvth.rules.formats (postcode `1234ab` -> `1234 AB`)."""

    def __init__(self, *, rule, **kwargs):
        self.rule = rule
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return self.rule(value)
        except FormatError as exc:
            raise invalid(str(exc)) from None


class FormatFilter(filters.CharFilter):
    field_class = FormatField


class IdField(forms.IntegerField):
    """An id: a whole number within the 64-bit range of every database (larger ones are a 400, not a 500)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(filters.NumberFilter):
    """A whole number from `min_value` (1) to `max_value` (the 64-bit bound), so documented in the schema."""

    field_class = IdField

    def __init__(self, *args, min_value: int = 1, max_value: int = MAX_ID, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)
        schema = {"type": "integer", "minimum": min_value, "maximum": max_value}
        if kwargs.get("help_text"):
            schema["description"] = str(kwargs["help_text"])  # an override replaces the help text
        extend_schema_field(schema)(self)


class StrictBooleanField(forms.Field):
    """Unlike django-filter's own boolean field, an unknown value is an error instead of no filter."""

    _VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if str(value).lower() not in self._VALUES:
            raise invalid(f"Kies 'true' of 'false', niet '{value}'.")
        return self._VALUES[str(value).lower()]


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        # django-filter's BooleanWidget turns an unknown value into "no value" before the field sees it
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class OrganisationFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Organisation.Kind.choices)
    province = filters.CharFilter(field_name="province__code", help_text="Code van de provincie, bv. PV27.")
    omgevingsdienst = filters.CharFilter(field_name="omgevingsdienst__code", help_text="Code van de omgevingsdienst.")
    code = filters.CharFilter()

    class Meta:
        model = Organisation
        fields = ["kind", "province", "omgevingsdienst", "code"]


class CompanyFilter(filters.FilterSet):
    kvk_number = FormatFilter(rule=formats.kvk_number, help_text="KvK-nummer, 8 cijfers.")

    class Meta:
        model = Company
        fields = ["kvk_number"]


BRZO_NONE = "none"


class EstablishmentFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search",
        help_text="Zoeken op KvK-nummer, vestigingsnummer, postcode (met huisnummer), deel van de naam of plaats.",
    )
    kvk_number = FormatFilter(field_name="company__kvk_number", rule=formats.kvk_number, help_text="8 cijfers.")
    kvk_vestigingsnummer = FormatFilter(rule=formats.kvk_vestigingsnummer, help_text="12 cijfers.")
    postcode = FormatFilter(rule=formats.postcode, help_text="Postcode, bv. 1234 AB of 1234ab.")
    house_number = extend_schema_field(OpenApiTypes.INT)(FormatFilter(rule=formats.house_number))
    place = filters.CharFilter(lookup_expr="iexact", help_text="Plaatsnaam, hoofdletterongevoelig.")
    municipality = FormatFilter(
        field_name="municipality__code", rule=formats.cbs_municipality_code, help_text="CBS-gemeentecode, bv. GM0363."
    )
    competent_authority = filters.CharFilter(field_name="competent_authority__code", help_text="Code bevoegd gezag.")
    supervising_service = filters.CharFilter(field_name="supervising_service__code", help_text="Code omgevingsdienst.")
    company = IdFilter(field_name="company_id", help_text="Id van het bedrijf.")
    ied = StrictBooleanFilter()
    brzo_tier = filters.ChoiceFilter(
        choices=[(BRZO_NONE, "geen"), *Establishment.BrzoTier.choices[1:]], method="filter_brzo_tier"
    )

    class Meta:
        model = Establishment
        fields = []

    def search(self, queryset, name, value):
        # the selector knows what a query means (KvK, postcode, name); its result is ANDed with the other filters
        return queryset & selectors.matching_establishments(self.request.user, value)

    def filter_brzo_tier(self, queryset, name, value):
        return queryset.filter(brzo_tier="" if value == BRZO_NONE else value)


class ActivityTypeFilter(filters.FilterSet):
    active = StrictBooleanFilter()

    class Meta:
        model = ActivityType
        fields = ["code", "active"]


class MandateFilter(filters.FilterSet):
    authority = filters.CharFilter(field_name="authority__code", help_text="Code van het bevoegd gezag.")
    decision_type = filters.ChoiceFilter(choices=DecisionType.choices)
    valid_on = filters.DateFilter(method="filter_valid_on", help_text="Alleen mandaten geldig op deze datum.")
    covers_amount = filters.NumberFilter(
        method="filter_covers_amount",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="Alleen mandaten zonder bovengrens of met een bovengrens van ten minste dit bedrag.",
    )

    class Meta:
        model = Mandate
        fields = ["authority", "decision_type", "valid_on", "covers_amount"]

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(Mandate.valid_on_q(value))

    def filter_covers_amount(self, queryset, name, value):
        return queryset.filter(Q(max_amount__isnull=True) | Q(max_amount__gte=value))
