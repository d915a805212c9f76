"""Representations of the IBP VTH reports and actions, and the parser of a status change. The services validate."""

from rest_framework import serializers

from openvth.core.api import ModelSerializer
from openvth.monitoring.models import ProgrammeAction, ProgrammeReport
from openvth.monitoring.selectors import ACTION_FIELDS


class ProgrammeReportSerializer(ModelSerializer):
    class Meta:
        model = ProgrammeReport
        fields = ["id", "title", "period", "source_name", "digest", "imported_at"]


class ProgrammeActionSerializer(ModelSerializer):
    class Meta:
        model = ProgrammeAction
        fields = ["id", "report", *ACTION_FIELDS]


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ProgrammeAction.Status.choices)
    reason = serializers.CharField(max_length=2000, help_text="Waarom de status wijzigt; komt in de historie.")
