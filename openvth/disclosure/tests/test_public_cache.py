"""The public site from the shared cache: a withdrawal shows at once on every answer, a cached answer reads none of
the page's tables, and conditional GETs get 304 (openvth.core.cache, openvth.disclosure.public_cache).

These tests commit (transaction=True), as requests of other workers would see the data: inside an open transaction
that changed public data the cache is bypassed (test_public.py covers that path)."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import URLResolver, reverse

from openvth.core import cache, clock
from openvth.disclosure import services
from openvth.disclosure.models import Publication
from openvth.register.models import Establishment
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory

from .factories import officer, publication

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Besluit dat wordt ingetrokken"


@pytest.fixture(autouse=True)
def empty_cache():
    caches[cache.ALIAS].clear()  # the cache table outlives the flush between committing tests
    yield
    caches[cache.ALIAS].clear()


@pytest.fixture
def client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def chemie(service):
    company = CompanyFactory(owner=service, name="Chemie Delfzijl B.V.", kvk_number="12345678")
    return EstablishmentFactory(owner=service, company=company, name="Chemie Delfzijl Oost", place="Farmsum")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def parquet_titles(response) -> list[str]:
    return pq.read_table(io.BytesIO(body(response))).column("title").to_pylist()


def test_a_withdrawn_publication_disappears_at_once_from_every_cached_answer(client, chemie, service):
    withdrawn = publication(chemie, title=TITLE)
    kept = publication(chemie, title="Resultaat dat openbaar blijft")
    pages = {
        "company page": reverse("disclosure:public_company", args=[chemie.company_id]),
        "search": reverse("disclosure:public_home") + "?q=chemie",
        "feed": reverse("disclosure:public_feed"),
        "open data csv": reverse("disclosure:public_download", args=["csv"]),
        "open data json": reverse("disclosure:public_download", args=["json"]),
    }
    publication_page = reverse("disclosure:public_publication", args=[withdrawn.pk])
    parquet = reverse("disclosure:public_download", args=["parquet"])
    for _twice in range(2):  # the second round comes from the cache
        assert all(TITLE in body(client.get(url)).decode() for url in pages.values())
        assert client.get(publication_page).status_code == 200
        assert TITLE in parquet_titles(client.get(parquet))
    assert not client.get(pages["company page"]).streaming  # served from the cache: no longer rendered

    services.withdraw(user=officer(service, username="publicatie"), publication=withdrawn, reason="Herroepen.")

    shown = {name: TITLE in body(client.get(url)).decode() for name, url in pages.items()}
    assert shown == dict.fromkeys(pages, False)
    assert client.get(publication_page).status_code == 404
    assert parquet_titles(client.get(parquet)) == [kept.title]
    rows = list(csv.DictReader(io.StringIO(body(client.get(pages["open data csv"])).decode())))
    assert [r["id"] for r in rows] == [str(kept.pk)]
    assert [r["id"] for r in json.loads(body(client.get(pages["open data json"])))] == [kept.pk]


def test_a_publication_published_later_shows_at_once(client, chemie, service):
    page = reverse("disclosure:public_company", args=[chemie.company_id])
    client.get(page)
    approved = publication(chemie, status=Publication.Status.APPROVED, title="Nieuw resultaat")
    assert "Nieuw resultaat" not in client.get(page).content.decode()  # an approved one is not public yet
    services.publish(user=officer(service, username="publicatie"), publication=approved)
    assert "Nieuw resultaat" in client.get(page).content.decode()


def test_a_cached_answer_reads_only_the_cache(client, chemie, django_assert_num_queries):
    publication(chemie)
    page = reverse("disclosure:public_company", args=[chemie.company_id])
    first = client.get(page)
    with django_assert_num_queries(1) as captured:  # the generation and the answer, in one query
        again = client.get(page)
    assert "openvth_public_cache" in captured.captured_queries[0]["sql"]
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_cached_page_is_answered_before_the_url_is_resolved_and_has_every_header(client, chemie, monkeypatch):
    page = reverse("disclosure:public_company", args=[chemie.company_id])
    first = client.get(page)

    def not_reached(*args, **kwargs):
        raise AssertionError("a cached page is answered before the URL is resolved")

    monkeypatch.setattr(URLResolver, "resolve", not_reached)
    again = client.get(page)
    assert again.status_code == 200 and again.content == first.content
    for header in ("Cache-Control", "Content-Type", "Content-Security-Policy", "X-Frame-Options", "ETag"):
        assert again[header] == first[header]
    assert "public" in again["Cache-Control"]
    assert again["Content-Length"] == str(len(first.content))
    assert again["X-Request-ID"] and again["X-Request-ID"] != first["X-Request-ID"]
    assert client.get(page, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_a_staff_field_of_an_establishment_keeps_the_cache_a_public_one_renews_it(client, chemie):
    page = reverse("disclosure:public_company", args=[chemie.company_id])
    first_etag = client.get(page)["ETag"]
    chemie.brzo_tier = Establishment.BrzoTier.UPPER
    chemie.save(update_fields=["brzo_tier"])
    assert client.get(page, headers={"if-none-match": first_etag}).status_code == 304
    chemie.name = "Chemie Delfzijl West"
    chemie.save(update_fields=["name"])
    renewed = client.get(page, headers={"if-none-match": first_etag})
    assert renewed.status_code == 200
    assert "Chemie Delfzijl West" in renewed.content.decode()


def test_a_conditional_get_with_the_etag_or_the_date_is_a_304_without_body(client, chemie):
    publication(chemie)
    page = reverse("disclosure:public_company", args=[chemie.company_id])
    first = client.get(page)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    for headers in ({"if-none-match": first["ETag"]}, {"if-modified-since": first["Last-Modified"]}):
        not_modified = client.get(page, headers=headers)
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert "public" in not_modified["Cache-Control"]
        assert not_modified["ETag"] == first["ETag"]
    assert client.get(page, headers={"if-none-match": '"something-else"'}).status_code == 200


def test_an_answer_larger_than_the_limit_is_streamed_and_not_kept(client, chemie, monkeypatch):
    publication(chemie)
    monkeypatch.setattr(cache, "MAX_BYTES", 64)
    url = reverse("disclosure:public_download", args=["csv"])
    first, second = body(client.get(url)), client.get(url)
    assert second.streaming  # rendered again: nothing was kept
    assert body(second) == first


def test_a_404_is_not_kept(client, chemie, service):
    approved = publication(chemie, status=Publication.Status.APPROVED, title="Later openbaar")
    page = reverse("disclosure:public_publication", args=[approved.pk])
    assert client.get(page).status_code == 404
    Publication.objects.filter(pk=approved.pk).update(
        status=Publication.Status.PUBLISHED, published_at=clock.now()
    )  # no signal
    assert client.get(page).status_code == 200
