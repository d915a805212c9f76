"""Representations and input of inspections, findings and complaints."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openvth.accounts.models import User
from openvth.core.api import ModelSerializer
from openvth.permits.api.serializers import EstablishmentRefSerializer
from openvth.register.api.serializers import OrganisationRefSerializer, VisibleEstablishmentField
from openvth.supervision.models import Answer, Complaint, Finding, Inspection
from openvth.supervision.selectors import inspections as selectors
from openvth.supervision.services import inspections as services

# a pattern, not an enum, in the schema: a second `kind` enum collides with the organisation's (as in permits)
KIND_SCHEMA = {
    "type": "string",
    "pattern": f"^({'|'.join(Inspection.Kind.values)})$",
    "description": ", ".join(Inspection.Kind.values) + ".",
}


@extend_schema_field(KIND_SCHEMA)
class InspectionKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Inspection.Kind.choices, **kwargs)


# --- representations --------------------------------------------------------------------------------------------


class AnswerSerializer(ModelSerializer):
    item = serializers.IntegerField(source="item_id")
    position = serializers.IntegerField(source="item.position")
    text = serializers.CharField(source="item.text")

    class Meta:
        model = Answer
        fields = ["id", "item", "position", "text", "result", "note"]


class ProvisionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True,
        help_text="Id van de voorschriftversie met dit nummer die gold op de dag van het bezoek (de keuze bij "
        "'provision'); null als die versie niet meer bestaat.",
    )
    number = serializers.CharField()
    text = serializers.CharField()


class FindingSerializer(ModelSerializer):
    """`provision` is the permit provision breached (null for a general rule), as in force on the day of the visit;
    `provision_number` and `provision_text` repeat it (kept for existing clients)."""

    answer = serializers.IntegerField(source="answer_id", allow_null=True)
    provision = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "answer",
            "provision",
            "provision_number",
            "provision_text",
            "general_rule",
            "consequences",
            "brzo_grade",
            "description",
            "created_at",
        ]

    @extend_schema_field(ProvisionRefSerializer(allow_null=True))
    def get_provision(self, finding) -> dict | None:
        if not finding.provision_number:
            return None
        versions = self.context.get("provisions")
        if versions is None:  # one finding on its own (just recorded): look its version up
            versions = selectors.provision_ids(finding.inspection)
        return {
            "id": versions.get(finding.provision_number),
            "number": finding.provision_number,
            "text": finding.provision_text,
        }


class ChecklistItemSerializer(serializers.Serializer):
    """An item of the inspection's checklist with its answer so far (null: not yet answered)."""

    id = serializers.IntegerField(source="item.pk")
    position = serializers.IntegerField(source="item.position")
    text = serializers.CharField(source="item.text")
    rule_hint = serializers.CharField(source="item.rule_hint")
    result = serializers.ChoiceField(
        choices=Answer.Result.choices, allow_null=True, source="answer.result", default=None
    )
    note = serializers.CharField(allow_null=True, source="answer.note", default=None)
    answer = serializers.IntegerField(allow_null=True, source="answer.pk", default=None)


class DeadlineSerializer(serializers.Serializer):
    due = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()


class ReportDeadlinesSerializer(serializers.Serializer):
    sent = DeadlineSerializer(help_text="Rapport naar de drijver binnen 2 maanden na het bezoek (RIE art. 23 lid 6).")
    public = DeadlineSerializer(help_text="Rapport openbaar binnen 4 maanden na het bezoek.")


class InspectionSerializer(ModelSerializer):
    kind = InspectionKindField(read_only=True)
    establishment = EstablishmentRefSerializer(read_only=True)
    owner = OrganisationRefSerializer(read_only=True)
    inspectors = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    checklist = serializers.StringRelatedField()
    report_deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "establishment",
            "owner",
            "kind",
            "announced",
            "inspectors",
            "status",
            "planned_on",
            "performed_on",
            "checklist",
            "summary",
            "closed_at",
            "report_sent_on",
            "report_published_on",
            "report_deadlines",
        ]

    @extend_schema_field(ReportDeadlinesSerializer(allow_null=True))
    def get_report_deadlines(self, inspection) -> dict | None:
        deadlines = selectors.report_deadlines(inspection, today=self.context["today"])
        return ReportDeadlinesSerializer(deadlines).data if deadlines else None


class InspectionDetailSerializer(InspectionSerializer):
    """The detail: every item of the checklist (answered or not), the answers given and the findings, each with
    the provision it breaches."""

    checklist_items = serializers.SerializerMethodField()
    answers = AnswerSerializer(many=True, read_only=True)
    findings = serializers.SerializerMethodField()

    class Meta(InspectionSerializer.Meta):
        fields = [*InspectionSerializer.Meta.fields, "checklist_items", "answers", "findings"]

    @extend_schema_field(ChecklistItemSerializer(many=True))
    def get_checklist_items(self, inspection) -> list:
        return ChecklistItemSerializer(selectors.checklist_rows(inspection), many=True).data

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, inspection) -> list:
        context = self.context | {"provisions": selectors.provision_ids(inspection)}
        return FindingSerializer(inspection.findings.all(), many=True, context=context).data


class ComplaintSerializer(ModelSerializer):
    service = OrganisationRefSerializer(read_only=True)
    establishment = EstablishmentRefSerializer(read_only=True)
    inspection = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "service",
            "received_at",
            "subject",
            "description",
            "location",
            "occurred_at",
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "status",
            "establishment",
            "inspection",
            "closed_reason",
        ]


# --- input ------------------------------------------------------------------------------------------------------


class _Colleagues(serializers.SlugRelatedField):
    # an unknown username is refused in the words (and code) the service uses for one of another organisation
    default_error_messages = {"invalid": services.NOT_A_COLLEAGUE}

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", queryset=User.objects.filter(is_active=True), **kwargs)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            self.fail("invalid", value=str(data))


class InspectionInputSerializer(serializers.Serializer):
    establishment = VisibleEstablishmentField(help_text="Id van de vestiging.")
    kind = InspectionKindField()
    planned_on = serializers.DateField(required=False, allow_null=True)
    announced = serializers.BooleanField(required=False, default=False)
    inspectors = _Colleagues(many=True, required=False, help_text="Gebruikersnamen van de toezichthouders.")


class StartInputSerializer(serializers.Serializer):
    performed_on = serializers.DateField()


class AnswerInputSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="Id van het controlepunt van de checklist van deze inspectie.")
    result = serializers.ChoiceField(choices=Answer.Result.choices)
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)


class FindingInputSerializer(serializers.Serializer):
    answer = serializers.IntegerField(required=False, allow_null=True, help_text="Id van het antwoord 'voldoet niet'.")
    provision = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id van de voorschriftversie die gold op de dag van het bezoek."
    )
    general_rule = serializers.CharField(required=False, allow_blank=True, default="")
    consequences = serializers.IntegerField(required=False, allow_null=True, help_text="LHSO-gevolgen 1-4.")
    brzo_grade = serializers.ChoiceField(choices=Finding.BrzoGrade.choices, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Reden van de correctie (verplicht).")
    summary = serializers.CharField(required=False, allow_blank=True)
    answer = AnswerInputSerializer(required=False)
    finding = serializers.IntegerField(required=False, help_text="Id van de bevinding die wordt gecorrigeerd.")
    finding_values = FindingInputSerializer(required=False)
    remove_finding = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        chosen = [name for name in ("summary", "answer", "finding") if name in data]
        if len(chosen) != 1 and not (chosen == [] and "finding_values" in data):
            raise serializers.ValidationError(
                "Corrigeer één ding: 'summary', 'answer' of 'finding' (met 'finding_values')."
            )
        return data


class ReportInputSerializer(serializers.Serializer):
    sent_on = serializers.DateField(required=False, allow_null=True)
    published_on = serializers.DateField(required=False, allow_null=True)


class TriageInputSerializer(serializers.Serializer):
    establishment = VisibleEstablishmentField(help_text="Id van de vestiging waar de melding over gaat.")
    planned_on = serializers.DateField()


class CloseComplaintInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)
