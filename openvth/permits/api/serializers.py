"""Representations of applications, decisions and the permit, and parsers of API input. The services validate."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openvth.core import clock
from openvth.core.api import ModelSerializer
from openvth.permits import selectors
from openvth.permits.models import Application, Decision, ProvisionChange, ProvisionVersion, Suspension
from openvth.register.api.serializers import OrganisationRefSerializer, VisibleEstablishmentField
from openvth.register.models import ActivityType, Establishment, Organisation


class EstablishmentRefSerializer(ModelSerializer):
    class Meta:
        model = Establishment
        fields = ["id", "kvk_vestigingsnummer", "name"]


class TermStatusSerializer(serializers.Serializer):
    deadline = serializers.DateField(help_text="Laatste dag van de beslistermijn (na verdaging, opschorting en Atw).")
    suspended_days = serializers.IntegerField()
    extended = serializers.BooleanField()
    days_left = serializers.IntegerField(help_text="Negatief als de termijn verstreken is.")
    late = serializers.BooleanField()
    penalty_days = serializers.IntegerField(help_text="Dagen dwangsom (Awb 4:17), ten hoogste 42.")
    penalty_amount = serializers.DecimalField(max_digits=10, decimal_places=2)


class SuspensionSerializer(ModelSerializer):
    class Meta:
        model = Suspension
        fields = ["requested_on", "supplemented_on"]


class DecisionRefSerializer(ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "reference"]


class ApplicationSerializer(ModelSerializer):
    establishment = EstablishmentRefSerializer(read_only=True)
    competent_authority = OrganisationRefSerializer(read_only=True)
    owner = OrganisationRefSerializer(read_only=True)
    decision = DecisionRefSerializer(read_only=True)
    suspensions = SuspensionSerializer(many=True, read_only=True)
    term = serializers.SerializerMethodField()
    activity_types = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Codes van de activiteitsoorten van de aanvraag."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "reference",
            "subject",
            "establishment",
            "competent_authority",
            "owner",
            "received_on",
            "procedure",
            "activity_types",
            "applicant_name",
            "applicant_kvk_number",
            "applicant_is_natural_person",
            "applicant_email",
            "applicant_phone",
            "status",
            "extended_on",
            "default_notice_on",
            "suspensions",
            "decided_on",
            "decision",
            "term",
        ]

    @extend_schema_field(TermStatusSerializer)
    def get_term(self, application) -> dict:
        term = selectors.application_term(application, today=clock.today(), rates=self.context.get("rates"))
        return TermStatusSerializer(term).data


class ApplicationInputSerializer(serializers.Serializer):
    establishment = VisibleEstablishmentField(help_text="Id van de vestiging.")
    competent_authority = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.all(), help_text="Code van het bevoegd gezag."
    )
    reference = serializers.CharField(allow_blank=True, max_length=50)
    subject = serializers.CharField(allow_blank=True, max_length=300)
    received_on = serializers.DateField()
    procedure = serializers.ChoiceField(choices=Application.Procedure.choices)
    activity_types = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ActivityType.objects.all(),
        many=True,
        required=False,
        help_text="Codes uit de activiteitencatalogus.",
    )
    # the applicant; the service checks the KvK number, e-mail address and telephone number
    applicant_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    applicant_kvk_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    applicant_is_natural_person = serializers.BooleanField(required=False, default=False)
    applicant_email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    applicant_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)


class RequestSupplementSerializer(serializers.Serializer):
    requested_on = serializers.DateField()


class SupplementedSerializer(serializers.Serializer):
    supplemented_on = serializers.DateField()


class ExtendSerializer(serializers.Serializer):
    extended_on = serializers.DateField()


class DefaultNoticeSerializer(serializers.Serializer):
    received_on = serializers.DateField(help_text="Dag waarop de ingebrekestelling is ontvangen.")


class WithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField()


KIND_SCHEMA = {"type": "string", "pattern": "^(grant|amend|revoke)$", "description": "grant, amend of revoke."}


@extend_schema_field(KIND_SCHEMA)
class DecisionKindField(serializers.ChoiceField):
    """A pattern, not an enum, in the schema: every enum becomes a component named after its field, and a second
    `kind` enum would collide with the organisation's (ENUM_NAME_OVERRIDES in settings would be the other way)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Decision.Kind.choices, **kwargs)


class ProvisionChangeSerializer(ModelSerializer):
    class Meta:
        model = ProvisionChange
        fields = ["op", "number", "text"]


class DecisionSerializer(ModelSerializer):
    establishment = EstablishmentRefSerializer(read_only=True)
    kind = DecisionKindField(read_only=True)
    changes = ProvisionChangeSerializer(many=True, read_only=True)
    signed_by = serializers.StringRelatedField(
        allow_null=True,
        help_text="Wie het besluit onder mandaat nam; null bij een besluit overgenomen uit een eerder systeem.",
    )

    class Meta:
        model = Decision
        fields = ["id", "reference", "kind", "decided_on", "effective_from", "signed_by", "establishment", "changes"]


class ChangeInputSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=ProvisionChange.Op.choices)
    number = serializers.CharField(max_length=30)
    text = serializers.CharField(allow_blank=True, required=False, default="")


@extend_schema_field({"type": "integer"})
class VisibleApplicationField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return selectors.applications(self.context["request"].user)


class DecisionInputSerializer(serializers.Serializer):
    establishment = VisibleEstablishmentField(help_text="Id van de vestiging.")
    reference = serializers.CharField(max_length=100)
    kind = DecisionKindField()
    decided_on = serializers.DateField()
    effective_from = serializers.DateField()
    changes = ChangeInputSerializer(many=True, required=False, default=list)
    application = VisibleApplicationField(required=False, allow_null=True, help_text="Id van de aanvraag.")


class ProvisionSerializer(ModelSerializer):
    source_decision = DecisionRefSerializer(read_only=True)
    ended_by = DecisionRefSerializer(read_only=True)

    class Meta:
        model = ProvisionVersion
        fields = ["number", "text", "source_decision", "valid_from", "valid_until", "ended_by"]


class PermitSerializer(serializers.Serializer):
    establishment = EstablishmentRefSerializer()
    on = serializers.DateField()
    provisions = ProvisionSerializer(many=True)


class DiffItemSerializer(serializers.Serializer):
    number = serializers.CharField()
    old_text = serializers.CharField(allow_null=True)
    new_text = serializers.CharField(allow_null=True)
    decisions = DecisionRefSerializer(many=True)


class PermitDiffSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    added = DiffItemSerializer(many=True)
    replaced = DiffItemSerializer(many=True)
    revoked = DiffItemSerializer(many=True)


class LeadTimeSerializer(serializers.Serializer):
    competent_authority = OrganisationRefSerializer()
    procedure = serializers.CharField()
    decided = serializers.IntegerField()
    median_days = serializers.FloatField()
    in_time_share = serializers.FloatField(help_text="Aandeel binnen de termijn besloten, 0 tot 1.")
