"""Small builders for the planning tests: an activity of a catalogue code, a closed inspection with findings."""

import datetime

from openvth.accounts.models import Role
from openvth.register.models import Activity, ActivityType
from openvth.supervision.models import Finding, Inspection
from openvth.testing.factories import UserFactory


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
