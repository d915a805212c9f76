"""Each KPI on a handful of records with a known answer, per organisation and for the country."""

from datetime import date

import pytest

from openvth.disclosure.models import Publication
from openvth.monitoring import kpis
from openvth.monitoring.kpis import Measure
from openvth.permits.models import Application
from openvth.permits.tests.factories import ApplicationFactory
from openvth.register.tests.factories import EstablishmentFactory
from openvth.supervision.models import Inspection
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory

from .factories import case, planned_visit, publication

YEAR, TODAY = 2025, date(2025, 12, 31)


def measure(code: str) -> dict:
    return kpis.BY_CODE[code].measure(YEAR, TODAY)


@pytest.mark.date_sensitive
def test_planned_inspections_done(service, other_service):
    here, there = EstablishmentFactory(owner=service), EstablishmentFactory(owner=other_service)
    planned_visit(here, inspection=InspectionFactory(establishment=here, performed_on=date(2025, 3, 4)))
    planned_visit(here)
    planned_visit(here, postponed=True)  # not in the programme's count
    planned_visit(here, year=2024)
    planned_visit(there, inspection=InspectionFactory(establishment=there, performed_on=date(2025, 3, 4)))
    found = measure("inspecties-uitgevoerd")
    assert found[service.pk] == Measure(1, 2, 50.0)
    assert found[other_service.pk] == Measure(1, 1, 100.0)
    assert found[None] == Measure(2, 3, 200 / 3)


def test_compliance(establishment):
    InspectionFactory(establishment=establishment, performed_on=date(2025, 2, 1))
    InspectionFactory(establishment=establishment, performed_on=date(2025, 3, 1))
    FindingFactory(inspection=InspectionFactory(establishment=establishment, performed_on=date(2025, 4, 1)))
    FindingFactory(inspection=InspectionFactory(establishment=establishment, performed_on=date(2024, 4, 1)))
    InspectionFactory(establishment=establishment, performed_on=date(2025, 5, 1), status=Inspection.Status.OPEN)
    assert measure("naleving")[establishment.owner_id] == Measure(2, 3, 200 / 3)


def test_recidivism_counts_establishments_with_a_finding_in_the_two_years_before(service):
    def finding_at(establishment, on):
        FindingFactory(inspection=InspectionFactory(establishment=establishment, performed_on=on))

    repeat, three_years, first_time = (EstablishmentFactory(owner=service) for _ in range(3))
    finding_at(repeat, date(2023, 1, 1))
    finding_at(repeat, date(2025, 5, 1))
    finding_at(repeat, date(2025, 9, 1))  # the same establishment: counted once
    finding_at(three_years, date(2022, 12, 31))
    finding_at(three_years, date(2025, 5, 1))
    finding_at(first_time, date(2025, 5, 1))
    InspectionFactory(establishment=first_time, performed_on=date(2024, 5, 1))  # a visit without finding
    found = measure("recidive")
    assert found[service.pk] == Measure(1, 3, 100 / 3)
    assert found[None] == Measure(1, 3, 100 / 3)


@pytest.mark.date_sensitive
def test_enforcement_lead_time_is_the_median_of_cases_closed_in_the_year(establishment):
    for opened, closed in [(date(2025, 1, 1), date(2025, 1, 11)), (date(2024, 12, 1), date(2025, 3, 1)),
                           (date(2025, 2, 1), date(2025, 2, 21)), (date(2025, 2, 1), date(2025, 2, 24))]:  # fmt: skip
        case(establishment, opened_on=opened, closed_on=closed)
    case(establishment, opened_on=date(2025, 1, 1))  # still open
    case(establishment, opened_on=date(2024, 1, 1), closed_on=date(2024, 2, 1))
    found = measure("doorlooptijd-handhaving")
    assert found[establishment.owner_id] == Measure(22, 4, 21.5)  # 10, 20, 23, 90 days
    assert found[None] == found[establishment.owner_id]


@pytest.mark.date_sensitive
def test_permits_decided_within_the_term(establishment):
    # regular procedure: 8 weeks from 10 January 2025 ends on 7 March 2025
    def decided(on):
        ApplicationFactory(establishment=establishment, received_on=date(2025, 1, 10), decided_on=on,
                           status=Application.Status.DECIDED)  # fmt: skip

    decided(date(2025, 3, 7))
    decided(date(2025, 3, 10))
    ApplicationFactory(establishment=establishment, received_on=date(2025, 1, 10))  # undecided
    assert measure("vergunningen-tijdig")[establishment.owner_id] == Measure(1, 2, 50.0)


@pytest.mark.date_sensitive
def test_ied_reports_public_in_time(service):
    ied = EstablishmentFactory(owner=service, ied=True)
    InspectionFactory(establishment=ied, performed_on=date(2025, 1, 15), report_published_on=date(2025, 5, 15))
    InspectionFactory(establishment=ied, performed_on=date(2025, 1, 15), report_published_on=date(2025, 5, 16))
    InspectionFactory(establishment=ied, performed_on=date(2025, 2, 15))  # due 15 June, not public: late
    InspectionFactory(establishment=ied, performed_on=date(2025, 11, 1))  # not due yet: not measured
    InspectionFactory(establishment=EstablishmentFactory(owner=service), performed_on=date(2025, 1, 15))
    assert measure("ied-rapport-tijdig")[service.pk] == Measure(1, 3, 100 / 3)


@pytest.mark.date_sensitive
def test_publications_published_in_the_year(establishment, foreign_establishment):
    publication(establishment)
    publication(establishment, published=date(2024, 6, 1))
    publication(establishment, status=Publication.Status.PROPOSED)
    publication(foreign_establishment)
    found = measure("publicaties")
    assert found[establishment.owner_id].value == 1
    assert found[None].value == 2


def test_every_kpi_has_a_test():
    assert set(kpis.BY_CODE) == {
        "inspecties-uitgevoerd", "naleving", "recidive", "doorlooptijd-handhaving", "vergunningen-tijdig",
        "ied-rapport-tijdig", "publicaties",
    }  # fmt: skip
