"""Representations of enforcement cases and LHSO decisions, and parsers of API input. The services validate."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openvth.core.api import ModelSerializer
from openvth.enforcement.models import CaseTransition, Deadline, EnforcementCase, Letter, LhsoDecision, Sanction
from openvth.permits.api.serializers import EstablishmentRefSerializer
from openvth.register.api.serializers import OrganisationRefSerializer
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules import lhso
from openvth.supervision.models import Finding

ALL_EVENTS = sorted(events.EVENTS)


def _used_by(name: str) -> str:
    """The help text of an input: the events whose specification takes it."""
    return "Bij: " + ", ".join(event for event, spec in events.EVENTS.items() if name in spec.inputs) + "."


class TransitionSerializer(ModelSerializer):
    by = serializers.StringRelatedField()

    class Meta:
        model = CaseTransition
        fields = ["event", "from_state", "to_state", "on", "at", "by", "note", "reinspection", "inspection"]


class CaseDeadlineSerializer(ModelSerializer):
    class Meta:
        model = Deadline
        fields = [
            "code",
            "name",
            "event",
            "started_on",
            "due_on",
            "source",
            "statutory",
            "extended_by_days",
            "passive",
            "done_on",
        ]
        read_only_fields = fields  # computed by the rules; read-only keeps the schema free of backend-specific bounds


class SanctionSerializer(ModelSerializer):
    class Meta:
        model = Sanction
        fields = [
            "kind",
            "imposed_on",
            "term_amount",
            "term_unit",
            "term_end",
            "amount",
            "basis",
            "maximum",
            "measures",
            "cost_recovery",
            "costs",
            "forfeited_on",
            "forfeited_amount",
            "reference",
        ]


class LetterSerializer(ModelSerializer):
    signed_by = serializers.StringRelatedField()

    class Meta:
        model = Letter
        fields = ["id", "reference", "kind", "intended", "decided_on", "signed_by", "mandate_type"]


class EnforcementCaseSerializer(ModelSerializer):
    establishment = EstablishmentRefSerializer(read_only=True)
    competent_authority = OrganisationRefSerializer(read_only=True)
    owner = OrganisationRefSerializer(read_only=True)
    state_label = serializers.SerializerMethodField()
    findings = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = EnforcementCase
        fields = [
            "id",
            "reference",
            "route",
            "state",
            "state_label",
            "establishment",
            "competent_authority",
            "owner",
            "violation_type",
            "findings",
            "opened_on",
            "closed_on",
            "close_reason",
            "parent",
            "also_crime",
            "om_submitted_on",
            "om_answer",
            "reported_on",
            "boete_maximum",
        ]

    def get_state_label(self, case) -> str:
        return rules.STATE_LABELS.get(case.state, case.state)


class EnforcementCaseDetailSerializer(EnforcementCaseSerializer):
    allowed_events = serializers.SerializerMethodField()
    transitions = TransitionSerializer(many=True, read_only=True)
    deadlines = CaseDeadlineSerializer(many=True, read_only=True)
    sanctions = SanctionSerializer(many=True, read_only=True)
    letters = LetterSerializer(many=True, read_only=True)

    class Meta(EnforcementCaseSerializer.Meta):
        fields = [
            *EnforcementCaseSerializer.Meta.fields,
            "allowed_events",
            "transitions",
            "deadlines",
            "sanctions",
            "letters",
        ]

    def get_allowed_events(self, case) -> list[str]:
        return [] if case.state == rules.CLOSED else list(rules.allowed_events(case.route, case.state))


@extend_schema_field(OpenApiTypes.INT)
class VisibleFindingField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Finding.objects.visible_to(self.context["request"].user).select_related("inspection__establishment")


class CaseInputSerializer(serializers.Serializer):
    findings = serializers.ListField(
        child=VisibleFindingField(), allow_empty=False, help_text="Ids van de bevindingen."
    )
    route = serializers.ChoiceField(choices=[r for r in rules.ROUTES if r != "bezwaar"])
    violation_type = serializers.CharField(required=False, allow_blank=True, help_text="Code uit het beleid.")
    also_crime = serializers.BooleanField(required=False, default=False)
    on = serializers.DateField(required=False, help_text="Standaard vandaag.")
    note = serializers.CharField(required=False, allow_blank=True)


class TransitionInputSerializer(serializers.Serializer):
    """One step; besides event, date and note only the input the event's specification takes (the rest comes from
    local policy). Each field's help text names the events that take it."""

    event = serializers.ChoiceField(choices=ALL_EVENTS)
    on = serializers.DateField(required=False, help_text="Standaard vandaag.")
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Verplicht bij: " + ", ".join(e for e, spec in events.EVENTS.items() if spec.reason_required) + ".",
    )
    term_amount = serializers.IntegerField(required=False, min_value=1, help_text=_used_by("term_amount"))
    term_unit = serializers.ChoiceField(choices=["days", "weeks", "months"], required=False)
    intended = serializers.ChoiceField(
        choices=["last_onder_dwangsom", "last_onder_bestuursdwang"], required=False, help_text=_used_by("intended")
    )
    inspection = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_used_by("inspection") + " De afgesloten hercontrole die de voortdurende overtreding vastlegt; "
        "standaard de hercontrole die de zaak inplande.",
    )
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, help_text=_used_by("amount"))
    basis = serializers.ChoiceField(choices=list(rules.DWANGSOM_KINDS), required=False)
    maximum = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    measures = serializers.CharField(required=False, help_text=_used_by("measures"))
    cost_recovery = serializers.BooleanField(required=False)
    units = serializers.IntegerField(required=False, min_value=1, help_text=_used_by("units"))
    costs = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    scope = serializers.CharField(required=False, help_text=_used_by("scope"))
    valid_from = serializers.DateField(required=False)
    valid_to = serializers.DateField(required=False)
    legalisation_prospect = serializers.CharField(required=False)
    boete_maximum = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, help_text=_used_by("boete_maximum")
    )
    adjourned = serializers.BooleanField(required=False)
    deviation_reason = serializers.CharField(required=False, allow_blank=True, help_text=_used_by("deviation_reason"))
    to_blame = serializers.BooleanField(required=False)
    hearing_started = serializers.BooleanField(required=False)
    reference = serializers.CharField(required=False, allow_blank=True)
    outcome = serializers.ChoiceField(choices=["inadmissible", "unfounded", "founded", "withdrawn"], required=False)
    weeks = serializers.IntegerField(required=False, min_value=1, help_text=_used_by("weeks"))
    consent = serializers.BooleanField(required=False, help_text=_used_by("consent"))


class ObjectionInputSerializer(serializers.Serializer):
    letter = serializers.IntegerField(help_text="Id van het besluit.")
    received_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)
    committee = serializers.BooleanField(required=False, default=False, help_text="Advies van een bezwaarcommissie.")
    excusable = serializers.BooleanField(
        required=False, default=False, help_text="Te laat maar verschoonbaar (art. 6:11 Awb)."
    )
    excuse = serializers.CharField(required=False, allow_blank=True, default="")


class LhsoDecisionSerializer(ModelSerializer):
    decided_by = serializers.StringRelatedField()
    deviates = serializers.BooleanField(read_only=True)

    class Meta:
        model = LhsoDecision
        fields = [
            "id",
            "finding",
            "cell",
            "consequences",
            "behaviour",
            "aspects",
            "mitigating",
            "consultation_indicated",
            "consultation_partner",
            "consultation_held_on",
            "consultation_outcome",
            "advised_interventions",
            "chosen_interventions",
            "deviates",
            "deviation_reason",
            "table_version",
            "decided_by",
            "decided_at",
        ]


class LhsoInputSerializer(serializers.Serializer):
    behaviour = serializers.ChoiceField(choices=list(lhso.BEHAVIOURS))
    consequences = serializers.IntegerField(
        required=False, min_value=1, max_value=4, help_text="Standaard die van de bevinding."
    )
    aspects = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    mitigating = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    chosen = serializers.ListField(child=serializers.ChoiceField(choices=list(lhso.INTERVENTIONS)), allow_empty=False)
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    consultation_partner = serializers.ChoiceField(choices=["", "police", "om", "both"], required=False, default="")
    consultation_held_on = serializers.DateField(required=False, allow_null=True, default=None)
    consultation_outcome = serializers.CharField(required=False, allow_blank=True, default="")
