"""Read-only shapes of the analysis endpoints: forecasts, capacity and uniformity figures (aggregates, no person)."""

from rest_framework import serializers

from openvth.analysis.models import Initiative
from openvth.core.api import ModelSerializer
from openvth.rules import forecast


class InitiativeSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)
    competent_authority = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id", "service", "competent_authority", "title", "theme", "activity_group", "procedure", "expected_year",
            "expected_count", "note",
        ]  # fmt: skip
        read_only_fields = fields


class OutlookQuarterSerializer(serializers.Serializer):
    quarter = serializers.SerializerMethodField()
    expected = serializers.FloatField(help_text="Verwacht aantal aanvragen, inclusief initiatieven.")
    pipeline = serializers.FloatField(help_text="Waarvan uit aangekondigde initiatieven.")
    low80 = serializers.FloatField()
    high80 = serializers.FloatField()
    low95 = serializers.FloatField()
    high95 = serializers.FloatField()
    borrowed_band = serializers.BooleanField(help_text="Band overgenomen van een kortere horizon, verbreed met √h.")

    def get_quarter(self, row) -> str:
        return forecast.quarter_label(row["quarter"])


class OutlookYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarters = serializers.IntegerField()
    expected = serializers.FloatField(source="mean")
    low80 = serializers.FloatField(source="low", help_text="De 80 %-banden van de kwartalen opgeteld.")
    high80 = serializers.FloatField(source="high")
    pipeline = serializers.FloatField()


class OutlookLineSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    observed = serializers.ListField(child=serializers.FloatField(), help_text="Aanvragen per kwartaal, oudste eerst.")
    years = serializers.SerializerMethodField()

    def get_years(self, line) -> list[dict]:
        return OutlookYearSerializer(line.years(), many=True).data


class BacktestHorizonSerializer(serializers.Serializer):
    h = serializers.IntegerField(help_text="Kwartalen vooruit.")
    forecasts = serializers.IntegerField()
    mae = serializers.FloatField()
    mase = serializers.FloatField(allow_null=True)
    coverage80 = serializers.SerializerMethodField()

    def get_coverage80(self, row) -> float | None:
        return row.coverage.get(0.8)


class OutlookCapacitySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    needed = serializers.FloatField(help_text="Uren vergunningverlening nodig.")
    needed_low = serializers.FloatField()
    needed_high = serializers.FloatField()
    available = serializers.FloatField(help_text="Uren vergunningverlening beschikbaar per jaar.")


class OutlookServiceSerializer(serializers.Serializer):
    service = serializers.CharField(help_text="Code van de omgevingsdienst.")
    name = serializers.CharField()
    expected_next_year = serializers.FloatField()
    needed_hours = serializers.FloatField()
    available_hours = serializers.FloatField()
    available_source = serializers.CharField()


class OutlookSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text="Code van de omgevingsdienst, of NL voor Nederland.")
    label = serializers.CharField()
    history_first = serializers.CharField()
    history_last = serializers.CharField()
    quarters = OutlookQuarterSerializer(many=True)
    total = OutlookLineSerializer()
    groups = OutlookLineSerializer(many=True)
    backtest = BacktestHorizonSerializer(many=True)
    hours_per_application = serializers.FloatField()
    hours_source = serializers.CharField()
    available_source = serializers.CharField(help_text="competences, staff roles of users")
    capacity = OutlookCapacitySerializer(many=True)
    services = OutlookServiceSerializer(many=True, help_text="Alleen voor Nederland: per omgevingsdienst.")


class UniformityCellSerializer(serializers.Serializer):
    cell = serializers.CharField()
    decisions = serializers.IntegerField()
    modal = serializers.CharField(help_text="Meest gekozen eerste interventie.")
    share = serializers.FloatField()
    national_modal = serializers.CharField(allow_null=True)
    days_to_intervention_median = serializers.FloatField(allow_null=True)
    days_to_intervention_p90 = serializers.FloatField(allow_null=True)
    days_to_compliance_median = serializers.FloatField(allow_null=True)
    days_to_compliance_p90 = serializers.FloatField(allow_null=True)


class DeviationReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
    count = serializers.IntegerField()


class UniformityRecidivismSerializer(serializers.Serializer):
    intervention = serializers.CharField()
    months = serializers.IntegerField()
    eligible = serializers.IntegerField()
    recidive = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class UniformityFiguresSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text="Code van de omgevingsdienst, of NL voor Nederland.")
    label = serializers.CharField()
    decisions = serializers.IntegerField()
    same_within = serializers.FloatField(allow_null=True, help_text="Aandeel met de meest gekozen eerste interventie.")
    same_as_national = serializers.FloatField(allow_null=True)
    deviations = serializers.IntegerField()
    days_to_intervention_median = serializers.FloatField(allow_null=True)
    days_to_compliance_median = serializers.FloatField(allow_null=True)
    cells = UniformityCellSerializer(many=True)
    reasons = DeviationReasonSerializer(many=True)
    recidivism = UniformityRecidivismSerializer(many=True)


class UniformitySerializer(serializers.Serializer):
    figures = UniformityFiguresSerializer(allow_null=True)
    comparison = UniformityFiguresSerializer(many=True, help_text="Nederland en de diensten die de gebruiker mag zien.")
