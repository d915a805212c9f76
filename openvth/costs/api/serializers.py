"""Representations of hours, rates, budgets and norm versions, the parsers of their input, and the cost figures
(sums: no person in them). The services validate."""

from rest_framework import serializers

from openvth.capacity.models import TASK_AREAS
from openvth.core.api import DateField, ModelSerializer
from openvth.costs.models import PACKAGES, Budget, HourEntry, HourlyRate, NormHoursVersion

MONEY = {"max_digits": 14, "decimal_places": 2}


class HourEntrySerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    authority = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = HourEntry
        fields = [
            "id", "service", "staff", "worker", "day", "hours", "authority", "package", "task_area", "product",
            "inspection", "application", "case", "note",
        ]  # fmt: skip


class HourEntryInputSerializer(serializers.Serializer):
    day = DateField()
    hours = serializers.DecimalField(max_digits=4, decimal_places=2)
    inspection = serializers.IntegerField(required=False, min_value=1, help_text="Id van de inspectie.")
    application = serializers.IntegerField(required=False, min_value=1, help_text="Id van de aanvraag.")
    case = serializers.IntegerField(required=False, min_value=1, help_text="Id van de handhavingszaak.")
    task_area = serializers.ChoiceField(choices=TASK_AREAS, required=False, help_text="Voor uren zonder taak.")
    authority = serializers.CharField(max_length=20, required=False, help_text="Code van de opdrachtgever.")
    package = serializers.ChoiceField(choices=PACKAGES, required=False)
    staff = serializers.IntegerField(required=False, min_value=1, help_text="Id van de medewerker (standaard uzelf).")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class HourlyRateSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = HourlyRate
        fields = ["id", "service", "year", "rate", "note"]


class HourlyRateInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    rate = serializers.DecimalField(max_digits=8, decimal_places=2)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class BudgetSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    authority = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Budget
        fields = ["id", "service", "authority", "year", "package", "hours", "amount", "reference"]


class BudgetInputSerializer(serializers.Serializer):
    authority = serializers.CharField(max_length=20, help_text="Code van de opdrachtgever.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    package = serializers.ChoiceField(choices=PACKAGES)
    hours = serializers.DecimalField(max_digits=9, decimal_places=1)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True)


class NormHoursVersionSerializer(ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = NormHoursVersion
        fields = ["id", "organisation", "valid_from", "hours", "note"]


class NormHoursInputSerializer(serializers.Serializer):
    valid_from = DateField()
    hours = serializers.DictField(child=serializers.CharField(max_length=20), help_text="product -> normuren")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ComparisonSerializer(serializers.Serializer):
    products = serializers.IntegerField()
    norm_hours = serializers.DecimalField(max_digits=14, decimal_places=1)
    realised_hours = serializers.DecimalField(max_digits=14, decimal_places=2)
    norm_cost = serializers.DecimalField(**MONEY)
    realised_cost = serializers.DecimalField(**MONEY)
    difference = serializers.DecimalField(**MONEY)


class CostRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    comparison = ComparisonSerializer()


class BudgetQuarterSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    budget = serializers.DecimalField(**MONEY)
    hours = serializers.DecimalField(max_digits=14, decimal_places=2)
    cost = serializers.DecimalField(**MONEY)


class AuthorityBudgetSerializer(serializers.Serializer):
    authority = serializers.CharField(source="authority.code")
    package = serializers.CharField()
    budget_hours = serializers.DecimalField(max_digits=14, decimal_places=1)
    budget_amount = serializers.DecimalField(**MONEY)
    cost = serializers.DecimalField(**MONEY)
    quarters = BudgetQuarterSerializer(many=True)


class CostsSerializer(serializers.Serializer):
    service = serializers.CharField()
    year = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    error = serializers.CharField(help_text="Waarom er geen bedragen zijn (geen uurtarief voor het jaar).")
    per_product = CostRowSerializer(many=True)
    per_area = CostRowSerializer(many=True)
    budgets = AuthorityBudgetSerializer(many=True)


class ServiceTotalSerializer(serializers.Serializer):
    service = serializers.CharField(source="service.code")
    name = serializers.CharField(source="service.name")
    hours = serializers.DecimalField(max_digits=14, decimal_places=2)
    cost = serializers.DecimalField(**MONEY, allow_null=True)
    budget = serializers.DecimalField(**MONEY)
