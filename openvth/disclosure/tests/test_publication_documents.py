"""The published document (issue 15, item 7): a PDF with black boxes carrying the Woo ground and a text layer free of
the removed text, the DiWoo metadata for the national Woo index (per publication, as a sitemap and in the open data),
and the end of the IED public deadline when an inspection result is published."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from openvth.core import clock
from openvth.disclosure import diwoo, services
from openvth.disclosure.models import Publication
from openvth.register.models import Organisation
from openvth.supervision.selectors.inspections import report_deadlines
from openvth.supervision.tests.factories import InspectionFactory
from openvth.testing.pdf import pdf_text

from .factories import closed_inspection, officer, publication

pytestmark = pytest.mark.django_db
NS = {"diwoo": diwoo.NAMESPACE, "sm": diwoo.SITEMAP_NAMESPACE}


def _publish(member, inspection):
    reviewer = officer(inspection.owner)
    proposal = services.propose_inspection(user=member, inspection=inspection)
    services.approve(user=reviewer, publication=proposal)
    return services.publish(user=reviewer, publication=proposal)


def test_the_pdf_shows_each_removed_passage_as_its_ground_and_its_text_holds_none_of_them(member, establishment):
    published = _publish(member, closed_inspection(establishment))
    removed = [published.source_text[d.start : d.end] for d in published.decisions.filter(decision="redact")]
    assert {"06-12345678", "111222333"} <= set(removed)
    response = Client().get(reverse("disclosure:public_publication_pdf", args=[published.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert not [item for item in removed if item in text]
    assert "5.1.2e" in text and "5.1.1e" in text and "eerbiediging van de persoonlijke levenssfeer" in text
    assert "Chemie Delfzijl B.V." in text


@pytest.mark.parametrize(
    "status", [Publication.Status.PROPOSED, Publication.Status.APPROVED, Publication.Status.WITHDRAWN]
)
def test_an_unpublished_publication_has_no_pdf_and_no_metadata(establishment, status):
    hidden = publication(establishment, status=status)
    for name in ("disclosure:public_publication_pdf", "disclosure:public_publication_diwoo"):
        assert Client().get(reverse(name, args=[hidden.pk])).status_code == 404
    assert f"/{hidden.pk}/" not in Client().get(reverse("disclosure:public_diwoo_sitemap")).content.decode()


@pytest.mark.parametrize(
    ("code", "identifier"),
    [
        ("GM0014", "https://identifier.overheid.nl/tooi/id/gemeente/gm0014"),
        ("PV20", "https://identifier.overheid.nl/tooi/id/provincie/pv20"),
        ("WS0155", "https://identifier.overheid.nl/tooi/id/waterschap/ws0155"),
        ("MNRE1130", "https://identifier.overheid.nl/tooi/id/ministerie/mnre1130"),
        ("SO0721", "https://identifier.overheid.nl/tooi/id/so/so0721"),  # an omgevingsdienst in TOOI
        ("OD-ODRN", None),  # an omgevingsdienst's own code
        ("GM9999", None),  # a municipality's pattern, but no such municipality in TOOI
    ],
)
def test_the_publisher_is_a_tooi_identifier_from_the_registers_code(code, identifier):
    assert diwoo.tooi_identifier(Organisation(code=code)) == identifier


def test_each_publication_has_its_diwoo_metadata(establishment):
    establishment.competent_authority.code = "GM0014"
    establishment.competent_authority.save()
    result = publication(establishment)
    decision = publication(establishment, kind=Publication.Kind.ENFORCEMENT_DECISION, compliant=False)
    root = ET.fromstring(Client().get(reverse("disclosure:public_publication_diwoo", args=[result.pk])).content)
    block = root.find("diwoo:DiWoo", NS)
    publisher = block.find("diwoo:publisher", NS)
    assert publisher.get("resource") == "https://identifier.overheid.nl/tooi/id/gemeente/gm0014"
    assert publisher.text == establishment.competent_authority.name
    assert block.find("diwoo:opsteller", NS).text == establishment.owner.name
    assert block.find("diwoo:titelcollectie/diwoo:officieleTitel", NS).text == result.title
    category = block.find("diwoo:classificatiecollectie/diwoo:informatiecategorieen/diwoo:informatiecategorie", NS)
    assert category.get("resource").endswith("/c_816e508d")
    assert block.find("diwoo:creatiedatum", NS).text == result.decided_on.isoformat()
    other = ET.fromstring(Client().get(reverse("disclosure:public_publication_diwoo", args=[decision.pk])).content)
    assert other.find(".//diwoo:informatiecategorie", NS).text == "beschikkingen"


def test_the_sitemap_lists_every_published_document_with_its_metadata(establishment):
    published = [publication(establishment), publication(establishment)]
    root = ET.fromstring(Client().get(reverse("disclosure:public_diwoo_sitemap")).content)
    urls = root.findall("sm:url", NS)
    locations = {u.find("sm:loc", NS).text for u in urls}
    assert locations == {
        f"http://testserver{reverse('disclosure:public_publication_pdf', args=[p.pk])}" for p in published
    }
    assert all(u.find("diwoo:Document/diwoo:DiWoo/diwoo:publisher", NS) is not None for u in urls)


def test_the_open_data_carries_the_diwoo_publisher_and_category(establishment):
    establishment.competent_authority.code = "PV20"
    establishment.competent_authority.save()
    publication(establishment)
    rows = Client().get(reverse("disclosure:public_download", args=["json"]))
    (row,) = json.loads(b"".join(rows.streaming_content))
    assert row["publisher"] == "https://identifier.overheid.nl/tooi/id/provincie/pv20"
    assert row["information_category"] == "inspanningsverplichting art 3.1 Woo"


@pytest.mark.date_sensitive
def test_publishing_an_ied_inspection_result_ends_its_public_deadline(member, establishment):
    establishment.ied = True
    establishment.save()
    visit = clock.today() - datetime.timedelta(days=30)
    inspection = InspectionFactory(establishment=establishment, summary="Alles in orde.", performed_on=visit)
    assert report_deadlines(inspection, today=clock.today()).public.open
    _publish(member, inspection)
    inspection.refresh_from_db()
    assert inspection.report_published_on == clock.today()
    public = report_deadlines(inspection, today=clock.today()).public
    assert not public.open and not public.late


def test_an_earlier_recorded_publication_day_is_kept(member, establishment):
    inspection = closed_inspection(establishment)
    inspection.report_published_on = datetime.date(2024, 5, 1)
    inspection.save()
    _publish(member, inspection)
    inspection.refresh_from_db()
    assert inspection.report_published_on == datetime.date(2024, 5, 1)
