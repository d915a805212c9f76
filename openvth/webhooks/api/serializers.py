"""Subscriptions and their deliveries as the API shows them; the secret only in the answer that made it."""

from rest_framework import serializers

from openvth.core.api import ModelSerializer
from openvth.sharing.models import RecordKind

from ..models import Delivery, Subscription


class SubscriptionSerializer(ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=RecordKind.choices), read_only=True)

    class Meta:
        model = Subscription
        fields = ["id", "organisation", "name", "target_url", "kinds", "secret_hint", "active", "created_at",
                  "deactivated_at"]  # fmt: skip
        read_only_fields = fields


class CreatedSubscriptionSerializer(SubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="Het geheim om de handtekening (Webhook-Signature) te controleren: alleen nu getoond."
    )

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class SubscriptionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    target_url = serializers.CharField(max_length=500, help_text="Een https-adres (http alleen localhost in DEBUG).")
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=RecordKind.choices), allow_empty=False)


class ReplayInputSerializer(serializers.Serializer):
    since = serializers.DateTimeField(help_text="ISO 8601; alle berichten vanaf dit tijdstip opnieuw.")


class ReplaySerializer(serializers.Serializer):
    deliveries = serializers.IntegerField(help_text="Het aantal berichten dat opnieuw wordt verstuurd.")


class DeliverySerializer(ModelSerializer):
    event_id = serializers.UUIDField(source="event.uuid", read_only=True)
    type = serializers.CharField(source="event.type", read_only=True)
    subject = serializers.CharField(source="event.subject", read_only=True)
    time = serializers.DateTimeField(source="event.time", read_only=True)
    dataref = serializers.CharField(source="event.dataref", read_only=True)

    class Meta:
        model = Delivery
        fields = ["id", "event_id", "type", "subject", "time", "dataref", "status", "attempts", "response_code",
                  "last_error", "next_attempt_at", "created_at", "delivered_at", "replay"]  # fmt: skip
        read_only_fields = fields
