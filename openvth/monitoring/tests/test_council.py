"""The yearly report to a council: the authority's own figures in plain Dutch, as a page and as a PDF read back."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.costs.tests.factories import BudgetFactory, HourlyRateFactory, SheetLineFactory
from openvth.enforcement.tests.factories import EnforcementCaseFactory, SanctionFactory
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, ServiceFactory
from openvth.supervision.tests.factories import FindingFactory, InspectionFactory
from openvth.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    service = ServiceFactory(name="Omgevingsdienst Raadregio")
    town = OrganisationFactory(name="Gemeente Raadstad", code="GM-RAAD", omgevingsdienst=service)
    other = OrganisationFactory(name="Gemeente Anders", code="GM-ANDERS", omgevingsdienst=ServiceFactory())
    establishment = EstablishmentFactory(owner=service, municipality=town)
    for _n in range(3):
        InspectionFactory(establishment=establishment, performed_on=date(2026, 3, 4))
    FindingFactory(inspection=InspectionFactory(establishment=establishment, performed_on=date(2026, 4, 1)))
    InspectionFactory(establishment=EstablishmentFactory(municipality=other), performed_on=date(2026, 3, 4))
    case = EnforcementCaseFactory(establishment=establishment, opened_on=date(2026, 5, 1))
    SanctionFactory(case=case, imposed_on=date(2026, 5, 2))
    HourlyRateFactory(service=service, year=2026, rate=Decimal("100.00"))
    BudgetFactory(service=service, authority=town, year=2026, amount=Decimal("5000.00"))
    SheetLineFactory(service=service, authority=town, hours=Decimal("12.5"))
    return service, town, other


def test_the_report_counts_the_authoritys_own_work(world):
    from openvth.monitoring import council

    _service, town, _other = world
    report = council.report(town, 2026, today=date(2026, 11, 18))
    assert (report.inspections, report.compliant, report.compliance_share) == (4, 3, 75)
    assert (report.cases_opened, report.interventions) == (1, [("waarschuwing met hersteltermijn", 1)])
    assert (report.costs.budget, report.costs.cost) == (Decimal("5000.00"), Decimal("1250.00"))


def test_who_may_read_which_report(world):
    service, town, other = world
    official = UserFactory(organisation=town, role=Role.AUTHORITY_OFFICIAL)
    client = Client()
    client.force_login(official)
    url = reverse("monitoring:council_report")
    assert client.get(url, {"opdrachtgever": other.code}).status_code == 404
    html = client.get(url, {"jaar": "2026"}).content.decode()
    assert "Wat de omgevingsdienst in 2026 voor Gemeente Raadstad deed" in html and "Gemeente Anders" not in html
    manager = UserFactory(organisation=service, role=Role.MANAGER)
    client.force_login(manager)
    assert client.get(url, {"opdrachtgever": town.code}).status_code == 200
    assert client.get(url, {"opdrachtgever": other.code}).status_code == 404
    inspector_elsewhere = UserFactory(organisation=None, role=Role.INSPECTOR)
    client.force_login(inspector_elsewhere)
    assert client.get(url).status_code == 403


def test_the_pdf_reads_back_in_plain_dutch(world):
    _service, town, _other = world
    client = Client()
    client.force_login(UserFactory(organisation=town, role=Role.AUTHORITY_OFFICIAL))
    response = client.get(reverse("monitoring:council_report_pdf"), {"opdrachtgever": town.code, "jaar": "2026"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Wat de omgevingsdienst in 2026 voor Gemeente Raadstad deed" in text
    assert "Bij 3 van de 4 afgeronde controles hield het bedrijf zich aan de regels. Dat is 75 procent." in text
    assert "Waarschuwing met hersteltermijn" in text
    assert "U sprak een budget af van € 5.000,00" in text and "€ 1.250,00" in text
