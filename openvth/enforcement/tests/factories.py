"""Factories of enforcement: an inspection with a finding, an enforcement lawyer with a mandate."""

from datetime import date, datetime, time

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from openvth.accounts.models import Role
from openvth.register.models import Mandate
from openvth.supervision.models import Finding, Inspection
from openvth.testing.factories import EstablishmentFactory, UserFactory


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    kind = Inspection.Kind.ROUTINE
    planned_on = date(2024, 3, 4)
    performed_on = date(2024, 3, 4)
    status = Inspection.Status.CLOSED


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    general_rule = "Bal art. 4.103"
    consequences = 3
    description = "Vaten met gevaarlijke stoffen staan buiten de lekbak opgeslagen."


def lawyer(service, **kwargs):
    return UserFactory(organisation=service, role=Role.ENFORCEMENT_LAWYER, **kwargs)


def mandate(user, authority, decision_type: str, *, valid_from=date(2020, 1, 1), valid_to=None) -> Mandate:
    return Mandate.objects.create(
        holder=user, authority=authority, decision_type=decision_type, valid_from=valid_from, valid_to=valid_to
    )


def perform_reinspection(case, on: date, *, violation: bool = True) -> Inspection:
    """Supervision performs and closes the re-inspection the case planned last, on `on`; with `violation` it records
    the violation still present (a finding)."""
    entry = case.transitions.filter(reinspection__isnull=False).order_by("-on", "-id").first()
    inspection = entry.reinspection
    inspection.performed_on, inspection.status = on, Inspection.Status.CLOSED
    inspection.closed_at = timezone.make_aware(datetime.combine(on, time(16)))
    inspection.save(update_fields=["performed_on", "status", "closed_at"])
    if violation:
        FindingFactory(inspection=inspection, description="Bij de hercontrole duurt de overtreding voort.")
    return inspection
