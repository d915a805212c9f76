"""The verzoeknotificatie as openvth's API takes it, and the intake record it answers with."""

from rest_framework import serializers

from openvth.core.api import ModelSerializer

from ..models import IntakeRequest, RequestType


class VerzoeknotificatieSerializer(serializers.Serializer):
    """What the Omgevingsloket (or its digikoppelaar) tells: a request is ready to be fetched."""

    verzoeknummer = serializers.RegexField(
        r"^[A-Za-z0-9._-]{1,50}$",
        help_text="Het verzoeknummer van het DSO.",
        error_messages={"invalid": "Een verzoeknummer bestaat uit 1 tot 50 letters, cijfers, '.', '_' of '-'."},
    )
    volgnummer = serializers.IntegerField(min_value=1, max_value=9999, required=False, default=1)
    oin = serializers.RegexField(
        r"^\d{20}$",
        required=False,
        allow_blank=True,
        help_text="Het OIN van de ontvanger (bevoegd gezag of uitvoerende instantie).",
        error_messages={"invalid": "Een OIN bestaat uit 20 cijfers."},
    )
    type = serializers.CharField(max_length=100, required=False, allow_blank=True)
    tijdstip = serializers.DateTimeField(required=False)


class IntakeRequestSerializer(ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    request_type = serializers.ChoiceField(
        choices=RequestType.choices,
        allow_blank=True,
        read_only=True,
        help_text="Leeg zolang het verzoek niet is opgehaald en gelezen.",
    )

    class Meta:
        model = IntakeRequest
        fields = [
            "id",
            "verzoeknummer",
            "volgnummer",
            "status",
            "status_display",
            "reason",
            "request_type",
            "received_on",
            "application",
            "notified_at",
        ]
        read_only_fields = fields
