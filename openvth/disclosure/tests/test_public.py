"""The public site without login: search, company page, compliance history, feed, open data and cache headers."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pyarrow.parquet as pq
import pytest
from django.test import Client
from django.urls import reverse

from openvth.core import clock
from openvth.disclosure import public
from openvth.disclosure.models import Publication
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory

from .factories import publication

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HOME = reverse("disclosure:public_home")


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def chemie(service):
    company = CompanyFactory(owner=service, name="Chemie Delfzijl B.V.", kvk_number="12345678")
    return EstablishmentFactory(owner=service, company=company, name="Chemie Delfzijl Oost", place="Farmsum")


@pytest.fixture
def sole_trader(service):
    company = CompanyFactory(
        owner=service, name="Loodgieter Pietersen", kvk_number="87654321", legal_form=Company.LegalForm.EENMANSZAAK
    )
    return EstablishmentFactory(
        owner=service, company=company, name="Loodgieter Pietersen", street="Wilgenlaan", place="Farmsum",
        is_home_address=True,
    )  # fmt: skip


@pytest.mark.parametrize("query", ["chemie delf", "Delfzijl Oost", "12345678", "1234 5678", "farmsum"])
def test_search_finds_a_company_by_name_kvk_or_place(client, chemie, query):
    response = client.get(HOME, {"q": query})
    assert response.status_code == 200
    assert [r["company"]["name"] for r in response.context["results"]] == ["Chemie Delfzijl B.V."]


def test_search_finds_nothing_for_a_name_that_is_not_there(client, chemie):
    assert client.get(HOME, {"q": "Bakkerij"}).context["results"] == []


def test_a_natural_person_is_found_by_place_only_and_without_name_or_address(client, sole_trader):
    assert client.get(HOME, {"q": "Pietersen"}).context["results"] == []
    assert client.get(HOME, {"q": "87654321"}).context["results"] == []
    [found] = client.get(HOME, {"q": "Farmsum"}).context["results"]
    assert found["company"]["kvk_number"] is None
    assert found["address"] is None
    assert "Pietersen" not in found["name"]


def test_a_home_address_of_a_legal_person_keeps_the_name_but_hides_the_address(service):
    establishment = EstablishmentFactory(owner=service, name="Webwinkel Noord", is_home_address=True)
    record = public.establishment_record(establishment)
    assert record["name"] == "Webwinkel Noord"
    assert record["address"] is None
    assert record["place"] is None


def test_company_page_lists_only_published_publications(client, chemie):
    shown = publication(chemie, title="Resultaat openbaar")
    for status in (Publication.Status.PROPOSED, Publication.Status.APPROVED, Publication.Status.WITHDRAWN):
        publication(chemie, status=status, title=f"Resultaat {status}")
    response = client.get(reverse("disclosure:public_company", args=[chemie.company_id]))
    assert [p["id"] for p in response.context["publications"]] == [shown.pk]
    assert "Resultaat openbaar" in response.content.decode()


def test_a_withdrawn_publication_disappears_from_every_public_page(client, chemie):
    withdrawn = publication(chemie, title="Besluit dat wordt ingetrokken")
    pages = [
        reverse("disclosure:public_company", args=[chemie.company_id]),
        reverse("disclosure:public_home"),
        reverse("disclosure:public_feed"),
    ]
    assert all("Besluit dat wordt ingetrokken" in client.get(url).content.decode() for url in pages)
    Publication.objects.filter(pk=withdrawn.pk).update(status=Publication.Status.WITHDRAWN)
    assert not any("Besluit dat wordt ingetrokken" in client.get(url).content.decode() for url in pages)
    assert client.get(reverse("disclosure:public_publication", args=[withdrawn.pk])).status_code == 404


def test_compliance_history_counts_published_inspection_results_per_quarter_over_three_years(chemie):
    other_site = EstablishmentFactory(owner=chemie.owner, company=chemie.company)
    publication(chemie, decided_on=datetime.date(2025, 5, 2), compliant=True)
    publication(other_site, decided_on=datetime.date(2025, 6, 30), compliant=False)
    publication(chemie, decided_on=datetime.date(2023, 1, 5), compliant=False)  # first quarter of the 3 years
    publication(chemie, decided_on=datetime.date(2022, 12, 31), compliant=False)  # older: not counted
    publication(chemie, decided_on=datetime.date(2025, 5, 3), compliant=False, status=Publication.Status.PROPOSED)
    decision = Publication.Kind.ENFORCEMENT_DECISION
    publication(chemie, decided_on=datetime.date(2025, 5, 4), compliant=None, kind=decision)

    history = public.compliance_history(chemie.company_id, today=datetime.date(2025, 11, 20))

    assert len(history) == 12
    assert (history[0].label, history[-1].label) == ("2023 K1", "2025 K4")
    by_label = {q.label: (q.compliant, q.violations) for q in history}
    assert by_label["2023 K1"] == (0, 1)
    assert by_label["2025 K2"] == (1, 1)
    assert sum(q.compliant + q.violations for q in history) == 3


def test_company_page_shows_the_compliance_history(client, chemie):
    publication(chemie, decided_on=clock.today(), compliant=False)
    response = client.get(reverse("disclosure:public_company", args=[chemie.company_id]))
    assert response.context["history"][-1].violations == 1
    assert "Naleving per kwartaal" in response.content.decode()


def test_an_unknown_company_is_not_found(client):
    assert client.get(reverse("disclosure:public_company", args=[999999])).status_code == 404


def test_atom_feed_is_valid_and_lists_the_newest_publications_first(client, chemie):
    older = publication(chemie, title="Oudere publicatie", published_at=clock.now() - datetime.timedelta(days=3))
    newer = publication(chemie, title="Nieuwe publicatie")
    publication(chemie, title="Nog een voorstel", status=Publication.Status.PROPOSED)
    response = client.get(reverse("disclosure:public_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"Chemie Delfzijl B.V.: {newer.title}",
        f"Chemie Delfzijl B.V.: {older.title}",
    ]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("disclosure:public_publication", args=[newer.pk]))


@pytest.fixture
def published_set(chemie, sole_trader):
    rows = [publication(chemie, compliant=True), publication(sole_trader, compliant=False)]
    publication(chemie, status=Publication.Status.APPROVED)
    publication(chemie, status=Publication.Status.WITHDRAWN)
    return rows


def _download(client, fmt: str) -> bytes:
    response = client.get(reverse("disclosure:public_download", args=[fmt]))
    assert response.status_code == 200
    assert "publicaties." + fmt in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def _field_names() -> list[str]:
    return [f.name for f in public.PUBLICATION_FIELDS]


def test_csv_download_holds_exactly_the_published_rows_and_the_public_fields(client, published_set):
    rows = list(csv.DictReader(io.StringIO(_download(client, "csv").decode())))
    assert list(rows[0]) == _field_names()
    assert sorted(int(r["id"]) for r in rows) == sorted(p.pk for p in published_set)
    personal = next(r for r in rows if r["compliant"] == "false")
    assert personal["kvk_number"] == "" and personal["address"] == ""


def test_json_download_holds_exactly_the_published_rows_and_the_public_fields(client, published_set):
    rows = json.loads(_download(client, "json"))
    assert all(list(r) == _field_names() for r in rows)
    assert sorted(r["id"] for r in rows) == sorted(p.pk for p in published_set)


def test_parquet_download_reads_back_with_the_published_rows_and_the_public_fields(client, published_set):
    table = pq.read_table(io.BytesIO(_download(client, "parquet")))
    assert table.column_names == _field_names()
    assert sorted(table.column("id").to_pylist()) == sorted(p.pk for p in published_set)
    assert sorted(table.column("compliant").to_pylist()) == [False, True]


def test_parquet_download_without_publications_is_a_file_with_the_schema(client):
    table = pq.read_table(io.BytesIO(_download(client, "parquet")))
    assert (table.num_rows, table.column_names) == (0, _field_names())


def test_field_dictionary_lists_every_field_as_a_page_and_as_json(client):
    page = client.get(reverse("disclosure:public_open_data")).content.decode()
    listed = client.get(reverse("disclosure:public_fields")).json()["fields"]
    assert [f["name"] for f in listed] == _field_names()
    assert all(f["description"] for f in listed)
    assert all(f"<code>{name}</code>" in page for name in _field_names())


PUBLIC_PAGES = [
    ("disclosure:public_home", []),
    ("disclosure:public_open_data", []),
    ("disclosure:public_feed", []),
    ("disclosure:public_fields", []),
    ("disclosure:public_download", ["csv"]),
]


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_public_pages_are_cacheable_by_anyone_and_set_no_cookie(client, chemie, name, args):
    publication(chemie)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert {"public", "max-age=300"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_public_page_offers_staff_only_a_small_login_link(client):
    page = client.get(HOME).content.decode()
    assert reverse("login") in page
    assert reverse("register:search") not in page  # none of the staff menu
