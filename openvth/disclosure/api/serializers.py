"""Representations of disclosure: the Woo publication flow for staff, and the public records of the public API
(their fields those of `disclosure.public`, the same as the open data)."""

from rest_framework import serializers

from openvth.core.api import ModelSerializer
from openvth.disclosure import public, selectors
from openvth.disclosure.models import Publication, RedactionDecision
from openvth.register.api.serializers import OrganisationRefSerializer


class RedactionDecisionSerializer(ModelSerializer):
    text = serializers.SerializerMethodField(help_text="De passage in de brontekst.")

    class Meta:
        model = RedactionDecision
        fields = ["id", "start", "end", "text", "label", "proposed", "decision", "woo_ground", "note"]

    def get_text(self, decision: RedactionDecision) -> str:
        return decision.publication.source_text[decision.start : decision.end]


class PublicationSerializer(ModelSerializer):
    owner = OrganisationRefSerializer(read_only=True)
    establishment = serializers.PrimaryKeyRelatedField(read_only=True)
    proposed_by = serializers.StringRelatedField(help_text="Wie de lakking voorstelde (mag haar niet goedkeuren).")
    edited_by = serializers.StringRelatedField(help_text="Wie de lakking als laatste bewerkte (mag niet goedkeuren).")
    reviewed_by = serializers.StringRelatedField(help_text="Wie goedkeurde (de eerste goedkeuring bij twee).")
    second_reviewed_by = serializers.StringRelatedField(help_text="De tweede goedkeurder (Woo 5.1.1d).")
    published_by = serializers.StringRelatedField()

    class Meta:
        model = Publication
        fields = [
            "id", "kind", "status", "title", "owner", "establishment", "inspection", "letter", "decided_on",
            "compliant", "proposed_at", "proposed_by", "edited_at", "edited_by", "reviewed_by", "reviewed_at",
            "second_reviewed_by", "second_reviewed_at", "published_by", "published_at", "withdrawn_at",
            "withdraw_reason",
        ]  # fmt: skip


class PublicationDetailSerializer(PublicationSerializer):
    decisions = RedactionDecisionSerializer(many=True, read_only=True)
    preview = serializers.SerializerMethodField(help_text="De openbare tekst zoals de besluiten hem nu maken.")

    class Meta(PublicationSerializer.Meta):
        fields = [*PublicationSerializer.Meta.fields, "source_text", "public_text", "preview", "decisions"]

    def get_preview(self, publication: Publication) -> str:
        return selectors.public_text(publication.source_text, publication.decisions.all())


class ProposeSerializer(serializers.Serializer):
    inspection = serializers.IntegerField(required=False, help_text="Een afgesloten inspectie.")
    letter = serializers.IntegerField(required=False, help_text="Een handhavingsbesluit.")

    def validate(self, data):
        if len(data) != 1:
            raise serializers.ValidationError("Geef precies één bron: inspection of letter.")
        return data


class DecisionChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decision = serializers.ChoiceField(choices=RedactionDecision.Decision.choices)
    woo_ground = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class DecisionsInputSerializer(serializers.Serializer):
    decisions = DecisionChangeSerializer(many=True)


class SpanInputSerializer(serializers.Serializer):
    start = serializers.IntegerField(min_value=0)
    end = serializers.IntegerField(min_value=0)
    woo_ground = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


# --- the public API (no login) -------------------------------------------------------------------------------


_FIELD_TYPES = {
    "integer": serializers.IntegerField,
    "string": serializers.CharField,
    "date": serializers.DateField,
    "datetime": serializers.DateTimeField,
    "boolean": serializers.BooleanField,
}


def _serializer(name: str, fields, **extra) -> type[serializers.Serializer]:
    """A read-only serializer of public records, its fields and help texts taken from the field dictionary."""
    declared = {
        f.name: _FIELD_TYPES[f.type](read_only=True, allow_null=f.nullable, help_text=f.description) for f in fields
    }
    return type(name, (serializers.Serializer,), declared | extra)


PublicPublicationSerializer = _serializer("PublicPublicationSerializer", public.PUBLICATION_FIELDS)
PublicEstablishmentSerializer = _serializer("PublicEstablishmentSerializer", public.ESTABLISHMENT_FIELDS)
PublicCompanySerializer = _serializer("PublicCompanySerializer", public.COMPANY_FIELDS)


class QuarterSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    compliant = serializers.IntegerField(help_text="Gepubliceerde inspectieresultaten zonder overtreding.")
    violations = serializers.IntegerField(help_text="Gepubliceerde inspectieresultaten met een overtreding.")


PublicCompanyDetailSerializer = _serializer(
    "PublicCompanyDetailSerializer",
    public.COMPANY_FIELDS,
    establishments=PublicEstablishmentSerializer(many=True, read_only=True),
    compliance_history=QuarterSerializer(many=True, read_only=True),
)


class PermitLinksSerializer(serializers.Serializer):
    self = serializers.URLField(read_only=True, help_text="Deze vergunning in de API (met `on`: op die dag).")
    permalink = serializers.URLField(read_only=True, help_text="De openbare pagina van de vergunning, op dezelfde dag.")
    diwoo = serializers.URLField(read_only=True, help_text="De DiWoo-metadata van de vrijgave (XML).")
    pdf = serializers.URLField(read_only=True, help_text="De vrijgegeven vergunning als pdf.")


PublicPermitDecisionSerializer = _serializer("PublicPermitDecisionSerializer", public.PERMIT_DECISION_FIELDS)
PublicPermitProvisionSerializer = _serializer("PublicPermitProvisionSerializer", public.PERMIT_PROVISION_FIELDS)


# a subclass lists the fields of the dictionary first, then its own (DRF puts a base's declared fields first)
class PublicPermitSerializer(_serializer("PublicPermitBase", public.PERMIT_FIELDS)):
    links = PermitLinksSerializer(read_only=True)


class PublicPermitDetailSerializer(_serializer("PublicPermitDetailBase", public.PERMIT_DETAIL_FIELDS)):
    on = serializers.DateField(
        read_only=True, help_text="De dag waarop de vergunning zo gold (`on`, standaard vandaag)."
    )
    decisions = PublicPermitDecisionSerializer(
        many=True, read_only=True, help_text="De besluiten van kracht op die dag, het nieuwste eerst."
    )
    provisions = PublicPermitProvisionSerializer(
        many=True, read_only=True, help_text="De voorschriften van kracht op die dag, op nummer."
    )
    revocation = PublicPermitDecisionSerializer(
        read_only=True,
        allow_null=True,
        help_text="Het besluit dat de hele vergunning introk, als het laatste dat deed.",
    )
    links = PermitLinksSerializer(read_only=True)
