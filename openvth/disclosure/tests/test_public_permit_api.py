"""Open permits in the public API (issue 20, item 3): the released permit of an establishment as it stood on a day,
and the list of released permits; the same release, days, messages and masking as the public page, nothing before
the release is published and nothing after it is withdrawn."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from openvth.core import clock
from openvth.disclosure import public, services
from openvth.disclosure.models import Publication
from openvth.register.models import Company
from openvth.register.tests.factories import CompanyFactory, EstablishmentFactory
from openvth.testing.api import problem

from .factories import officer, permit_release
from .test_permit_release import AMEND, GRANT, published, record

pytestmark = pytest.mark.django_db
API = "/api/v1/public"
ORIGIN = "https://kaart.example.org"
Status = Publication.Status
DETAIL_EXTRA = ["on", "decisions", "provisions", "revocation", "links"]


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)  # anonymous, no session


@pytest.fixture
def reviewer(service):
    return officer(service, username="publicatie")


@pytest.fixture
def permitted(owner, establishment):
    record(owner, establishment, GRANT, AMEND)
    return establishment


@pytest.fixture
def release(owner, permitted, reviewer):
    return published(services.propose_permit(user=owner, establishment=permitted), reviewer)


def permit_url(establishment) -> str:
    return f"{API}/establishments/{establishment.pk}/permit"


def page(establishment, **params):
    return Client().get(reverse("disclosure:public_permit", args=[establishment.pk]), params)


# --- the permit of an establishment -------------------------------------------------------------------------------


def test_the_released_permit_today_with_its_decisions_provisions_release_and_links(api, permitted, release):
    response = api.get(permit_url(permitted))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == [f.name for f in public.PERMIT_DETAIL_FIELDS] + DETAIL_EXTRA
    assert body["on"] == clock.today().isoformat() and body["first_day"] == "2021-03-01"
    assert body["publication_id"] == release.pk and body["decided_on"] == "2023-05-10"
    assert body["published_at"].startswith(release.published_at.date().isoformat())
    assert (body["establishment_id"], body["company_id"]) == (permitted.pk, permitted.company_id)
    assert body["establishment_name"] == "Chemie Delfzijl B.V." and body["information_category"] == "beschikkingen"
    assert [(d["reference"], d["kind"], d["decided_on"], d["effective_from"]) for d in body["decisions"]] == [
        ("OV-2023-014", "amend", "2023-05-10", "2023-06-01"),
        ("OV-2021-001", "grant", "2021-02-15", "2021-03-01"),
    ]
    assert [(p["number"], p["valid_from"], p["valid_until"]) for p in body["provisions"]] == [
        ("1", "2023-06-01", None),
        ("2", "2021-03-01", None),
    ]  # 10 was revoked in 2023
    assert body["provisions"][0]["text"] == "Het geluidsniveau is ten hoogste 45 dB(A) op de erfgrens."
    assert body["provisions"][0]["decision_reference"] == "OV-2023-014" and body["revocation"] is None
    # the approved texts only: the personal data in provision 2 are removed, as on the page
    assert "Jan Bakker" not in response.content.decode() and "[5.1.2e]" in body["provisions"][1]["text"]
    assert page(permitted).context["permit"]["provisions"] == public.permit_on(release, clock.today())["provisions"]
    today = clock.today().isoformat()
    links = body["links"]
    assert links["self"] == f"http://testserver{permit_url(permitted)}?on={today}"
    assert links["permalink"].endswith(f"{reverse('disclosure:public_permit', args=[permitted.pk])}?op={today}")
    assert links["diwoo"].endswith(reverse("disclosure:public_publication_diwoo", args=[release.pk]))
    assert links["pdf"].endswith(reverse("disclosure:public_publication_pdf", args=[release.pk]))
    assert Client().get(links["permalink"].removeprefix("http://testserver")).status_code == 200
    assert Client().get(links["diwoo"].removeprefix("http://testserver")).status_code == 200


def test_the_permit_as_it_stood_on_a_day(api, permitted, release):
    body = api.get(permit_url(permitted), {"on": "2022-01-01"}).json()
    assert body["on"] == "2022-01-01"
    assert [p["number"] for p in body["provisions"]] == ["1", "2", "10"]
    assert body["provisions"][0]["text"].startswith("Het geluidsniveau is ten hoogste 50 dB(A)")
    assert body["provisions"][0]["valid_until"] == "2023-06-01"
    assert [d["reference"] for d in body["decisions"]] == ["OV-2021-001"]
    assert body["links"]["self"].endswith("?on=2022-01-01") and body["links"]["permalink"].endswith("?op=2022-01-01")
    on_first_day = api.get(permit_url(permitted), {"on": "2021-03-01"}).json()
    assert [p["number"] for p in on_first_day["provisions"]] == ["1", "2", "10"]
    later = (clock.today() + timedelta(days=400)).isoformat()  # a day to come: the permit as it now stands
    assert [p["number"] for p in api.get(permit_url(permitted), {"on": later}).json()["provisions"]] == ["1", "2"]


def test_a_revoked_permit_shows_the_revocation(api, owner, reviewer, establishment):
    revoke = {"reference": "OV-2024-009", "kind": "revoke", "decided_on": "2024-01-10", "effective_from": "2024-02-01",
              "changes": []}  # fmt: skip
    record(owner, establishment, GRANT, revoke)
    published(services.propose_permit(user=owner, establishment=establishment), reviewer)
    body = api.get(permit_url(establishment)).json()
    assert body["provisions"] == [] and body["revocation"]["reference"] == "OV-2024-009"
    assert body["revocation"]["kind_label"] == "intrekking"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-28", "Op 28 februari 2021 gold deze vergunning nog niet"),
        ("28-02-2021", "'28-02-2021' is geen datum. Geef de datum als JJJJ-MM-DD"),
        ("2021-02-30", "'2021-02-30' is geen datum"),
        ("20210301", "'20210301' is geen datum"),
        ("gisteren", "'gisteren' is geen datum"),
    ],
)
def test_a_bad_or_too_early_day_is_a_400_problem_with_the_page_s_message(api, permitted, release, value, message):
    answer = problem(api.get(permit_url(permitted), {"on": value}), 400)
    [invalid] = answer["invalid-params"]
    assert invalid["name"] == "on" and invalid["reason"].startswith(message)
    shown = page(permitted, op=value)
    assert shown.status_code == 400 and shown.context["error"] == invalid["reason"]  # the very same words


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.WITHDRAWN])
def test_a_release_not_published_is_a_404_problem(api, establishment, status):
    permit_release(establishment, status=status)
    assert problem(api.get(permit_url(establishment)), 404)["detail"] == (
        "Van deze vestiging is geen vergunning openbaar gemaakt."
    )
    assert page(establishment).status_code == 404
    assert api.get(f"{API}/permits").json()["results"] == []


def test_no_permit_no_establishment_and_a_bad_day_without_a_release_are_404(api, establishment):
    assert problem(api.get(permit_url(establishment)), 404)["status"] == 404
    assert problem(api.get(f"{API}/establishments/999999/permit", {"on": "gisteren"}), 404)["status"] == 404
    beyond = 2**64  # no establishment has it, and the database cannot compare it: 404, not a server error
    assert problem(api.get(f"{API}/establishments/{beyond}/permit"), 404)["status"] == 404
    assert Client().get(reverse("disclosure:public_permit", args=[beyond])).status_code == 404


def test_a_withdrawn_release_disappears_at_once(api, permitted, release, reviewer):
    first = api.get(permit_url(permitted))
    listed = api.get(f"{API}/permits")
    assert first.status_code == 200 and [p["publication_id"] for p in listed.json()["results"]] == [release.pk]
    assert api.get(permit_url(permitted), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.withdraw(user=reviewer, publication=release, reason="Op verzoek van het bevoegd gezag.")
    assert problem(api.get(permit_url(permitted)), 404)["status"] == 404
    assert problem(api.get(permit_url(permitted), HTTP_IF_NONE_MATCH=first["ETag"]), 404)["status"] == 404
    after = api.get(f"{API}/permits", HTTP_IF_NONE_MATCH=listed["ETag"])
    assert after.status_code == 200 and after.json()["results"] == []


def test_answers_are_public_cacheable_with_an_etag_and_readable_from_another_origin(api, permitted, release):
    for path in (permit_url(permitted), f"{API}/permits"):
        response = api.get(path, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200 and not response.cookies
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["Access-Control-Allow-Origin"] == "*" and response["API-Version"]
        again = api.get(path, HTTP_IF_NONE_MATCH=response["ETag"], HTTP_ORIGIN=ORIGIN)
        assert again.status_code == 304 and again.content == b"" and again["ETag"] == response["ETag"]
        assert again["Access-Control-Allow-Origin"] == "*"
    other_day = api.get(permit_url(permitted), {"on": "2022-01-01"})
    assert other_day["ETag"] != api.get(permit_url(permitted))["ETag"]  # another day is another answer


def test_the_public_permit_api_is_read_only(api, permitted, release):
    assert problem(api.post(permit_url(permitted), {}, format="json"), 405)["status"] == 405
    assert problem(api.post(f"{API}/permits", {}, format="json"), 405)["status"] == 405


def test_a_natural_person_s_permit_names_no_one_as_on_the_page(api, owner, service, reviewer):
    company = CompanyFactory(owner=service, name="Loodgieter Pietersen", legal_form=Company.LegalForm.EENMANSZAAK,
                             kvk_number="87654321")  # fmt: skip
    sole_trader = EstablishmentFactory(owner=service, company=company, name="Loodgieter Pietersen",
                                       street="Wilgenlaan", is_home_address=True)  # fmt: skip
    grant = GRANT | {
        "changes": [{"op": "add", "number": "1", "text": "Pietersen houdt de opslag aan de Wilgenlaan dicht."}]
    }
    record(owner, sole_trader, grant)
    published(services.propose_permit(user=owner, establishment=sole_trader), reviewer)
    for response in (api.get(permit_url(sole_trader)), api.get(f"{API}/permits")):
        text = response.content.decode()
        assert response.status_code == 200
        assert "Pietersen" not in text and "Wilgenlaan" not in text and "87654321" not in text
    body = api.get(permit_url(sole_trader)).json()
    assert (body["establishment_name"], body["company_name"]) == ("Natuurlijk persoon (naam afgeschermd)",) * 2
    assert (body["kvk_number"], body["address"]) == (None, None)
    shown = page(sole_trader).context["release"]
    assert {k: body[k] for k in ("establishment_name", "company_name", "kvk_number", "address", "title")} == {
        k: shown[k] for k in ("establishment_name", "company_name", "kvk_number", "address", "title")
    }


# --- the list of released permits ---------------------------------------------------------------------------------


def test_the_list_holds_the_published_releases_only_latest_first(api, service, permitted, release):
    newer = permit_release(EstablishmentFactory(owner=service, name="Bakkerij Zoet"))
    for status in (Status.PROPOSED, Status.APPROVED, Status.WITHDRAWN):
        permit_release(EstablishmentFactory(owner=service), status=status)
    listed = api.get(f"{API}/permits").json()
    assert listed["count"] == 2
    first, second = listed["results"]
    assert list(first) == [f.name for f in public.PERMIT_FIELDS] + ["links"]
    assert [first["publication_id"], second["publication_id"]] == [newer.pk, release.pk]
    assert (second["first_day"], second["decided_on"], second["establishment_name"]) == (
        "2021-03-01", "2023-05-10", "Chemie Delfzijl B.V.",
    )  # fmt: skip
    assert second["links"]["self"] == f"http://testserver{permit_url(permitted)}"
    assert api.get(second["links"]["self"]).json()["publication_id"] == release.pk


def test_the_list_filters_by_company_and_pages(api, service, permitted, release):
    other = permit_release(EstablishmentFactory(owner=service))
    found = api.get(f"{API}/permits", {"company": other.establishment.company_id}).json()["results"]
    assert [p["publication_id"] for p in found] == [other.pk]
    assert problem(api.get(f"{API}/permits", {"company": "abc"}), 400)["invalid-params"][0]["name"] == "company"
    paged = api.get(f"{API}/permits", {"page_size": 1})
    assert paged.json()["count"] == 2 and len(paged.json()["results"]) == 1
    assert 'rel="next"' in paged["Link"]


# --- query counts -------------------------------------------------------------------------------------------------
# the throttle's counter in the database cache takes 6 of them (read, cull count, savepoint, read, write, release)


def test_the_permit_reads_a_fixed_number_of_queries(api, permitted, release, django_assert_max_num_queries):
    with django_assert_max_num_queries(11) as today:
        assert len(api.get(permit_url(permitted)).json()["provisions"]) == 2
    with django_assert_max_num_queries(11) as before:
        assert len(api.get(permit_url(permitted), {"on": "2022-01-01"}).json()["provisions"]) == 3
    assert len(before) == len(today)  # not a query per provision


def test_the_list_reads_the_same_queries_for_one_permit_or_many(
    api, service, permitted, release, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7) as one:
        assert len(api.get(f"{API}/permits").json()["results"]) == 1
    for _ in range(5):
        permit_release(EstablishmentFactory(owner=service))
    with django_assert_max_num_queries(7) as six:
        assert len(api.get(f"{API}/permits").json()["results"]) == 6
    assert len(six) == len(one)
