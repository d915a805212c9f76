"""The register API: scoping (three users), auth, filters, search, writes through the services, merge, history."""

import pytest
from rest_framework.test import APIClient

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core.api import PROBLEM_CONTENT_TYPE
from openvth.core.models import ChangeRecord
from openvth.register.models import Activity, Company, Establishment, Mandate, Organisation
from openvth.register.tests.factories import (
    ActivityFactory,
    ActivityTypeFactory,
    CompanyFactory,
    EstablishmentFactory,
    OrganisationFactory,
    ServiceFactory,
)
from openvth.testing.api import api_token, client_for

ESTABLISHMENTS = "/api/v1/establishments"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def assert_problem(response, status: int, *fields: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["instance"] == response.wsgi_request.path
    if fields:
        assert {p["name"] for p in body["invalid-params"]} >= set(fields), body
    return body


# --- authentication -------------------------------------------------------------------------------------------


def test_anonymous_gets_401_problem(establishment):
    response = APIClient().get(ESTABLISHMENTS)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_token_auth(owner, establishment):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(owner)}")
    assert ids(client.get(ESTABLISHMENTS)) == {establishment.pk}


def test_wrong_token_is_401(establishment):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert_problem(client.get(ESTABLISHMENTS), 401)


def test_session_auth(owner, establishment):
    client = APIClient()
    assert client.login(username=owner.username, password="geheim-wachtwoord-1")
    assert ids(client.get(ESTABLISHMENTS)) == {establishment.pk}


# --- scoping ---------------------------------------------------------------------------------------------------


def test_owner_and_member_see_their_establishment_not_another(owner, member, establishment, foreign_establishment):
    for user in (owner, member):
        assert ids(client_for(user).get(ESTABLISHMENTS)) == {establishment.pk}


def test_outsider_gets_empty_list_and_404(outsider, establishment):
    client = client_for(outsider)
    assert ids(client.get(ESTABLISHMENTS)) == set()
    url = f"{ESTABLISHMENTS}/{establishment.pk}"
    for response in (
        client.get(url),
        client.get(f"{url}/history"),
        client.get(f"{url}/activities"),
        client.patch(url, {"name": "Overgenomen"}, format="json"),
        client.post(f"{url}/merge", {"duplicates": [establishment.pk]}, format="json"),
    ):
        assert_problem(response, 404)
    establishment.refresh_from_db()
    assert establishment.name == "Chemie Delfzijl B.V."


def test_unknown_id_and_unknown_path_are_404_problems(owner):
    client = client_for(owner)
    assert_problem(client.get(f"{ESTABLISHMENTS}/999999"), 404)
    assert_problem(client.get("/api/v1/bestaat-niet"), 404)


def test_companies_are_scoped(owner, outsider, establishment):
    company_url = f"/api/v1/companies/{establishment.company_id}"
    assert client_for(owner).get(company_url).json()["kvk_number"] == establishment.company.kvk_number
    assert_problem(client_for(outsider).get(company_url), 404)
    assert ids(client_for(outsider).get("/api/v1/companies")) == set()


def test_company_filter_by_kvk_number(owner, establishment):
    other = EstablishmentFactory(owner=establishment.owner)
    response = client_for(owner).get("/api/v1/companies", {"kvk_number": other.company.kvk_number})
    assert ids(response) == {other.company_id}
    assert_problem(client_for(owner).get("/api/v1/companies", {"kvk_number": "1234"}), 400, "kvk_number")


def test_mandates_are_scoped(owner, outsider, service):
    authority = OrganisationFactory()
    mandate = Mandate.objects.create(
        authority=authority, holder=owner, decision_type="last_onder_dwangsom", valid_from="2024-01-01"
    )
    assert ids(client_for(owner).get("/api/v1/mandates")) == {mandate.pk}
    assert ids(client_for(outsider).get("/api/v1/mandates")) == set()
    assert_problem(client_for(outsider).get(f"/api/v1/mandates/{mandate.pk}"), 404)
    on = client_for(owner).get("/api/v1/mandates", {"valid_on": "2023-12-31", "authority": authority.code})
    assert ids(on) == set()


# --- organisations and the activity catalogue: public to every user ----------------------------------------------


def test_organisations_readable_by_everyone_and_filtered(outsider, service):
    province = OrganisationFactory(kind=Organisation.Kind.PROVINCE, code="PV99", name="Provincie Proef")
    municipality = OrganisationFactory(province=province, omgevingsdienst=service)
    client = client_for(outsider)
    url = "/api/v1/organisations"
    assert {r["code"] for r in client.get(url, {"kind": "province"}).json()["results"]} == {"PV99"}
    assert {r["code"] for r in client.get(url, {"province": "PV99"}).json()["results"]} == {municipality.code}
    assert {r["code"] for r in client.get(url, {"omgevingsdienst": service.code}).json()["results"]} == {
        municipality.code
    }
    assert client.get(f"{url}/{municipality.code}").json()["province"] == "PV99"
    assert_problem(client.get(url, {"kind": "bakkerij"}), 400, "kind")
    assert_problem(client.post(url, {"code": "X"}, format="json"), 405)


def test_activity_types_catalogue(outsider):
    ActivityTypeFactory(code="T.1", name="Stookinstallatie")
    ActivityTypeFactory(code="T.2", name="Opslag", active=False)
    client = client_for(outsider)
    url = "/api/v1/activity-types"
    assert [r["code"] for r in client.get(url, {"code": "T.2"}).json()["results"]] == ["T.2"]
    assert client.get(url, {"code": "T.2", "active": "true"}).json()["results"] == []
    assert client.get(f"{url}/T.1").json()["name"] == "Stookinstallatie"


# --- filters and search -------------------------------------------------------------------------------------------


@pytest.fixture
def varied(service):
    """Three establishments of the owner's service that differ in every filtered attribute."""
    other_service = ServiceFactory(code="OD9001")
    municipality = OrganisationFactory(code="GM0363", name="Gemeente Amsterdam")
    return {
        "a": EstablishmentFactory(
            owner=service,
            name="Bakkerij De Molen",
            company=CompanyFactory(owner=service, kvk_number="12345678"),
            kvk_vestigingsnummer="000012345678",
            postcode="1234 AB",
            house_number=5,
            place="Zwolle",
            municipality=municipality,
            ied=True,
            brzo_tier="upper",
        ),
        "b": EstablishmentFactory(
            owner=service,
            name="Chemiepark Noord",
            postcode="9999 ZZ",
            house_number=7,
            place="Delft",
            supervising_service=other_service,
            brzo_tier="lower",
        ),
        "c": EstablishmentFactory(owner=service, name="Garage Zuid", postcode="1234 AB", house_number=9),
    }


FILTER_CASES = [
    ({"kvk_number": "12345678"}, {"a"}),
    ({"kvk_number": "1234 5678"}, {"a"}),
    ({"kvk_vestigingsnummer": "000012345678"}, {"a"}),
    ({"postcode": "1234ab"}, {"a", "c"}),
    ({"postcode": "1234 AB", "house_number": "9"}, {"c"}),
    ({"place": "zwolle"}, {"a"}),
    ({"municipality": "GM0363"}, {"a"}),
    ({"ied": "true"}, {"a"}),
    ({"ied": "false"}, {"b", "c"}),
    ({"brzo_tier": "upper"}, {"a"}),
    ({"brzo_tier": "none"}, {"c"}),
    ({"supervising_service": "OD9001"}, {"b"}),
    ({"q": "molen"}, {"a"}),
    ({"q": "12345678"}, {"a"}),
    ({"q": "1234AB 9"}, {"c"}),
    ({"q": "delft"}, {"b"}),
    ({"q": "1234 AB", "ied": "true"}, {"a"}),
]


@pytest.mark.parametrize(("params", "expected"), FILTER_CASES)
def test_establishment_filters(owner, varied, params, expected):
    assert ids(client_for(owner).get(ESTABLISHMENTS, params)) == {varied[k].pk for k in expected}


def test_search_does_not_find_another_organisations_record(outsider, varied):
    assert ids(client_for(outsider).get(ESTABLISHMENTS, {"q": "molen"})) == set()


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("kvk_number", "123"),
        ("kvk_vestigingsnummer", "12345678"),
        ("postcode", "12345"),
        ("house_number", "vijf"),
        ("municipality", "Amsterdam"),
        ("ied", "misschien"),
        ("brzo_tier", "middel"),
        ("company", "een"),
    ],
)
def test_bad_filter_value_is_400(owner, establishment, param, value):
    assert_problem(client_for(owner).get(ESTABLISHMENTS, {param: value}), 400, param)


def test_pagination_is_stable(owner, varied):
    client = client_for(owner)
    first = client.get(ESTABLISHMENTS, {"page_size": 2}).json()
    second = client.get(ESTABLISHMENTS, {"page_size": 2, "page": 2}).json()
    assert first["count"] == 3 and first["next"] and second["next"] is None
    names = [r["name"] for r in first["results"] + second["results"]]
    assert names == ["Bakkerij De Molen", "Chemiepark Noord", "Garage Zuid"]
    assert_problem(client.get(ESTABLISHMENTS, {"page": 9}), 404)


@pytest.mark.parametrize(
    "param,value",
    [
        ("page_size", "0"),
        ("page_size", "501"),
        ("page_size", "-1"),
        ("page_size", "veel"),
        ("page", "0"),
        ("page", "x"),
    ],
)
def test_page_and_page_size_outside_their_bounds_are_400(owner, varied, param, value):
    assert_problem(client_for(owner).get(ESTABLISHMENTS, {param: value}), 400, param)


def test_the_largest_page_size_is_served(owner, varied):
    assert len(client_for(owner).get(ESTABLISHMENTS, {"page_size": 500}).json()["results"]) == 3


def test_list_has_no_n_plus_one(owner, service, django_assert_max_num_queries):
    for _ in range(8):
        ActivityFactory.create_batch(2, establishment=EstablishmentFactory(owner=service))
    client = client_for(owner)
    # count, page, activities, (activity types are joined into the prefetch): constant, whatever the rows
    with django_assert_max_num_queries(4):
        response = client.get(ESTABLISHMENTS)
    assert len(response.json()["results"]) == 8
    assert all(len(row["activities"]) == 2 for row in response.json()["results"])
    with django_assert_max_num_queries(4):
        assert len(client.get(ESTABLISHMENTS, {"q": "Jansen"}).json()["results"]) == 8


def test_detail_reads_the_record_and_its_activities_in_two_queries(owner, service, django_assert_num_queries):
    establishment = EstablishmentFactory(owner=service)
    ActivityFactory.create_batch(2, establishment=establishment)
    client = client_for(owner)
    # the establishment with its owner, company and organisations joined; the activities with their types joined
    with django_assert_num_queries(2):
        answer = client.get(f"{ESTABLISHMENTS}/{establishment.pk}").json()
    assert answer["owner"]["code"] == service.code
    assert len(answer["activities"]) == 2 and all(row["activity_type"]["code"] for row in answer["activities"])


# --- writes ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def new_establishment(establishment):
    """A valid POST body: a new establishment of the fixture's company, in the fixture's municipality."""
    return {
        "company": establishment.company_id,
        "kvk_vestigingsnummer": "000099887766",
        "name": "Jansen Metaal Oost",
        "bag_nummeraanduiding_id": "0363200000123456",
        "street": "Havenstraat",
        "house_number": 12,
        "postcode": "1234ab",
        "place": "Testdorp",
        "municipality": establishment.municipality.code,
        "competent_authority": establishment.municipality.code,
        "supervising_service": establishment.supervising_service.code,
        "rd_x": 155000,
        "rd_y": 463000,
        "brzo_tier": "lower",
    }


def test_create_establishment(owner, new_establishment):
    response = client_for(owner).post(ESTABLISHMENTS, new_establishment, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    created = Establishment.objects.get(pk=body["id"])
    assert created.postcode == body["postcode"] == "1234 AB"
    assert created.owner == owner.organisation
    assert ChangeRecord.objects.filter(object_id=created.pk, action="create", user=owner).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kvk_vestigingsnummer", "1234"),
        ("postcode", "12345"),
        ("postcode", "1234 SS"),
        ("bag_nummeraanduiding_id", "0363300000123456"),
        ("bag_nummeraanduiding_id", "abc"),
        ("house_number", 0),
        ("house_number", "twaalf"),
        ("rd_x", 900000),
        ("name", ""),
        ("brzo_tier", "middel"),
        ("municipality", "GM9999"),
        ("supervising_service", "GEEN"),
        ("company", 999999),
    ],
)
def test_create_with_invalid_value_is_400_and_stores_nothing(owner, new_establishment, field, value):
    before = Establishment.objects.count()
    body = assert_problem(
        client_for(owner).post(ESTABLISHMENTS, {**new_establishment, field: value}, format="json"), 400, field
    )
    assert all(p["reason"] for p in body["invalid-params"])
    assert Establishment.objects.count() == before


def test_create_with_organisation_of_wrong_kind_is_400(owner, new_establishment, service):
    swapped = {
        **new_establishment,
        "municipality": service.code,
        "supervising_service": new_establishment["municipality"],
    }
    assert_problem(
        client_for(owner).post(ESTABLISHMENTS, swapped, format="json"), 400, "municipality", "supervising_service"
    )


def test_create_for_another_organisation_is_403(outsider, owner, new_establishment):
    CompanyFactory(owner=outsider.organisation)
    company = Company.objects.filter(owner=outsider.organisation).get()
    body = {**new_establishment, "company": company.pk, "owner": owner.organisation.code}
    before = Establishment.objects.count()
    assert_problem(client_for(outsider).post(ESTABLISHMENTS, body, format="json"), 403)
    assert Establishment.objects.count() == before


def test_outsider_cannot_use_a_company_it_cannot_see(outsider, new_establishment):
    assert_problem(client_for(outsider).post(ESTABLISHMENTS, new_establishment, format="json"), 400, "company")


def test_non_editor_role_cannot_create(service, new_establishment):
    official = UserFactory(organisation=service, role=Role.AUTHORITY_OFFICIAL)
    assert_problem(client_for(official).post(ESTABLISHMENTS, new_establishment, format="json"), 403)


def test_create_company(owner):
    body = {"kvk_number": "8765 4321", "name": "Verf & Co B.V.", "legal_form": "bv"}
    response = client_for(owner).post("/api/v1/companies", body, format="json")
    assert response.status_code == 201, response.content
    assert Company.objects.get(pk=response.json()["id"]).kvk_number == "87654321"


@pytest.mark.parametrize(("field", "value"), [("kvk_number", "1234567"), ("legal_form", "gmbh"), ("owner", "XX00")])
def test_create_company_invalid_is_400(owner, field, value):
    body = {"kvk_number": "87654321", "name": "Verf B.V.", "legal_form": "bv", field: value}
    assert_problem(client_for(owner).post("/api/v1/companies", body, format="json"), 400, field)
    assert not Company.objects.exists()


def test_create_company_for_another_organisation_is_403(outsider, service):
    body = {"kvk_number": "87654321", "name": "Verf B.V.", "legal_form": "bv", "owner": service.code}
    assert_problem(client_for(outsider).post("/api/v1/companies", body, format="json"), 403)
    assert not Company.objects.exists()


def test_form_encoded_body_is_415(owner, new_establishment):
    assert_problem(client_for(owner).post(ESTABLISHMENTS, {"name": "x"}), 415)


def test_patch_records_history(owner, establishment):
    client = client_for(owner)
    url = f"{ESTABLISHMENTS}/{establishment.pk}"
    response = client.patch(url, {"postcode": "4321xy", "ied": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["postcode"] == "4321 XY"
    history = client.get(f"{url}/history").json()["results"]
    assert history[0]["action"] == "update"
    assert history[0]["changes"]["postcode"] == ["1234 AB", "4321 XY"]
    assert history[0]["changes"]["ied"] == [False, True]
    assert history[0]["user"] == str(owner)


def test_patch_invalid_is_400_and_changes_nothing(owner, establishment):
    url = f"{ESTABLISHMENTS}/{establishment.pk}"
    client = client_for(owner)
    assert_problem(client.patch(url, {"postcode": "1234", "name": "Nieuw"}, format="json"), 400, "postcode")
    assert_problem(client.patch(url, {"owner": "OD9999"}, format="json"), 400, "owner")
    establishment.refresh_from_db()
    assert (establishment.postcode, establishment.name) == ("1234 AB", "Chemie Delfzijl B.V.")
    assert not ChangeRecord.objects.filter(object_id=establishment.pk, action="update").exists()


def test_put_and_delete_are_405(owner, establishment):
    url = f"{ESTABLISHMENTS}/{establishment.pk}"
    assert_problem(client_for(owner).put(url, {}, format="json"), 405)
    assert_problem(client_for(owner).delete(url), 405)
    assert Establishment.objects.filter(pk=establishment.pk).exists()


def test_merge_moves_activities(owner, establishment, service):
    duplicate = EstablishmentFactory(owner=service, kvk_vestigingsnummer=establishment.kvk_vestigingsnummer)
    activity = ActivityFactory(establishment=duplicate)
    client = client_for(owner)
    response = client.post(f"{ESTABLISHMENTS}/{establishment.pk}/merge", {"duplicates": [duplicate.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert [a["id"] for a in response.json()["activities"]] == [activity.pk]
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == establishment.pk
    assert ids(client.get(ESTABLISHMENTS)) == {establishment.pk}
    assert client.get(f"{ESTABLISHMENTS}/{establishment.pk}/history").json()["results"][0]["action"] == "merge"


def test_merge_with_invisible_duplicate_is_400(owner, establishment, foreign_establishment):
    ActivityFactory(establishment=foreign_establishment)
    url = f"{ESTABLISHMENTS}/{establishment.pk}/merge"
    assert_problem(
        client_for(owner).post(url, {"duplicates": [foreign_establishment.pk]}, format="json"), 400, "duplicates.0"
    )
    assert_problem(client_for(owner).post(url, {"duplicates": []}, format="json"), 400, "duplicates")
    foreign_establishment.refresh_from_db()
    assert foreign_establishment.merged_into_id is None
    assert foreign_establishment.activities.count() == 1


def test_merge_with_itself_is_400(owner, establishment):
    url = f"{ESTABLISHMENTS}/{establishment.pk}/merge"
    assert_problem(client_for(owner).post(url, {"duplicates": [establishment.pk]}, format="json"), 400)


def test_add_and_list_activities(owner, establishment):
    ActivityTypeFactory(code="T.1", name="Stookinstallatie")
    url = f"{ESTABLISHMENTS}/{establishment.pk}/activities"
    client = client_for(owner)
    response = client.post(url, {"activity_type": "T.1", "since": "2024-02-29"}, format="json")
    assert response.status_code == 201, response.content
    assert [a["activity_type"]["code"] for a in client.get(url).json()["results"]] == ["T.1"]
    assert Activity.objects.get(pk=response.json()["id"]).establishment == establishment


@pytest.mark.parametrize(("code", "active"), [("T.9", None), ("T.2", False)])
def test_add_unknown_or_inactive_activity_is_400(owner, establishment, code, active):
    if active is not None:
        ActivityTypeFactory(code=code, active=active)
    url = f"{ESTABLISHMENTS}/{establishment.pk}/activities"
    assert_problem(client_for(owner).post(url, {"activity_type": code}, format="json"), 400, "activity_type")
    assert not Activity.objects.exists()


def test_competent_authority_official_sees_but_cannot_add_activity(establishment):
    official = UserFactory(organisation=establishment.competent_authority, role=Role.AUTHORITY_OFFICIAL)
    ActivityTypeFactory(code="T.1")
    client = client_for(official)
    assert ids(client.get(ESTABLISHMENTS)) == {establishment.pk}
    url = f"{ESTABLISHMENTS}/{establishment.pk}/activities"
    assert_problem(client.post(url, {"activity_type": "T.1"}, format="json"), 403)
    assert not Activity.objects.exists()
