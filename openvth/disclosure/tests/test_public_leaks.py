"""Test it by trying: secrets in unpublished publications, in internal source texts and personal data in the
register (also in a title and a public text approved before the one policy), then every public page, the feed, every
download, every PDF, the DiWoo metadata and every API answer is searched for them."""

import io
from urllib.parse import parse_qs, urlsplit

import pyarrow.parquet as pq
import pytest
from django.test import Client
from django.urls import reverse

from openvth.disclosure.models import Publication
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.testing.pdf import pdf_text

from .factories import publication

pytestmark = pytest.mark.django_db

SECRETS = [
    "GEHEIM-BRONTEKST",  # the internal source text of a published publication
    "GEHEIM-VOORSTEL",  # a proposal
    "GEHEIM-GOEDGEKEURD",  # approved but not published
    "GEHEIM-INGETROKKEN",  # withdrawn
    "Pietersen",  # the name of a sole trader
    "87654321",  # the KvK number of a sole trader
    "Wilgenlaan",  # a sole trader's home address
    "Berkenlaan",  # the home address of a company's establishment
]


@pytest.fixture
def world(service):
    chemie = EstablishmentFactory(owner=service, company=CompanyFactory(owner=service, name="Chemie Delfzijl B.V."))
    sole_trader = EstablishmentFactory(
        owner=service,
        company=CompanyFactory(
            owner=service, name="Loodgieter Pietersen", kvk_number="87654321", legal_form=Company.LegalForm.EENMANSZAAK
        ),
        name="Loodgieter Pietersen",
        street="Wilgenlaan",
        place="Farmsum",
        is_home_address=True,
    )
    home = EstablishmentFactory(owner=service, company=chemie.company, street="Berkenlaan", is_home_address=True)
    published = [
        publication(chemie, source_text="Toezichthouder J. de Vries, GEHEIM-BRONTEKST, 06-12345678."),
        publication(
            sole_trader,
            title="Inspectieresultaat Loodgieter Pietersen (10-03-2025)",  # as titles were made before the policy
            public_text="Bij Loodgieter Pietersen, Wilgenlaan 3 (KvK 87654321), is niets vastgesteld.",
            source_text="GEHEIM-BRONTEKST Pietersen",
        ),
        publication(home, title="Inspectie thuiswerkplaats", source_text="GEHEIM-BRONTEKST Berkenlaan 3"),
    ]
    for status, secret in [
        (Publication.Status.PROPOSED, "GEHEIM-VOORSTEL"),
        (Publication.Status.APPROVED, "GEHEIM-GOEDGEKEURD"),
        (Publication.Status.WITHDRAWN, "GEHEIM-INGETROKKEN"),
    ]:
        publication(chemie, status=status, title=secret, public_text=secret, source_text=secret)
    hidden = list(Publication.objects.exclude(status=Publication.Status.PUBLISHED))
    return {"published": published, "hidden": hidden, "companies": [chemie.company, sole_trader.company]}


def _public_urls(world) -> list[str]:
    companies = [c.pk for c in world["companies"]]
    publications = [p.pk for p in world["published"] + world["hidden"]]
    return [
        *(reverse("disclosure:public_home") + f"?q={q}" for q in ["", "Farmsum", "Testdorp", "Pietersen", "87654321"]),
        *(reverse("disclosure:public_company", args=[pk]) for pk in companies),
        *(reverse("disclosure:public_publication", args=[pk]) for pk in publications),
        *(reverse("disclosure:public_publication_pdf", args=[pk]) for pk in publications),
        *(reverse("disclosure:public_publication_diwoo", args=[pk]) for pk in publications),
        reverse("disclosure:public_diwoo_sitemap"),
        reverse("disclosure:public_feed"),
        reverse("disclosure:public_open_data"),
        reverse("disclosure:public_fields"),
        *(reverse("disclosure:public_download", args=[fmt]) for fmt in ["csv", "json"]),
        "/api/v1/public/publications",
        *(f"/api/v1/public/publications/{pk}" for pk in publications),
        "/api/v1/public/companies",
        *(f"/api/v1/public/companies?q={q}" for q in ["Farmsum", "Pietersen", "87654321"]),
        *(f"/api/v1/public/companies/{pk}" for pk in companies),
    ]


def _text(response, url: str) -> str:
    """The answer without the search term it repeats back (a visitor's own words are no leak)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type") == "application/pdf":
        return pdf_text(content)
    text = content.decode()
    query = parse_qs(urlsplit(url).query).get("q", [""])[0]
    return text.replace(query, "") if query else text


def test_nothing_unpublished_internal_or_personal_is_reachable(world):
    client = Client()
    reached = 0
    for url in _public_urls(world):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        reached += response.status_code == 200
        leaked = [secret for secret in SECRETS if secret in _text(response, url)]
        assert not leaked, f"{url} toont {leaked}"
    parquet = client.get(reverse("disclosure:public_download", args=["parquet"]))
    table = pq.read_table(io.BytesIO(b"".join(parquet.streaming_content)))
    cells = " ".join(str(v) for column in table.to_pylist() for v in column.values())
    assert not [secret for secret in SECRETS if secret in cells]
    assert sorted(table.column("id").to_pylist()) == sorted(p.pk for p in world["published"])
    assert reached > 20  # the pages were really there, not just 404s


def test_the_published_ones_are_there_with_their_public_text(world):
    feed = Client().get(reverse("disclosure:public_feed")).content.decode()
    chemie, sole_trader, home = world["published"]
    assert chemie.title in feed and home.title in feed
    assert "Inspectieresultaat [5.1.2e] (10-03-2025)" in feed  # the sole trader's old title, its name removed
