"""Factories of enforcement: a case and a sanction dated relative to today, an enforcement lawyer with a mandate,
a re-inspection performed."""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement.models import EnforcementCase, Sanction
from openvth.register.models import Mandate
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.models import Inspection
from openvth.supervision.tests.factories import FindingFactory


class EnforcementCaseFactory(DjangoModelFactory):
    """An open case, opened 300 days ago."""

    class Meta:
        model = EnforcementCase

    establishment = factory.SubFactory(EstablishmentFactory)
    owner = factory.SelfAttribute("establishment.owner")
    competent_authority = factory.SelfAttribute("establishment.competent_authority")
    reference = factory.Sequence(lambda n: f"HH-{n:05d}")
    route = "herstel"
    state = "open"
    opened_on = factory.LazyFunction(lambda: clock.today() - timedelta(days=300))
    opened_by = factory.SubFactory(UserFactory, organisation=factory.SelfAttribute("..owner"))


class SanctionFactory(DjangoModelFactory):
    """A warning, imposed 290 days ago."""

    class Meta:
        model = Sanction

    case = factory.SubFactory(EnforcementCaseFactory)
    kind = Sanction.Kind.WARNING
    imposed_on = factory.LazyFunction(lambda: clock.today() - timedelta(days=290))


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
