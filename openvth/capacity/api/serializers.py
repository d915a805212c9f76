"""Representations of staff, competences, certificates, criteria versions and SPUK grants, the parsers of their
input, and the national aggregates (no person in them). The services validate."""

from rest_framework import serializers

from openvth.capacity.models import (
    EDUCATIONS,
    PURPOSES,
    TASK_AREAS,
    Certificate,
    Competence,
    Grant,
    GrantQuarter,
    QualityCriteriaVersion,
    StaffMember,
)
from openvth.core.api import DateField, ModelSerializer


class StaffMemberSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StaffMember
        fields = ["id", "service", "name", "user", "roles", "hours_per_year", "active_from", "active_to"]


class CertificateSerializer(ModelSerializer):
    class Meta:
        model = Certificate
        fields = ["id", "competence", "name", "issued_on", "expires_on"]


class CompetenceSerializer(ModelSerializer):
    certificates = CertificateSerializer(many=True, read_only=True)

    class Meta:
        model = Competence
        fields = [
            "id", "staff", "task_area", "education", "training", "experience_years", "hours_per_year", "valid_from",
            "valid_to", "certificates",
        ]  # fmt: skip


class StaffInputSerializer(serializers.Serializer):
    service = serializers.CharField(max_length=20, required=False, help_text="Code van de dienst; standaard de eigen.")
    name = serializers.CharField(max_length=200)
    account = serializers.IntegerField(required=False, allow_null=True, min_value=1, help_text="Id van de gebruiker.")
    roles = serializers.ListField(child=serializers.CharField(max_length=30), required=False)
    hours_per_year = serializers.IntegerField(min_value=0, max_value=2000)
    active_from = DateField(historic=True)
    active_to = DateField(historic=True, required=False, allow_null=True)


class StaffUpdateSerializer(StaffInputSerializer):
    service = None
    name = serializers.CharField(max_length=200, required=False)
    hours_per_year = serializers.IntegerField(min_value=0, max_value=2000, required=False)
    active_from = DateField(historic=True, required=False)


class CompetenceInputSerializer(serializers.Serializer):
    staff = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    task_area = serializers.ChoiceField(choices=TASK_AREAS)
    education = serializers.ChoiceField(choices=EDUCATIONS)
    training = serializers.CharField(max_length=300, required=False, allow_blank=True)
    experience_years = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=60)
    hours_per_year = serializers.IntegerField(min_value=0, max_value=2000)
    valid_from = DateField(historic=True)
    valid_to = DateField(historic=True, required=False, allow_null=True)


class CompetenceUpdateSerializer(serializers.Serializer):
    education = serializers.ChoiceField(choices=EDUCATIONS, required=False)
    training = serializers.CharField(max_length=300, required=False, allow_blank=True)
    experience_years = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, max_value=60, required=False
    )
    hours_per_year = serializers.IntegerField(min_value=0, max_value=2000, required=False)
    valid_to = DateField(historic=True, required=False, allow_null=True)


class CertificateInputSerializer(serializers.Serializer):
    competence = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    name = serializers.CharField(max_length=200)
    issued_on = DateField(historic=True)
    expires_on = DateField(historic=True, required=False, allow_null=True)


class CriteriaVersionSerializer(ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    national = serializers.BooleanField(source="is_national", read_only=True)

    class Meta:
        model = QualityCriteriaVersion
        fields = ["id", "organisation", "national", "valid_from", "criteria", "note", "created_at"]


class CriteriaInputSerializer(serializers.Serializer):
    valid_from = DateField()
    criteria = serializers.DictField(
        child=serializers.DictField(),
        help_text="Taakveld -> criteria (min_qualified, education, experience_years, proficiency_hours, "
        "certificate_required). Het ministerie geeft alle taakvelden, een dienst alleen haar strengere waarden.",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class GrantSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    spent = serializers.DecimalField(source="spent_total", max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Grant
        fields = ["id", "service", "year", "purpose", "amount", "reference", "description", "spent"]


class GrantInputSerializer(serializers.Serializer):
    service = serializers.CharField(max_length=20, required=False, help_text="Code van de dienst; standaard de eigen.")
    year = serializers.IntegerField(min_value=2020, max_value=2100)
    purpose = serializers.ChoiceField(choices=PURPOSES)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class GrantQuarterSerializer(ModelSerializer):
    class Meta:
        model = GrantQuarter
        fields = ["id", "grant", "year", "quarter", "spent", "results"]


class GrantQuarterInputSerializer(serializers.Serializer):
    grant = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    year = serializers.IntegerField(min_value=2020, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    results = serializers.CharField(max_length=5000, required=False, allow_blank=True)


# --- assessments and national aggregates (no person) -----------------------------------------------------------------


class CriteriaSerializer(serializers.Serializer):
    min_qualified = serializers.IntegerField()
    education = serializers.CharField()
    experience_years = serializers.IntegerField()
    proficiency_hours = serializers.IntegerField()
    certificate_required = serializers.BooleanField()


class AreaAssessmentSerializer(serializers.Serializer):
    task_area = serializers.CharField(source="code")
    label = serializers.CharField()
    criteria = CriteriaSerializer()
    met = serializers.BooleanField(source="assessment.met")
    qualified = serializers.IntegerField(source="assessment.qualified")
    required = serializers.IntegerField(source="assessment.required")
    failing = serializers.DictField(source="assessment.failing", child=serializers.IntegerField())
    since = serializers.DateField(source="assessment.since", allow_null=True)


class ServiceAssessmentSerializer(serializers.Serializer):
    service = serializers.CharField(source="service.code")
    name = serializers.CharField(source="service.name")
    met = serializers.IntegerField(help_text="Taakvelden die aan de criteria voldoen.")
    task_areas = AreaAssessmentSerializer(source="cells", many=True)


class AuthorityMandateSerializer(serializers.Serializer):
    authority = serializers.CharField(source="authority.code")
    name = serializers.CharField(source="authority.name")
    powers = serializers.DictField(child=serializers.BooleanField())
    scope = serializers.CharField()
    holders = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ServiceMandatesSerializer(serializers.Serializer):
    service = serializers.CharField(source="service.code")
    name = serializers.CharField(source="service.name")
    authorities = serializers.IntegerField()
    per_power = serializers.DictField(child=serializers.IntegerField())
    full = serializers.IntegerField()
    partial = serializers.IntegerField()
    scope = serializers.CharField()


class SpukRowSerializer(serializers.Serializer):
    service = serializers.CharField(source="service.code")
    name = serializers.CharField(source="service.name")
    granted = serializers.DictField(child=serializers.DecimalField(max_digits=12, decimal_places=2))
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    spent = serializers.DecimalField(max_digits=12, decimal_places=2)


class SpukQuarterSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)

    def to_representation(self, instance):
        year, quarter, spent = instance
        return super().to_representation({"year": year, "quarter": quarter, "spent": spent})


class SpukNationalSerializer(serializers.Serializer):
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    source = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Toegekend, alle diensten.")
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=14, decimal_places=2)
    services = SpukRowSerializer(source="rows", many=True)
    per_quarter = SpukQuarterSerializer(many=True)
