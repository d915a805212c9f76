"""The dashboard, data-quality and Staat van de VTH pages: login, own figures, the country for the programme office."""

import pytest
from django.urls import reverse

from openvth.core import clock
from openvth.monitoring import services
from openvth.register.tests.factories import EstablishmentFactory


@pytest.fixture
def measured(service):
    EstablishmentFactory(owner=service, rd_x=None, name="Zonder Coördinaten B.V.")
    services.take_snapshot(today=clock.today())


@pytest.mark.parametrize("name", ["dashboard", "quality", "staat", "staat_pdf"])
def test_pages_need_a_login(client, db, name):
    assert client.get(reverse(f"monitoring:{name}")).status_code == 302


def test_an_organisation_sees_its_own_figures_not_the_country(client, member, measured):
    client.force_login(member)
    page = client.get(reverse("monitoring:quality")).content.decode()
    assert '<th scope="col">Omgevingsdienst Eigen Regio</th>' in page and ">Nederland<" not in page
    assert ">Nederland " not in client.get(reverse("monitoring:dashboard")).content.decode()


def test_the_programme_office_also_sees_the_country(client, office, measured):
    client.force_login(office)
    assert ">Nederland " in client.get(reverse("monitoring:dashboard")).content.decode()


def test_failing_records_link_to_their_pages(client, member, outsider, measured):
    client.force_login(member)
    page = client.get(reverse("monitoring:quality_rule", args=["vestiging-coordinaten"])).content.decode()
    assert "Zonder Coördinaten B.V." in page and "/vestigingen/" in page
    client.force_login(outsider)
    page = client.get(reverse("monitoring:quality_rule", args=["vestiging-coordinaten"])).content.decode()
    assert "Zonder Coördinaten B.V." not in page
    assert client.get(reverse("monitoring:quality_rule", args=["bestaat-niet"])).status_code == 404


def test_staat_van_de_vth_as_html_and_pdf(client, office, measured):
    client.force_login(office)
    html = client.get(reverse("monitoring:staat")).content.decode()
    assert "Staat van de VTH" in html and "<svg" in html
    response = client.get(reverse("monitoring:staat_pdf"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
