"""The running API follows the NL API Design Rules the OpenAPI document cannot show (issue 20, item 4): old paths
with a trailing slash redirect (API-48), every answer carries API-Version (API-57), the document is served as JSON
(API-51), every error is problem+json, lists page with a Link header, and only the public API allows CORS."""

import json

import pytest
from django.conf import settings
from django.test import Client

from openvth.core.api import PROBLEM_CONTENT_TYPE, SLASHED_PATHS_DEPRECATED
from openvth.register.api.views import OrganisationViewSet
from openvth.register.tests.factories import EstablishmentFactory
from openvth.testing.api import client_for, problem

VERSION = settings.SPECTACULAR_SETTINGS["VERSION"]


# --- API-48: no trailing slashes; the slashed paths of v1 redirect -------------------------------------------------


def test_a_slashed_path_is_a_permanent_redirect_that_keeps_the_query(member):
    response = client_for(member).get("/api/v1/establishments/?postcode=1234%20AB&page=2")
    assert response.status_code == 308  # permanent, and the client repeats the same method with the same body
    assert response["Location"] == "/api/v1/establishments?postcode=1234%20AB&page=2"
    assert response["Deprecation"] == f"@{int(SLASHED_PATHS_DEPRECATED.timestamp())}"  # RFC 9745


def test_a_write_to_a_slashed_path_is_redirected_not_performed(member, establishment):
    response = client_for(member).post(f"/api/v1/establishments/{establishment.pk}/merge/", {}, format="json")
    assert response.status_code == 308
    assert response["Location"] == f"/api/v1/establishments/{establishment.pk}/merge"


def test_a_slashed_path_redirects_before_authentication_and_csrf():
    """Where the request goes does not depend on who asks; the target then checks the key, the session and CSRF."""
    response = Client(enforce_csrf_checks=True).post("/api/v1/companies/", "{}", content_type="application/json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/companies"


def test_a_slashed_path_that_is_no_endpoint_is_a_404_problem(member):
    body = problem(client_for(member).get("/api/v1/bestaat-niet/"), 404)
    assert body["instance"] == "/api/v1/bestaat-niet/"


def test_the_unslashed_path_answers(member, establishment):
    assert client_for(member).get(f"/api/v1/establishments/{establishment.pk}").status_code == 200


# --- API-57: the full version in a header, on every answer ---------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/establishments", 200),
        ("/api/v1/establishments/", 308),
        ("/api/v1/niets-hier", 404),
        ("/api/v1/public/companies", 200),
        ("/api/v1/openapi.json", 200),
    ],
)
def test_every_answer_carries_the_full_version(member, path, status):
    response = client_for(member).get(path)
    assert response.status_code == status
    assert response["API-Version"] == VERSION == "1.1.0"


def test_an_unauthenticated_answer_carries_the_version_too(client):
    response = client.get("/api/v1/establishments")
    assert response.status_code == 401
    assert response["API-Version"] == VERSION


def test_pages_outside_the_api_carry_no_api_version(db, client):
    assert "API-Version" not in client.get("/openbaar/")


# --- API-51: the OpenAPI document at a standard location, in JSON ------------------------------------------------


def test_the_openapi_document_is_served_as_json(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = json.loads(response.content)
    assert document["info"]["version"] == VERSION
    assert "/api/v1/establishments/{id}/merge" in document["paths"]
    assert not [path for path in document["paths"] if path.endswith("/")]


def test_the_openapi_document_is_served_as_yaml(client):
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content


# --- errors are problem+json, whatever answers ---------------------------------------------------------------------


def test_a_server_error_is_a_500_problem_with_the_version(member, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(OrganisationViewSet, "list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(member)
    response = client.get("/api/v1/organisations")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 500 and "stuk" not in response.json()["detail"]
    assert response["API-Version"] == VERSION


def test_a_method_the_path_does_not_have_is_a_405_problem(member):
    response = client_for(member).delete("/api/v1/organisations")
    assert problem(response, 405)["status"] == 405
    assert response["Allow"]


# --- pagination: the next and previous pages in a Link header (RFC 8288) ------------------------------------------


def test_a_middle_page_links_next_and_previous_in_the_header(service, member):
    EstablishmentFactory.create_batch(5, owner=service)
    response = client_for(member).get("/api/v1/establishments", {"page_size": 2, "page": 2})
    body = response.json()
    assert response["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'
    assert "page=3" in body["next"] and "page=" not in body["previous"]


def test_a_single_page_has_no_link_header(member, establishment):
    response = client_for(member).get("/api/v1/establishments")
    assert response.json()["next"] is None
    assert "Link" not in response


# --- CORS: the public API only, GET only, without credentials -----------------------------------------------------

ORIGIN = "https://kaart.example.org"


def test_the_public_api_may_be_read_from_another_origin(db, client):
    response = client.get("/api/v1/public/companies", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {"api-version", "link"} <= {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}


def test_a_preflight_of_the_public_api_allows_get_only(client):
    response = client.options(
        "/api/v1/public/publications", HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Methods"] == "GET"


@pytest.mark.parametrize("path", ["/api/v1/establishments", "/api/v1/openapi.json", "/openbaar/"])
def test_nothing_else_allows_another_origin(db, client, path):
    assert "Access-Control-Allow-Origin" not in client.get(path, HTTP_ORIGIN=ORIGIN)
    preflight = client.options(path, HTTP_ORIGIN=ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert "Access-Control-Allow-Origin" not in preflight
