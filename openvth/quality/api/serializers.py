"""Representations of visitations (without the peer reviewers: persons), ILT investigations and recommendations,
and the parser of a follow-up. The services validate."""

from rest_framework import serializers

from openvth.core.api import DateField, ModelSerializer
from openvth.quality.models import FollowUpStatus, Investigation, Recommendation, Visitation


class RecommendationSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "visitation", "investigation", "service", "text", "status", "status_on", "note"]


class VisitationSerializer(ModelSerializer):
    service = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Visitation
        fields = ["id", "service", "visited_on", "external_party", "findings"]


class InvestigationSerializer(ModelSerializer):
    inspectorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    services = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Investigation
        fields = ["id", "inspectorate", "kind", "theme", "services", "published_on", "findings"]


class FollowUpInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    status_on = DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
