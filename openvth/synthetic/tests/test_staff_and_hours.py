"""The demo's staff and hours (openvth.capacity.synthetic, openvth.synthetic.costs): every service has permit officers
with the role and competences of permit work, a service with work of its own is staffed after it, and every permit
application and enforcement case of last year and this year has hours by someone of its process."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum

from openvth.accounts.models import Role
from openvth.analysis.selectors import available_hours
from openvth.capacity.models import Competence, StaffMember
from openvth.capacity.synthetic import ensure_capacity_demo
from openvth.core import clock
from openvth.costs.models import HourEntry
from openvth.enforcement.tests.factories import EnforcementCaseFactory
from openvth.permits.tests.factories import ApplicationFactory
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, ServiceFactory
from openvth.supervision.tests.factories import InspectionFactory
from openvth.synthetic.costs import ensure_costs_demo

PERMIT_AREAS = {"VV-MIL", "VV-COMPLEX"}


@pytest.fixture
def world(db):
    """A service with last year's work (many inspections, some cases, a few applications) and one without."""
    busy, idle = ServiceFactory(name="Omgevingsdienst Druk"), ServiceFactory(name="Omgevingsdienst Stil")
    for service in (busy, idle):
        OrganisationFactory(omgevingsdienst=service)
    establishment = EstablishmentFactory(owner=busy)
    last_year = date(clock.today().year - 1, 3, 2)
    applications = [ApplicationFactory(establishment=establishment, received_on=last_year) for _ in range(4)]
    cases = [EnforcementCaseFactory(establishment=establishment, opened_on=last_year) for _ in range(20)]
    for n in range(600):
        day = last_year + timedelta(days=n % 250)
        InspectionFactory(establishment=establishment, planned_on=day, performed_on=day)
    return busy, idle, applications, cases


def _processes(service) -> dict[str, int]:
    roles = [role for roles in StaffMember.objects.filter(service=service).values_list("roles", flat=True)
             for role in roles]  # fmt: skip
    return {role: roles.count(role) for role in set(roles)}


def test_every_service_has_permit_officers_with_the_competences_and_hours_of_permit_work(world):
    busy, idle, _applications, _cases = world
    ensure_capacity_demo()
    for service in (busy, idle):
        officers = [m for m in StaffMember.objects.filter(service=service) if Role.PERMIT_OFFICER in m.roles]
        assert officers, service
        for officer in officers:
            areas = dict(officer.competences.values_list("task_area", "hours_per_year"))
            main = max(areas, key=areas.get)
            assert main in PERMIT_AREAS and areas[main] >= officer.hours_per_year / 2, areas
            assert sum(areas.values()) <= officer.hours_per_year
    found = available_hours([busy.pk, idle.pk], clock.today())
    assert all(found[s.pk].source == "competences" and found[s.pk].hours > 0 for s in (busy, idle)), found
    # the busy service is staffed after its work: mostly inspectors, one at least in each process
    staffed = _processes(busy)
    assert staffed[Role.INSPECTOR] > staffed[Role.PERMIT_OFFICER] and staffed[Role.ENFORCEMENT_LAWYER] >= 1
    inspection_hours = Competence.objects.filter(staff__service=busy, task_area__startswith="TZ").aggregate(
        h=Sum("hours_per_year")
    )["h"]
    assert 0.5 * 600 * 8 < inspection_hours < 2.5 * 600 * 8  # about the hours of last year's inspections


def test_every_application_and_case_has_hours_by_someone_of_its_process(world):
    busy, _idle, applications, cases = world
    ensure_capacity_demo()
    ensure_costs_demo()
    worked = HourEntry.objects.filter(service=busy)
    assert set(worked.exclude(application=None).values_list("application", flat=True)) == {a.pk for a in applications}
    assert set(worked.exclude(case=None).values_list("case", flat=True)) == {c.pk for c in cases}
    roles = {
        "application": Role.PERMIT_OFFICER,
        "case": Role.ENFORCEMENT_LAWYER,
        "inspection": Role.INSPECTOR,
    }
    for field, role in roles.items():
        people = worked.exclude(**{field: None}).values_list("staff__roles", flat=True).distinct()
        assert people and all(role in staff_roles for staff_roles in people), (field, list(people))
    assert worked.exclude(case=None).aggregate(h=Sum("hours"))["h"] > Decimal(20 * 16 * 0.5)
