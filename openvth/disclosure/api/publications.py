"""`/api/v1/publications/`: the Woo publication flow for staff. Reads through the selectors (scoped), writes through
the services; a refusal is a problem+json answer (400 or 403), an invisible record a 404."""

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from openvth.core.api import parse_input
from openvth.core.views import or_404
from openvth.disclosure import selectors, services
from openvth.disclosure.models import Publication, RedactionDecision
from openvth.register.api.serializers import OrganisationRefSerializer


class RedactionDecisionSerializer(serializers.ModelSerializer):
    text = serializers.SerializerMethodField(help_text="De passage in de brontekst.")

    class Meta:
        model = RedactionDecision
        fields = ["id", "start", "end", "text", "label", "proposed", "decision", "woo_ground", "note"]

    def get_text(self, decision: RedactionDecision) -> str:
        return decision.publication.source_text[decision.start : decision.end]


class PublicationSerializer(serializers.ModelSerializer):
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


# the source of a proposal: its selector (scoped read) and its service
SOURCES = {
    "inspection": (selectors.inspection_source, services.propose_inspection),
    "letter": (selectors.letter_source, services.propose_letter),
}
STEPS = {"approve": services.approve, "publish": services.publish}


class PublicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Publications the user may see: proposals, approved, published and withdrawn ones."""

    queryset = Publication.objects.none()
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        found = selectors.publications(self.request.user).order_by("-proposed_at", "-id")
        status_filter = self.request.query_params.get("status")
        return found.filter(status=status_filter) if status_filter else found

    def get_serializer_class(self):
        return PublicationSerializer if self.action == "list" else PublicationDetailSerializer

    def _respond(self, publication: Publication, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.publications(self.request.user).prefetch_related("decisions").get(pk=publication.pk)
        return Response(PublicationDetailSerializer(fresh).data, status=code)

    @extend_schema(request=ProposeSerializer, responses={201: PublicationDetailSerializer})
    def create(self, request):
        """Propose a closed inspection's result or an enforcement decision: the engine's spans, all to redact."""
        ((name, pk),) = parse_input(self, ProposeSerializer).items()
        read, propose = SOURCES[name]
        try:
            source = or_404(read, request.user, pk)
        except Http404:  # a body reference is a field of the input: 400 naming it, as everywhere in the API
            raise ValidationError({name: [f"Geen {name} met nummer {pk} die u mag inzien."]}) from None
        return self._respond(propose(user=request.user, **{name: source}), status.HTTP_201_CREATED)

    @extend_schema(request=DecisionsInputSerializer, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["patch"])
    def decisions(self, request, pk=None):
        """The reviewer's decision per span (redact with a Woo ground, or keep with a note)."""
        publication = self.get_object()  # a foreign id is 404 before its body is read
        changes = [dict(c) for c in parse_input(self, DecisionsInputSerializer)["decisions"]]
        return self._respond(services.decide_spans(user=request.user, publication=publication, changes=changes))

    @extend_schema(request=SpanInputSerializer, responses={201: PublicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def spans(self, request, pk=None):
        """Add a span the engine missed, removed on the chosen ground."""
        publication = self.get_object()
        data = parse_input(self, SpanInputSerializer)
        services.add_spans(
            user=request.user, publication=publication, spans=[(data["start"], data["end"])],
            woo_ground=data["woo_ground"], note=data["note"],
        )  # fmt: skip
        return self._respond(publication, status.HTTP_201_CREATED)

    def _step(self, name: str) -> Response:
        return self._respond(STEPS[name](user=self.request.user, publication=self.get_object()))

    @extend_schema(request=None, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Fix the public text from the decisions; not by who proposed or last edited the redaction (403)."""
        return self._step("approve")

    @extend_schema(request=None, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Make an approved publication public."""
        return self._step("publish")

    @extend_schema(request=WithdrawInputSerializer, responses=PublicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a published publication, with the reason."""
        publication = self.get_object()
        reason = parse_input(self, WithdrawInputSerializer)["reason"]
        return self._respond(services.withdraw(user=request.user, publication=publication, reason=reason))
