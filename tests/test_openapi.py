"""The committed OpenAPI file is the one the code generates, and it is valid and warning-free."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
REGENERATE = ".venv/bin/openvth spectacular --file docs/openapi.yaml --validate"


def test_committed_schema_is_current():
    output = StringIO()
    # the CLI renders in the default language; a test before this one may have switched it
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--validate", "--fail-on-warn", stdout=output)
    assert COMMITTED.read_text(encoding="utf-8") == output.getvalue(), (
        f"docs/openapi.yaml is out of date with the API code; regenerate it with `{REGENERATE}` and commit it."
    )


def test_schema_is_served(client):
    response = client.get("/api/v1/schema")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content
    assert b"/api/v1/establishments/{id}/merge:" in response.content
