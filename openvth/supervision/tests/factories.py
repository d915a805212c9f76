"""Factories of supervision: inspections and findings, an activity of a catalogue code, a closed inspection with
findings, a checklist with items, an inspection started through the services."""

import datetime
from datetime import date

import factory
from factory.django import DjangoModelFactory

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.permits import services as permit_services
from openvth.permits.tests.factories import permit_mandates
from openvth.register.models import Activity, ActivityType
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.models import ChecklistItem, ChecklistTemplate, ChecklistVersion, Finding, Inspection
from openvth.supervision.services import inspections as services

VISIT = date(2024, 3, 12)


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


def activity(establishment, code: str) -> Activity:
    activity_type, _ = ActivityType.objects.get_or_create(code=code, defaults={"name": f"Activiteit {code}"})
    return Activity.objects.create(establishment=establishment, activity_type=activity_type)


def closed_inspection(establishment, performed_on: str, *consequences: int) -> Inspection:
    """A closed routine inspection on that day with one finding per consequences class given."""
    inspection = Inspection.objects.create(
        owner=establishment.supervising_service,
        establishment=establishment,
        kind=Inspection.Kind.ROUTINE,
        performed_on=datetime.date.fromisoformat(performed_on),
        status=Inspection.Status.CLOSED,
    )
    for number, level in enumerate(consequences, start=1):
        Finding.objects.create(
            inspection=inspection, general_rule=f"Bal art. 4.{number}", consequences=level, description="Lekkage"
        )
    return inspection


def manager_of(service):
    return UserFactory(organisation=service, role=Role.MANAGER, username=f"manager-{service.code}")


def checklist(name="Tanks (testlijst)", activity_type=None, valid_from=date(2024, 1, 1), number=1, items=3):
    template, _ = ChecklistTemplate.objects.get_or_create(name=name, defaults={"activity_type": activity_type})
    version = ChecklistVersion.objects.create(template=template, number=number, valid_from=valid_from)
    for n in range(1, items + 1):
        ChecklistItem.objects.create(version=version, position=n, text=f"Controlepunt {n} v{number}", rule_hint="Bal")
    return version


def started_inspection(user, establishment, *, visit=VISIT, kind=Inspection.Kind.ROUTINE) -> Inspection:
    inspection = services.create_inspection(user=user, establishment=establishment, kind=kind, planned_on=visit)
    return services.start_inspection(user=user, inspection=inspection, performed_on=visit)


def answer_the_rest(user, inspection, result="compliant") -> None:
    """Answer every checklist item not yet answered (closing needs every item answered)."""
    answered = set(inspection.answers.values_list("item_id", flat=True))
    for item in ChecklistItem.objects.filter(version_id=inspection.checklist_id).exclude(pk__in=answered):
        services.save_answer(user=user, inspection=inspection, item=item, result=result)


def permit(user, establishment):
    """Provision 1 from 1 January 2020; provision 2 replaced on 1 June 2024."""
    grant = {
        "reference": "V-2020-1",
        "kind": "grant",
        "decided_on": date(2020, 1, 1),
        "effective_from": date(2020, 1, 1),
        "changes": [
            {"op": "add", "number": "1", "text": "Geluid ten hoogste 50 dB(A) op de erfgrens."},
            {"op": "add", "number": "2", "text": "Opslag volgens PGS 15."},
        ],
    }
    amend = {
        "reference": "W-2024-7",
        "kind": "amend",
        "decided_on": date(2024, 5, 1),
        "effective_from": date(2024, 6, 1),
        "changes": [{"op": "replace", "number": "2", "text": "Opslag volgens PGS 15:2016 in een brandwerende kast."}],
    }
    permit_mandates(user, establishment.competent_authority, valid_from=date(2019, 1, 1))
    permit_services.record_decision(user=user, establishment=establishment, **grant)
    permit_services.record_decision(user=user, establishment=establishment, **amend)
