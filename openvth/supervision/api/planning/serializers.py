"""Representations and input of supervision planning: risk appraisals, programmes and their visits."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from openvth.core.api import ModelSerializer
from openvth.permits.api.serializers import EstablishmentRefSerializer
from openvth.register.api.serializers import OrganisationRefSerializer

from ...models import PlannedVisit, Programme, RiskAppraisal
from ...selectors import planning as selectors

YEARS = (2000, 2100)  # the years a programme may have (services.planning checks the same)
MAX_CAPACITY_HOURS = 1_000_000  # hours of supervision a year: far beyond any service, within every integer column


class RiskAppraisalSerializer(ModelSerializer):
    table_version_valid_from = serializers.DateField(source="table_version.valid_from", allow_null=True, default=None)

    class Meta:
        model = RiskAppraisal
        fields = [
            "id", "appraised_on", "score", "category", "interval_months", "scores", "reasons", "last_visit",
            "next_due", "due_kind", "due_reason", "table_version_valid_from",
        ]  # fmt: skip


class EstablishmentRiskSerializer(serializers.Serializer):
    establishment = EstablishmentRefSerializer()
    current = RiskAppraisalSerializer(allow_null=True, help_text="De nieuwste beoordeling; null als er geen is.")
    history = RiskAppraisalSerializer(many=True, help_text="Alle beoordelingen, nieuwste eerst.")


class MonthProgressSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    planned = serializers.IntegerField()
    done = serializers.IntegerField(help_text="Bezoeken waarvan de inspectie is afgesloten.")
    hours = serializers.DecimalField(max_digits=10, decimal_places=1)


class AuthorityProgressSerializer(serializers.Serializer):
    authority = serializers.CharField()
    planned = serializers.IntegerField()
    done = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    planned = serializers.IntegerField()
    done = serializers.IntegerField()
    postponed = serializers.IntegerField()
    planned_hours = serializers.DecimalField(max_digits=10, decimal_places=1)
    postponed_hours = serializers.DecimalField(max_digits=10, decimal_places=1)
    capacity_hours = serializers.IntegerField()
    shortfall_hours = serializers.DecimalField(
        max_digits=10, decimal_places=1, help_text="Uren van wettelijk verplichte bezoeken boven de capaciteit."
    )


class ProgrammeSerializer(ModelSerializer):
    service = OrganisationRefSerializer(read_only=True)
    summary = serializers.SerializerMethodField()
    months = serializers.SerializerMethodField()
    authorities = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["id", "service", "year", "capacity_hours", "generated_at", "summary", "months", "authorities"]

    def _reader(self):
        """The figures count the visits of the establishments the reader may open, nothing else."""
        return self.context["request"].user

    @extend_schema_field(SummarySerializer)
    def get_summary(self, programme) -> dict:
        return SummarySerializer(selectors.programme_summary(programme, self._reader())).data

    @extend_schema_field(MonthProgressSerializer(many=True))
    def get_months(self, programme) -> list:
        return MonthProgressSerializer(selectors.progress_by_month(programme, self._reader()), many=True).data

    @extend_schema_field(AuthorityProgressSerializer(many=True))
    def get_authorities(self, programme) -> list:
        return AuthorityProgressSerializer(selectors.progress_by_authority(programme, self._reader()), many=True).data


class VisitSerializer(ModelSerializer):
    establishment = EstablishmentRefSerializer(read_only=True)
    inspector = serializers.StringRelatedField()
    done = serializers.SerializerMethodField()

    class Meta:
        model = PlannedVisit
        fields = [
            "id", "establishment", "month", "planned_on", "kind", "hours", "inspector", "source", "reason",
            "postponed", "inspection", "done",
        ]  # fmt: skip

    def get_done(self, visit) -> bool:
        return visit.inspection_id is not None and visit.inspection.status == "closed"


class GenerateSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEARS[0], max_value=YEARS[1], help_text="Jaar van het programma.")
    capacity_hours = serializers.IntegerField(
        min_value=0,
        max_value=MAX_CAPACITY_HOURS,
        required=False,
        allow_null=True,
        help_text="Uren toezicht; weggelaten: die van het programma.",
    )


class RegenerateSerializer(serializers.Serializer):
    capacity_hours = serializers.IntegerField(
        min_value=0, max_value=MAX_CAPACITY_HOURS, required=False, allow_null=True
    )


class PlanDaysSerializer(serializers.Serializer):
    month = serializers.IntegerField(help_text="Maand (1-12) van het programma die op werkdagen wordt gepland.")


class PlannedDaysSerializer(serializers.Serializer):
    planned = serializers.IntegerField(help_text="Aantal bezoeken dat een dag kreeg.")
