"""Endpoints of inspections, findings and complaints. Reads go through the selectors (scoped), writes through the
services; their Dutch ValidationErrors become problem+json (openvth.core.api)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from openvth.audit.api.views import LogsPersonalDataReads
from openvth.core import clock
from openvth.core.api import parse_input
from openvth.core.api_views import RecordViewSet
from openvth.core.permissions import Action, check
from openvth.supervision.models import Answer, ChecklistItem, Complaint, Finding, Inspection
from openvth.supervision.selectors import inspections as selectors
from openvth.supervision.services import inspections as services

from .filters import ComplaintFilter, InspectionFilter
from .serializers import (
    AnswerInputSerializer,
    CloseComplaintInputSerializer,
    ComplaintSerializer,
    CorrectionInputSerializer,
    FindingInputSerializer,
    FindingSerializer,
    InspectionDetailSerializer,
    InspectionInputSerializer,
    InspectionSerializer,
    ReportInputSerializer,
    StartInputSerializer,
    TriageInputSerializer,
)


class InspectionViewSet(RecordViewSet):
    """Inspections the user may see; the detail holds the answers and findings."""

    queryset = Inspection.objects.none()
    filterset_class = InspectionFilter

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


class ComplaintViewSet(LogsPersonalDataReads, RecordViewSet):
    """Complaints received by the user's omgevingsdienst, and their triage. The public submits through /melding/."""

    queryset = Complaint.objects.none()
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter

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
