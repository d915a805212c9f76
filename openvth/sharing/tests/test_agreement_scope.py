"""A chain partner reads a company only through an active agreement of the organisation whose data it is (the
establishment's owner or supervising service), for the kinds and purpose it names: establishments of organisations
that share nothing are not shown, and a company none of whose establishments is shared does not exist (404)."""

from django.urls import reverse

from openvth.register.models import Company
from openvth.register.tests.factories import EstablishmentFactory, OrganisationFactory, ServiceFactory
from openvth.sharing.models import AccessLog
from openvth.supervision.tests.factories import InspectionFactory
from openvth.testing.api import client_for

from .factories import SharingAgreementFactory, days_ago, records_of

DOSSIER = "/api/v1/companies/{}/chain-dossier"


def _within_the_window() -> dict:
    """An inspection's days inside the five-year history window (4 March 2024 on the default day)."""
    return {"planned_on": days_ago(989), "performed_on": days_ago(989)}


def read(user, company_id, purpose="supervision"):
    return client_for(user).get(DOSSIER.format(company_id), {"purpose": purpose})


def test_establishments_of_a_service_that_shares_nothing_are_not_shown(partner, service, other_service, establishment):
    silent = ServiceFactory(name="Omgevingsdienst Zwijgzaam")
    home = EstablishmentFactory(
        owner=silent, company=establishment.company, name="Kapsalon aan huis", street="Woonstraat", is_home_address=True
    )
    records_of(home)
    records_of(establishment)
    SharingAgreementFactory(owner=service, partners=[other_service])
    body = read(partner, establishment.company_id).json()
    assert [e["id"] for e in body["establishments"]] == [establishment.pk]
    kinds = ("inspections", "findings", "enforcement_cases", "permits")
    assert {item["establishment_id"] for kind in kinds for item in body[kind]} == {establishment.pk}
    assert "Woonstraat" not in str(body) and "Kapsalon" not in str(body)


def test_a_company_of_a_service_that_shares_nothing_is_404_in_api_and_page(client, partner, other_service):
    SharingAgreementFactory(owner=ServiceFactory(), partners=[other_service])  # shares, but not this company's data
    sole_trader = EstablishmentFactory(name="Jansen aan huis", is_home_address=True)
    Company.objects.filter(pk=sole_trader.company_id).update(legal_form=Company.LegalForm.EENMANSZAAK)
    response = read(partner, sole_trader.company_id)
    assert response.status_code == 404 and "Jansen" not in response.content.decode()
    client.force_login(partner)
    url = reverse("sharing:dossier", args=[sole_trader.company_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"purpose": "supervision"}).status_code == 404
    assert not AccessLog.objects.exists()


def test_the_supervising_service_shares_an_establishment_a_municipality_owns(partner, service, other_service):
    municipality = OrganisationFactory()
    owned_elsewhere = EstablishmentFactory(owner=municipality, supervising_service=service)
    SharingAgreementFactory(owner=service, partners=[other_service], kinds=["inspections"])
    inspection = InspectionFactory(establishment=owned_elsewhere, owner=service, **_within_the_window())
    body = read(partner, owned_elsewhere.company_id).json()
    assert [e["id"] for e in body["establishments"]] == [owned_elsewhere.pk]
    assert [i["id"] for i in body["inspections"]] == [inspection.pk]


def test_records_of_a_sharing_source_about_an_establishment_it_does_not_hold_are_not_shown(
    partner, service, other_service, establishment
):
    """After a hand-over the old service's inspections stay its own; they are not a way into the new one's data."""
    handed_over = EstablishmentFactory(company=establishment.company)  # owner and supervisor: a third service
    InspectionFactory(establishment=handed_over, owner=service, **_within_the_window())
    shared = InspectionFactory(establishment=establishment, **_within_the_window())
    SharingAgreementFactory(owner=service, partners=[other_service], kinds=["inspections"])
    body = read(partner, establishment.company_id).json()
    assert [e["id"] for e in body["establishments"]] == [establishment.pk]
    assert [i["id"] for i in body["inspections"]] == [shared.pk]


def test_a_purpose_the_source_does_not_share_for_is_refused_and_not_logged(
    client, partner, service, other_service, establishment
):
    SharingAgreementFactory(owner=service, partners=[other_service], purpose_code="risk_analysis")
    assert read(partner, establishment.company_id, "enforcement").status_code == 400
    client.force_login(partner)
    page = client.post(reverse("sharing:dossier", args=[establishment.company_id]), {"purpose": "enforcement"})
    assert "Voor dit doel deelt geen bron gegevens" in page.content.decode()
    assert not AccessLog.objects.exists()


def test_the_page_shows_only_the_shared_establishments(client, partner, service, other_service, establishment):
    EstablishmentFactory(company=establishment.company, name="Niet Gedeeld Depot")
    SharingAgreementFactory(owner=service, partners=[other_service])
    client.force_login(partner)
    page = client.post(reverse("sharing:dossier", args=[establishment.company_id]), {"purpose": "supervision"})
    text = page.content.decode()
    assert establishment.name in text and "Niet Gedeeld Depot" not in text
