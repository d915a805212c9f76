"""Every answer carries the Content-Security-Policy without 'unsafe-inline'; staff answers are never cached, public
ones keep their `Cache-Control: public` (issue 14)."""

import pytest

POLICY = {  # no 'unsafe-inline', no 'unsafe-eval': scripts and styles only from the site's own files
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


@pytest.fixture
def staff(client, member):
    client.force_login(member)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/vestigingen/",  # a staff page
        "/api/v1/establishments",  # the staff API
        "/monitoring/staat-van-de-vth/pdf/",  # a PDF
    ],
)
def test_staff_answers_have_the_policy_and_are_never_stored(staff, path):
    response = staff.get(path)
    assert response.status_code == 200
    assert directives(response) == POLICY
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/openbaar/", "/api/v1/public/publications"])
def test_public_answers_have_the_policy_and_stay_cacheable(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response) == POLICY
    assert response["Cache-Control"].startswith("public, max-age=")


def test_an_error_of_the_api_is_not_stored_either(staff):
    response = staff.get("/api/v1/establishments/999999999")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"
    assert directives(response) == POLICY
