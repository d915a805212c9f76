"""Endpoints of inspections, findings and complaints. Reads go through the selectors (scoped), writes through the
services; their Dutch ValidationErrors become problem+json (openvth.core.api)."""

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from openvth.accounts.models import User
from openvth.audit.api import LogsPersonalDataReads
from openvth.core import clock
from openvth.core.api import parse_input
from openvth.core.permissions import Action, check
from openvth.permits.api.serializers import EstablishmentRefSerializer
from openvth.register.api.filters import FormatFilter
from openvth.register.api.serializers import OrganisationRefSerializer, VisibleEstablishmentField
from openvth.rules import formats
from openvth.supervision.models import Answer, ChecklistItem, Complaint, Finding, Inspection
from openvth.supervision.selectors import inspections as selectors
from openvth.supervision.services import inspections as services

# a pattern, not an enum, in the schema: a second `kind` enum collides with the organisation's (as in permits)
KIND_SCHEMA = {
    "type": "string",
    "pattern": f"^({'|'.join(Inspection.Kind.values)})$",
    "description": ", ".join(Inspection.Kind.values) + ".",
}


@extend_schema_field(KIND_SCHEMA)
class InspectionKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Inspection.Kind.choices, **kwargs)


# --- representations --------------------------------------------------------------------------------------------


class AnswerSerializer(serializers.ModelSerializer):
    item = serializers.IntegerField(source="item_id")
    position = serializers.IntegerField(source="item.position")
    text = serializers.CharField(source="item.text")

    class Meta:
        model = Answer
        fields = ["id", "item", "position", "text", "result", "note"]


class ProvisionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True,
        help_text="Id van de voorschriftversie met dit nummer die gold op de dag van het bezoek (de keuze bij "
        "'provision'); null als die versie niet meer bestaat.",
    )
    number = serializers.CharField()
    text = serializers.CharField()


class FindingSerializer(serializers.ModelSerializer):
    """`provision` is the permit provision breached (null for a general rule), as in force on the day of the visit;
    `provision_number` and `provision_text` repeat it (kept for existing clients)."""

    answer = serializers.IntegerField(source="answer_id", allow_null=True)
    provision = serializers.SerializerMethodField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "answer",
            "provision",
            "provision_number",
            "provision_text",
            "general_rule",
            "consequences",
            "brzo_grade",
            "description",
            "created_at",
        ]

    @extend_schema_field(ProvisionRefSerializer(allow_null=True))
    def get_provision(self, finding) -> dict | None:
        if not finding.provision_number:
            return None
        versions = self.context.get("provisions")
        if versions is None:  # one finding on its own (just recorded): look its version up
            versions = selectors.provision_ids(finding.inspection)
        return {
            "id": versions.get(finding.provision_number),
            "number": finding.provision_number,
            "text": finding.provision_text,
        }


class ChecklistItemSerializer(serializers.Serializer):
    """An item of the inspection's checklist with its answer so far (null: not yet answered)."""

    id = serializers.IntegerField(source="item.pk")
    position = serializers.IntegerField(source="item.position")
    text = serializers.CharField(source="item.text")
    rule_hint = serializers.CharField(source="item.rule_hint")
    result = serializers.ChoiceField(
        choices=Answer.Result.choices, allow_null=True, source="answer.result", default=None
    )
    note = serializers.CharField(allow_null=True, source="answer.note", default=None)
    answer = serializers.IntegerField(allow_null=True, source="answer.pk", default=None)


class DeadlineSerializer(serializers.Serializer):
    due = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    late = serializers.BooleanField()


class ReportDeadlinesSerializer(serializers.Serializer):
    sent = DeadlineSerializer(help_text="Rapport naar de drijver binnen 2 maanden na het bezoek (RIE art. 23 lid 6).")
    public = DeadlineSerializer(help_text="Rapport openbaar binnen 4 maanden na het bezoek.")


class InspectionSerializer(serializers.ModelSerializer):
    kind = InspectionKindField(read_only=True)
    establishment = EstablishmentRefSerializer(read_only=True)
    owner = OrganisationRefSerializer(read_only=True)
    inspectors = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    checklist = serializers.StringRelatedField()
    report_deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "establishment",
            "owner",
            "kind",
            "announced",
            "inspectors",
            "status",
            "planned_on",
            "performed_on",
            "checklist",
            "summary",
            "closed_at",
            "report_sent_on",
            "report_published_on",
            "report_deadlines",
        ]

    @extend_schema_field(ReportDeadlinesSerializer(allow_null=True))
    def get_report_deadlines(self, inspection) -> dict | None:
        deadlines = selectors.report_deadlines(inspection, today=self.context["today"])
        return ReportDeadlinesSerializer(deadlines).data if deadlines else None


class InspectionDetailSerializer(InspectionSerializer):
    """The detail: every item of the checklist (answered or not), the answers given and the findings, each with
    the provision it breaches."""

    checklist_items = serializers.SerializerMethodField()
    answers = AnswerSerializer(many=True, read_only=True)
    findings = serializers.SerializerMethodField()

    class Meta(InspectionSerializer.Meta):
        fields = [*InspectionSerializer.Meta.fields, "checklist_items", "answers", "findings"]

    @extend_schema_field(ChecklistItemSerializer(many=True))
    def get_checklist_items(self, inspection) -> list:
        return ChecklistItemSerializer(selectors.checklist_rows(inspection), many=True).data

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, inspection) -> list:
        context = self.context | {"provisions": selectors.provision_ids(inspection)}
        return FindingSerializer(inspection.findings.all(), many=True, context=context).data


class ComplaintSerializer(serializers.ModelSerializer):
    service = OrganisationRefSerializer(read_only=True)
    establishment = EstablishmentRefSerializer(read_only=True)
    inspection = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "service",
            "received_at",
            "subject",
            "description",
            "location",
            "occurred_at",
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "status",
            "establishment",
            "inspection",
            "closed_reason",
        ]


# --- input ------------------------------------------------------------------------------------------------------


class _Colleagues(serializers.SlugRelatedField):
    # an unknown username is refused in the words (and code) the service uses for one of another organisation
    default_error_messages = {"invalid": services.NOT_A_COLLEAGUE}

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", queryset=User.objects.filter(is_active=True), **kwargs)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            self.fail("invalid", value=str(data))


class InspectionInputSerializer(serializers.Serializer):
    establishment = VisibleEstablishmentField(help_text="Id van de vestiging.")
    kind = InspectionKindField()
    planned_on = serializers.DateField(required=False, allow_null=True)
    announced = serializers.BooleanField(required=False, default=False)
    inspectors = _Colleagues(many=True, required=False, help_text="Gebruikersnamen van de toezichthouders.")


class StartInputSerializer(serializers.Serializer):
    performed_on = serializers.DateField()


class AnswerInputSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="Id van het controlepunt van de checklist van deze inspectie.")
    result = serializers.ChoiceField(choices=Answer.Result.choices)
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)


class FindingInputSerializer(serializers.Serializer):
    answer = serializers.IntegerField(required=False, allow_null=True, help_text="Id van het antwoord 'voldoet niet'.")
    provision = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id van de voorschriftversie die gold op de dag van het bezoek."
    )
    general_rule = serializers.CharField(required=False, allow_blank=True, default="")
    consequences = serializers.IntegerField(required=False, allow_null=True, help_text="LHSO-gevolgen 1-4.")
    brzo_grade = serializers.ChoiceField(choices=Finding.BrzoGrade.choices, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CorrectionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Reden van de correctie (verplicht).")
    summary = serializers.CharField(required=False, allow_blank=True)
    answer = AnswerInputSerializer(required=False)
    finding = serializers.IntegerField(required=False, help_text="Id van de bevinding die wordt gecorrigeerd.")
    finding_values = FindingInputSerializer(required=False)
    remove_finding = serializers.BooleanField(required=False, default=False)

    def validate(self, data):
        chosen = [name for name in ("summary", "answer", "finding") if name in data]
        if len(chosen) != 1 and not (chosen == [] and "finding_values" in data):
            raise serializers.ValidationError(
                "Corrigeer één ding: 'summary', 'answer' of 'finding' (met 'finding_values')."
            )
        return data


class ReportInputSerializer(serializers.Serializer):
    sent_on = serializers.DateField(required=False, allow_null=True)
    published_on = serializers.DateField(required=False, allow_null=True)


class TriageInputSerializer(serializers.Serializer):
    establishment = VisibleEstablishmentField(help_text="Id van de vestiging waar de melding over gaat.")
    planned_on = serializers.DateField()


class CloseComplaintInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


# --- filters ----------------------------------------------------------------------------------------------------


class InspectionFilter(filters.FilterSet):
    establishment = FormatFilter(
        field_name="establishment__kvk_vestigingsnummer", rule=formats.kvk_vestigingsnummer, help_text="12 cijfers."
    )
    status = filters.ChoiceFilter(choices=Inspection.Status.choices)
    kind = extend_schema_field(KIND_SCHEMA)(filters.ChoiceFilter(choices=Inspection.Kind.choices))

    class Meta:
        model = Inspection
        fields = ["establishment", "status", "kind"]


class ComplaintFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Complaint.Status.choices)

    class Meta:
        model = Complaint
        fields = ["status"]


# --- views ------------------------------------------------------------------------------------------------------


class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Inspections the user may see; the detail holds the answers and findings."""

    queryset = Inspection.objects.none()
    filterset_class = InspectionFilter
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        found = selectors.inspections(self.request.user).prefetch_related("inspectors").order_by("-id")
        if self.action != "list":
            found = found.prefetch_related("answers__item", "findings")
        return found

    def get_serializer_class(self):
        return InspectionSerializer if self.action == "list" else InspectionDetailSerializer

    def get_serializer_context(self):
        return super().get_serializer_context() | {"today": clock.today()}

    def _editable(self) -> Inspection:
        inspection = self.get_object()
        check(self.request.user, Action.INSPECT, inspection)
        return inspection

    def _respond(self, inspection: Inspection, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().prefetch_related("answers__item", "findings").get(pk=inspection.pk)
        return Response(InspectionDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=InspectionInputSerializer, responses={201: InspectionDetailSerializer})
    def create(self, request):
        """Plan an inspection; the checklist follows from the establishment's activities."""
        data = parse_input(self, InspectionInputSerializer)
        inspection = services.create_inspection(user=request.user, **data)
        return self._respond(inspection, status.HTTP_201_CREATED)

    @extend_schema(request=StartInputSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Start the visit: answers and findings can be recorded from now on."""
        inspection = self._editable()
        services.start_inspection(user=request.user, inspection=inspection, **parse_input(self, StartInputSerializer))
        return self._respond(inspection)

    @extend_schema(request=AnswerInputSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request, pk=None):
        """Store one checklist answer at once."""
        inspection = self._editable()
        data = parse_input(self, AnswerInputSerializer)
        item = _item(inspection, data.pop("item"))
        services.save_answer(user=request.user, inspection=inspection, item=item, **data)
        return self._respond(inspection)

    @extend_schema(request=FindingInputSerializer, responses={201: FindingSerializer})
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        """Record a finding: the provision in force on the day of the visit or a general rule, LHSO 1-4."""
        inspection = self._editable()
        data = parse_input(self, FindingInputSerializer)
        answer = _answer(inspection, data.pop("answer", None))
        finding = services.add_finding(user=request.user, inspection=inspection, answer=answer, **data)
        return Response(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close and lock the inspection; every answer 'not compliant' needs its finding."""
        inspection = self._editable()
        services.close_inspection(user=request.user, inspection=inspection)
        return self._respond(inspection)

    @extend_schema(request=CorrectionInputSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def correction(self, request, pk=None):
        """Change a closed inspection: the summary, one answer or one finding (change, add or remove), with a
        reason that is recorded in the history."""
        inspection = self._editable()
        data = parse_input(self, CorrectionInputSerializer)
        reason, user = data["reason"], request.user
        if "summary" in data:
            services.save_summary(user=user, inspection=inspection, summary=data["summary"], correction=reason)
        elif "answer" in data:
            values = dict(data["answer"])
            item = _item(inspection, values.pop("item"))
            services.save_answer(user=user, inspection=inspection, item=item, correction=reason, **values)
        else:
            values = dict(data.get("finding_values") or {})
            answer = _answer(inspection, values.pop("answer", None))
            if "finding" not in data:
                services.add_finding(user=user, inspection=inspection, answer=answer, correction=reason, **values)
            else:
                finding = _finding(inspection, data["finding"])
                if data["remove_finding"]:
                    services.remove_finding(user=user, finding=finding, correction=reason)
                else:
                    services.update_finding(user=user, finding=finding, correction=reason, **values)
        return self._respond(inspection)

    @extend_schema(request=ReportInputSerializer, responses=InspectionDetailSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        """Record the days the report was sent to the operator and made public."""
        inspection = self._editable()
        services.record_report(user=request.user, inspection=inspection, **parse_input(self, ReportInputSerializer))
        return self._respond(inspection)


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _item(inspection: Inspection, pk: int) -> ChecklistItem:
    item = ChecklistItem.objects.filter(pk=pk, version_id=inspection.checklist_id).first()
    if item is None:
        raise _invalid("item", "Dit controlepunt hoort niet bij de checklist van deze inspectie.")
    return item


def _answer(inspection: Inspection, pk: int | None) -> Answer | None:
    if pk is None:
        return None
    answer = inspection.answers.filter(pk=pk).first()
    if answer is None:
        raise _invalid("answer", "Dit antwoord hoort niet bij deze inspectie.")
    return answer


def _finding(inspection: Inspection, pk: int) -> Finding:
    finding = inspection.findings.filter(pk=pk).first()
    if finding is None:
        raise _invalid("finding", "Deze bevinding hoort niet bij deze inspectie.")
    return finding


class ComplaintViewSet(
    LogsPersonalDataReads, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Complaints received by the user's omgevingsdienst, and their triage. The public submits through /melding/."""

    queryset = Complaint.objects.none()
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter
    parser_classes = [JSONParser]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.complaints(self.request.user).order_by("-received_at", "-id")

    def _respond(self, complaint: Complaint) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=complaint.pk)).data)

    @extend_schema(request=TriageInputSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def inspection(self, request, pk=None):
        """Triage: plan an inspection (kind complaint) of the establishment the complaint is about."""
        complaint = self.get_object()
        services.triage_to_inspection(
            user=request.user, complaint=complaint, **parse_input(self, TriageInputSerializer)
        )
        return self._respond(complaint)

    @extend_schema(request=CloseComplaintInputSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Triage: close the complaint without an inspection, with a reason."""
        complaint = self.get_object()
        reason = parse_input(self, CloseComplaintInputSerializer)["reason"]
        services.close_complaint(user=request.user, complaint=complaint, reason=reason)
        return self._respond(complaint)
