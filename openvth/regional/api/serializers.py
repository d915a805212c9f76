"""Representations of the regional plan (its goals, adoptions and capacity) and the parser of an adoption. The
services validate."""

from rest_framework import serializers

from openvth.core.api import DateField, ModelSerializer
from openvth.regional.models import Adoption, PlanGoal, RegionalPlan
from openvth.rules.regional_plan import Basis


class GoalSerializer(ModelSerializer):
    class Meta:
        model = PlanGoal
        fields = ["id", "description", "kind", "risk_category", "target", "unit"]


class AdoptionSerializer(ModelSerializer):
    authority = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Adoption
        fields = ["id", "authority", "decided_on", "decision_reference"]


class CapacityLineSerializer(serializers.Serializer):
    process = serializers.CharField()
    needed = serializers.DecimalField(max_digits=12, decimal_places=1)
    basis = serializers.ChoiceField(
        choices=[basis.value for basis in Basis],
        help_text="Waar de benodigde uren vandaan komen: programme (uitvoeringsprogramma), norm_forecast (normuren × "
        "prognose), recorded (geregistreerde uren van vorig jaar), estimate (schatting van het plan) of none.",
    )
    source = serializers.CharField(help_text="De bron in het Nederlands, bijv. 'norm × prognose'.")
    recorded = serializers.DecimalField(
        max_digits=12, decimal_places=1, allow_null=True,
        help_text="De uren die vorig (volledig) jaar op de taken van dit proces zijn geschreven; null zonder uren.",
    )  # fmt: skip
    available = serializers.DecimalField(max_digits=12, decimal_places=1)
    balance = serializers.DecimalField(max_digits=12, decimal_places=1)
    sufficient = serializers.BooleanField()


class PlanSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    goals = GoalSerializer(many=True, read_only=True)
    adoptions = AdoptionSerializer(many=True, read_only=True)
    adopted = serializers.BooleanField(source="is_adopted", read_only=True)

    class Meta:
        model = RegionalPlan
        fields = [
            "id", "service", "year", "programme", "title", "summary", "permit_hours", "enforcement_hours", "status",
            "finalised_on", "adopted_on", "adopted", "goals", "adoptions",
        ]  # fmt: skip


class AdoptionInputSerializer(serializers.Serializer):
    authority = serializers.CharField(max_length=20, help_text="Code van het bestuursorgaan dat vaststelt.")
    decided_on = DateField()
    decision_reference = serializers.CharField(max_length=200)
