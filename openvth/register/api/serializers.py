"""Representations of register records, and parsers of API input. Parsing only: the services validate."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openvth.core.api import DateField, ModelSerializer
from openvth.core.models import ChangeRecord
from openvth.register import selectors
from openvth.register.models import Activity, ActivityType, Company, Establishment, HandOver, Mandate, Organisation


class OrganisationRefSerializer(ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["code", "name"]


class OrganisationSerializer(ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    omgevingsdienst = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "kvk_number", "province", "omgevingsdienst", "is_brzo_service"]


class CompanySerializer(ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = Company
        fields = ["id", "kvk_number", "name", "legal_form", "owner", "merged_into"]


class CompanyRefSerializer(ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "kvk_number", "name"]


class ActivityTypeSerializer(ModelSerializer):
    class Meta:
        model = ActivityType
        fields = ["code", "name", "ied_category", "active"]


class ActivitySerializer(ModelSerializer):
    activity_type = ActivityTypeSerializer(read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "activity_type", "since"]


class EstablishmentSerializer(ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)
    company = CompanyRefSerializer(read_only=True)
    municipality = OrganisationRefSerializer(read_only=True)
    competent_authority = OrganisationRefSerializer(read_only=True)
    supervising_service = OrganisationRefSerializer(read_only=True)
    activities = ActivitySerializer(many=True, read_only=True)
    # declared, so the schema does not take the database backend's integer range (SQLite and PostgreSQL differ)
    house_number = serializers.IntegerField(read_only=True)

    class Meta:
        model = Establishment
        fields = [
            "id",
            "kvk_vestigingsnummer",
            "name",
            "company",
            "owner",
            "bag_nummeraanduiding_id",
            "street",
            "house_number",
            "house_number_suffix",
            "postcode",
            "place",
            "municipality",
            "rd_x",
            "rd_y",
            "competent_authority",
            "supervising_service",
            "ied",
            "brzo_tier",
            "is_home_address",
            "merged_into",
            "activities",
        ]


def _organisation_field(help_text: str, **kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), help_text=help_text, **kwargs
    )


@extend_schema_field(OpenApiTypes.INT)
class VisibleCompanyField(serializers.PrimaryKeyRelatedField):
    """A company id, resolved among the companies the user may see: another's company does not exist."""

    def get_queryset(self):
        return selectors.companies(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class VisibleEstablishmentField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return selectors.establishments(self.context["request"].user)


def _text(model, name: str, **kwargs) -> serializers.CharField:
    """A text of API input no longer than its model field allows (SQLite does not enforce it, PostgreSQL does)."""
    return serializers.CharField(max_length=model._meta.get_field(name).max_length, **kwargs)


class CompanyInputSerializer(serializers.Serializer):
    kvk_number = serializers.CharField(max_length=20, help_text="KvK-nummer, 8 cijfers.")  # spaces allowed
    name = _text(Company, "name", allow_blank=True)
    legal_form = serializers.ChoiceField(choices=Company.LegalForm.choices)
    owner = _organisation_field("Code van de eigenaar; standaard de organisatie van de gebruiker.", required=False)


class CompanyUpdateSerializer(serializers.Serializer):
    """The fields a PATCH may change; a KvK number another company has is a 400 naming `kvk_number`."""

    kvk_number = serializers.CharField(max_length=20, help_text="KvK-nummer, 8 cijfers.")
    name = _text(Company, "name", allow_blank=True)
    legal_form = serializers.ChoiceField(choices=Company.LegalForm.choices)

    def to_internal_value(self, data):
        # the owner and the merge state do not change by a PATCH: a field sent for them is named, not ignored
        if isinstance(data, dict) and (other := sorted(set(data) - set(self.fields))):
            raise serializers.ValidationError({name: ["Dit veld kan hier niet worden gewijzigd."] for name in other})
        return super().to_internal_value(data)


class CompanyMergeInputSerializer(serializers.Serializer):
    duplicates = serializers.ListField(
        child=VisibleCompanyField(), allow_empty=False, help_text="Ids van de bedrijven die hierin opgaan."
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Reden van het samenvoegen; verplicht als de KvK-nummers verschillen.",
    )


class EstablishmentInputSerializer(serializers.Serializer):
    """Establishment data as sent by a client; formats and organisation kinds are checked by the service."""

    company = VisibleCompanyField(help_text="Id van het bedrijf.")
    kvk_vestigingsnummer = serializers.CharField(
        allow_blank=True, max_length=20, help_text="Vestigingsnummer, 12 cijfers."
    )  # room for spaces and dots: the service normalises and checks the 12 digits
    name = _text(Establishment, "name", allow_blank=True)
    bag_nummeraanduiding_id = serializers.CharField(
        required=False, allow_blank=True, max_length=20, help_text="BAG-nummeraanduiding-id, 16 cijfers."
    )
    street = _text(Establishment, "street", allow_blank=True)
    house_number = serializers.IntegerField()
    house_number_suffix = _text(Establishment, "house_number_suffix", required=False, allow_blank=True)
    postcode = serializers.CharField(allow_blank=True, max_length=10, help_text="Postcode, bv. 1234 AB.")
    place = _text(Establishment, "place", allow_blank=True)
    municipality = _organisation_field("CBS-gemeentecode, bv. GM0363.")
    competent_authority = _organisation_field("Code van het bevoegd gezag.")
    supervising_service = _organisation_field("Code van de omgevingsdienst.")
    rd_x = serializers.FloatField(required=False, allow_null=True, help_text="RD x in meter (EPSG:28992).")
    rd_y = serializers.FloatField(required=False, allow_null=True, help_text="RD y in meter (EPSG:28992).")
    ied = serializers.BooleanField(required=False)
    brzo_tier = serializers.ChoiceField(choices=Establishment.BrzoTier.choices, required=False, allow_blank=True)
    is_home_address = serializers.BooleanField(required=False)
    owner = _organisation_field(
        "Code van de eigenaar, alleen bij aanmaken; standaard de organisatie van de gebruiker.", required=False
    )


class ActivityInputSerializer(serializers.Serializer):
    activity_type = serializers.SlugRelatedField(
        slug_field="code", queryset=ActivityType.objects.all(), help_text="Code uit de activiteitencatalogus."
    )
    since = DateField(historic=True, required=False, allow_null=True)


class MergeInputSerializer(serializers.Serializer):
    duplicates = serializers.ListField(
        child=VisibleEstablishmentField(), allow_empty=False, help_text="Ids van de dubbele vestigingen."
    )


class ChangeRecordSerializer(ModelSerializer):
    user = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRecord
        fields = ["id", "at", "action", "user", "changes", "note"]

    def get_user(self, record) -> str | None:
        return str(record.user) if record.user else None


class MandateSerializer(ModelSerializer):
    authority = OrganisationRefSerializer(read_only=True)
    holder = serializers.StringRelatedField()

    class Meta:
        model = Mandate
        fields = ["id", "authority", "holder", "decision_type", "valid_from", "valid_to", "max_amount", "reference"]


# --- hand-over of an establishment ----------------------------------------------------------------------------


class HandOverSerializer(ModelSerializer):
    establishment = serializers.IntegerField(source="establishment_id", read_only=True)
    from_organisation = OrganisationRefSerializer(read_only=True)
    to_organisation = OrganisationRefSerializer(read_only=True)
    proposed_by = serializers.StringRelatedField(allow_null=True)
    accepted_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = HandOver
        fields = [
            "id", "establishment", "field", "from_organisation", "to_organisation", "note", "state", "proposed_by",
            "proposed_at", "accepted_by", "accepted_at",
        ]  # fmt: skip


class HandOverInputSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=HandOver.Field.choices, help_text="Wat wordt overgedragen.")
    to = _organisation_field("Code van de ontvangende omgevingsdienst of het nieuwe bevoegd gezag.")
    note = _text(HandOver, "note", required=False, allow_blank=True)
