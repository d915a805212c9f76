"""The public API: anyone may read published publications and companies; nothing else exists there."""

import pytest
from rest_framework.test import APIClient

from openvth.disclosure import public
from openvth.disclosure.models import Publication
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.testing.api import problem

from .factories import publication

pytestmark = pytest.mark.django_db
API = "/api/v1/public"


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)  # anonymous, no session


@pytest.fixture
def chemie(service):
    company = CompanyFactory(owner=service, name="Chemie Delfzijl B.V.", kvk_number="12345678")
    return EstablishmentFactory(owner=service, company=company, name="Chemie Delfzijl Oost", place="Farmsum")


def test_publications_list_holds_only_published_ones_with_the_public_fields(api, chemie):
    shown = publication(chemie)
    publication(chemie, status=Publication.Status.APPROVED)
    response = api.get(f"{API}/publications")
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item["id"] == shown.pk
    assert list(item) == [f.name for f in public.PUBLICATION_FIELDS]


def test_publications_filter_by_company(api, chemie, service):
    publication(chemie)
    other = publication(EstablishmentFactory(owner=service))
    found = api.get(f"{API}/publications", {"company": other.establishment.company_id}).json()["results"]
    assert [p["id"] for p in found] == [other.pk]
    assert problem(api.get(f"{API}/publications", {"company": "abc"}), 400)["invalid-params"][0]["name"] == "company"


def test_publication_detail_of_a_published_one(api, chemie):
    shown = publication(chemie, public_text="Geen overtreding.")
    body = api.get(f"{API}/publications/{shown.pk}").json()
    assert (body["public_text"], body["kvk_number"], body["company_name"]) == (
        "Geen overtreding.",
        "12345678",
        "Chemie Delfzijl B.V.",
    )


@pytest.mark.parametrize("status", [Publication.Status.PROPOSED, Publication.Status.WITHDRAWN])
def test_an_unpublished_publication_does_not_exist(api, chemie, status):
    hidden = publication(chemie, status=status)
    assert problem(api.get(f"{API}/publications/{hidden.pk}"), 404)["status"] == 404


def test_companies_list_and_search(api, chemie, service):
    CompanyFactory(owner=service, name="Bakkerij Zoet B.V.")
    names = [c["name"] for c in api.get(f"{API}/companies").json()["results"]]
    assert names == ["Bakkerij Zoet B.V.", "Chemie Delfzijl B.V."]
    found = api.get(f"{API}/companies", {"q": "12345678"}).json()["results"]
    assert found == [{"id": chemie.company_id, "name": "Chemie Delfzijl B.V.", "kvk_number": "12345678",
                      "legal_form": "besloten vennootschap"}]  # fmt: skip


def test_company_detail_with_establishments_and_compliance_history(api, chemie):
    body = api.get(f"{API}/companies/{chemie.company_id}").json()
    assert [e["name"] for e in body["establishments"]] == ["Chemie Delfzijl Oost"]
    assert len(body["compliance_history"]) == 12
    assert set(body["compliance_history"][0]) == {"year", "quarter", "compliant", "violations"}


def test_unknown_company_is_a_problem(api):
    assert problem(api.get(f"{API}/companies/999999"), 404)["title"] == "Niet gevonden."


def test_answers_are_cacheable_and_need_no_login(api, chemie):
    response = api.get(f"{API}/companies/{chemie.company_id}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert not response.cookies


def test_the_public_api_is_read_only(api):
    assert problem(api.post(f"{API}/publications", {}, format="json"), 405)["status"] == 405


def test_the_public_api_is_throttled(api, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from openvth.disclosure.api.views import PublicThrottle

    PublicThrottle.rate = "2/min"
    try:
        codes = [api.get(f"{API}/companies").status_code for _ in range(3)]
    finally:
        PublicThrottle.rate = "300/min"
    assert codes == [200, 200, 429]
