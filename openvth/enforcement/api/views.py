"""Endpoints of enforcement. Reads go through selectors (scoped), writes through services; a step the case's state
does not allow is a 409 problem with the rule module's Dutch message."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from openvth.core.api import parse_input
from openvth.core.api_schema import ProblemSerializer
from openvth.core.api_views import RecordViewSet
from openvth.enforcement import selectors, services
from openvth.enforcement.models import CaseTransition, EnforcementCase, Letter, LhsoDecision
from openvth.supervision.models import Finding

from . import filters, serializers


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Deze stap kan niet in de huidige stand van de zaak."


class EnforcementCaseViewSet(RecordViewSet):
    """Enforcement cases the user may see; the detail has the log, the deadlines, sanctions and decisions."""

    queryset = EnforcementCase.objects.none()
    filterset_class = filters.EnforcementCaseFilter

    def get_queryset(self):
        found = selectors.cases(self.request.user).prefetch_related("findings").order_by("-opened_on", "-id")
        if self.action != "list":
            transitions = Prefetch("transitions", queryset=CaseTransition.objects.select_related("by"))
            found = found.prefetch_related(transitions, "deadlines", "sanctions", "letters__signed_by")
        return found

    def get_serializer_class(self):
        return (
            serializers.EnforcementCaseSerializer
            if self.action == "list"
            else serializers.EnforcementCaseDetailSerializer
        )

    def _respond(self, case: EnforcementCase, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=case.pk)
        return Response(
            serializers.EnforcementCaseDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(
        request=serializers.CaseInputSerializer, responses={201: serializers.EnforcementCaseDetailSerializer}
    )
    def create(self, request):
        """Open a case for findings of one establishment whose LHSO decision is recorded."""
        data = parse_input(self, serializers.CaseInputSerializer)
        case = services.open_case(user=request.user, **data)
        return self._respond(case, status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.TransitionInputSerializer,
        responses={200: serializers.EnforcementCaseDetailSerializer, 409: ProblemSerializer},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """One step through the case's state machine; 409 when its state does not allow the event, 403 without a
        mandate for the decision, 400 when the law or the input refuses it."""
        case = self.get_object()
        data = parse_input(self, serializers.TransitionInputSerializer)
        try:
            services.transition(user=request.user, case=case, **data)
        except ValidationError as error:
            if hasattr(error, "error_dict") and list(error.message_dict) == ["event"]:
                raise Conflict(error.message_dict["event"][0]) from None
            raise
        return self._respond(case)

    @extend_schema(
        request=serializers.ObjectionInputSerializer, responses={201: serializers.EnforcementCaseDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        """An objection (bezwaar) against a decision of this case: a new case on the route "bezwaar"."""
        case = self.get_object()
        data = parse_input(self, serializers.ObjectionInputSerializer)
        letter = Letter.objects.filter(case=case, pk=data.pop("letter")).first()
        if letter is None:
            raise ValidationError({"letter": ["Dit besluit hoort niet bij deze zaak."]})
        objection = services.lodge_objection(user=request.user, letter=letter, **data)
        return self._respond(objection.case, status.HTTP_201_CREATED)


class LhsoDecisionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Recorded LHSO decisions (LHSO step 5) the user may see; they feed monitoring."""

    queryset = LhsoDecision.objects.none()
    serializer_class = serializers.LhsoDecisionSerializer

    def get_queryset(self):
        return selectors.lhso_decisions(self.request.user).order_by("-decided_at", "-id")


class FindingLhsoView(APIView):
    """The LHSO decision of one finding: read it, or record it (again)."""

    parser_classes = [JSONParser]

    def _finding(self, pk: int):
        try:
            return selectors.finding_detail(self.request.user, pk)
        except Finding.DoesNotExist:
            raise Http404 from None

    @extend_schema(responses=serializers.LhsoDecisionSerializer)
    def get(self, request, pk: int):
        decision = getattr(self._finding(pk), "lhso_decision", None)
        if decision is None:
            raise Http404
        return Response(serializers.LhsoDecisionSerializer(decision).data)

    @extend_schema(request=serializers.LhsoInputSerializer, responses={201: serializers.LhsoDecisionSerializer})
    def post(self, request, pk: int):
        finding = self._finding(pk)
        data = parse_input(self, serializers.LhsoInputSerializer)
        decision = services.record_lhso_decision(user=request.user, finding=finding, **data)
        return Response(serializers.LhsoDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    def get_serializer_context(self):
        return {"request": self.request, "view": self}
