"""Every API error is RFC 9457 problem+json (NL API Design Rules), whatever raised it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.test import APIRequestFactory

from openvth.core.api import PROBLEM_CONTENT_TYPE
from openvth.rules.formats import FormatError


class Nested(serializers.Serializer):
    postcode = serializers.CharField()
    rows = serializers.ListField(child=serializers.IntegerField())


def _view_raising(exc):
    @api_view(["GET"])
    @permission_classes([AllowAny])
    def view(request):
        raise exc

    return view


def _call(view, method: str = "get"):
    response = view(getattr(APIRequestFactory(), method)("/api/v1/proef"))
    response.render()
    return response


CASES = [
    (DjangoValidationError({"postcode": ["Een postcode heeft de vorm '1234 AB'."]}), 400),
    (DjangoValidationError("Kies ten minste één ander record."), 400),
    (FormatError("Een KvK-nummer moet uit precies 8 cijfers bestaan."), 400),
    (PermissionDenied("U mag dit registergegeven niet wijzigen."), 403),
    (Http404("weg"), 404),
]


@pytest.mark.parametrize(("exc", "status"), CASES)
def test_django_and_rule_errors_become_problems(exc, status):
    response = _call(_view_raising(exc))
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body = response.data
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["instance"] == "/api/v1/proef"
    assert body["title"] and body["detail"]
    assert ("invalid-params" in body) == (status == 400)


def test_validation_error_names_each_field_with_reason_and_code():
    response = _call(_view_raising(DjangoValidationError({"postcode": ["Ongeldig."], "house_number": ["Te groot."]})))
    assert response.data["invalid-params"] == [
        {"name": "postcode", "code": "invalid", "reason": "Ongeldig."},
        {"name": "house_number", "code": "invalid", "reason": "Te groot."},
    ]


def test_nested_serializer_errors_are_flattened_to_dotted_names():
    parsed = Nested(data={"rows": [1, "x"]})
    assert not parsed.is_valid()
    response = _call(_view_raising(serializers.ValidationError(parsed.errors)))
    params = {p["name"]: p for p in response.data["invalid-params"]}
    assert set(params) == {"postcode", "rows.1"}
    assert params["postcode"]["code"] == "required"


def test_service_permission_message_is_kept():
    response = _call(_view_raising(PermissionDenied("U mag dit registergegeven niet wijzigen.")))
    assert response.data["detail"] == "U mag dit registergegeven niet wijzigen."


def test_method_not_allowed_is_a_problem():
    response = _call(_view_raising(Http404()), method="post")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response["Allow"]


def test_other_exceptions_are_not_swallowed():
    with pytest.raises(RuntimeError):
        _call(_view_raising(RuntimeError("stuk")))


def test_problem_is_json_even_when_html_is_asked_for(client):
    response = client.get("/api/v1/establishments", HTTP_ACCEPT="text/html")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 401


def test_unknown_api_path_is_a_problem(client):
    response = client.get("/api/v1/niets-hier")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["instance"] == "/api/v1/niets-hier"


# --- errors outside DRF's views: CSRF, oversized bodies, unknown paths ------------------------------------------


@pytest.fixture
def session_client(client, member):
    from django.test import Client

    enforcing = Client(enforce_csrf_checks=True)
    enforcing.force_login(member)
    return enforcing


def _assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == status and response.json()["detail"]


def test_a_csrf_refusal_under_the_api_is_a_problem(session_client):
    _assert_problem(session_client.post("/api/v1/companies", {"name": "x"}, content_type="application/json"), 403)


def test_a_csrf_refusal_on_a_page_stays_the_html_page(session_client):
    response = session_client.post("/logout/")
    assert response.status_code == 403 and "text/html" in response["Content-Type"]


def test_an_unknown_api_path_is_a_404_problem_for_every_method(session_client):
    for method in ("get", "post", "put", "delete"):
        _assert_problem(getattr(session_client, method)("/api/v1/bestaat-niet"), 404)


def test_a_body_beyond_the_upload_limit_is_a_413_problem(client, member, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    client.force_login(member)
    body = '{"name": "' + "x" * 5_000 + '"}'
    _assert_problem(client.post("/api/v1/companies", body, content_type="application/json"), 413)
