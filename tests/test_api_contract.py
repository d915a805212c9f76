"""The API keeps its contract (issue 14): schemathesis over every operation of docs/openapi.yaml, in-process."""

from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from openvth.accounts.models import Role
from openvth.accounts.services import create_api_token
from openvth.accounts.tests.factories import UserFactory
from openvth.core.api import PROBLEM_CONTENT_TYPE
from openvth.core.permissions import SYSTEM_JOB
from openvth.enforcement import services as enforcement_services
from openvth.enforcement.tests.conftest import CONSULTED, MANDATED
from openvth.enforcement.tests.factories import mandate
from openvth.monitoring import services as monitoring_services
from openvth.monitoring.tests.conftest import SEED
from openvth.monitoring.tests.factories import planned_visit, publication
from openvth.permits.tests.factories import ApplicationFactory
from openvth.register import services as register_services
from openvth.register.tests.factories import ActivityFactory
from openvth.supervision.models import Complaint
from openvth.supervision.tests.factories import VISIT, FindingFactory, checklist, permit, started_inspection
from openvth.testing.api import problem

OPENAPI = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 14,
        "generation": {"max-examples": 25, "deterministic": True, "database": "none"},
    }
)
schema = schemathesis.openapi.from_path(OPENAPI, config=CONFIG)


@pytest.fixture
def app(db):
    """Django's WSGI handler inside the test's transaction: no request closes the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def records(service, other_service, establishment, foreign_establishment):
    """A manager of the service whose register holds one of each record the API serves, by path prefix."""
    manager = UserFactory(username="manager", organisation=service, role=Role.MANAGER)
    authority = establishment.competent_authority
    for decision_type in MANDATED:
        mandate(manager, authority, decision_type)
    ActivityFactory(establishment=establishment)
    permit(manager, establishment)  # provisions 1 and 2, with the permit mandates
    checklist()
    inspection = started_inspection(manager, establishment)
    finding = FindingFactory(inspection__establishment=establishment, inspection__performed_on=VISIT)
    enforcement_services.record_lhso_decision(
        user=manager, finding=finding, behaviour="B", chosen=["warning", "last_onder_dwangsom"], **CONSULTED
    )
    case = enforcement_services.open_case(user=manager, findings=[finding], route="herstel")
    report = monitoring_services.import_report(user=SYSTEM_JOB, content=SEED.read_bytes(), source_name=SEED.name).report
    other_manager = UserFactory(organisation=other_service, role=Role.MANAGER)
    hand_over = register_services.propose_hand_over(
        user=other_manager, establishment=foreign_establishment, field="supervising_service", to=service
    )
    complaint = Complaint.objects.create(
        service=service, subject=Complaint.Subject.values[0], description="Stank", location="Industrieweg 1"
    )
    published = publication(establishment)
    ids = {
        "/api/v1/activity-types": {"code": establishment.activities.get().activity_type.code},
        "/api/v1/applications": {"id": ApplicationFactory(establishment=establishment).pk},
        "/api/v1/companies": {"id": establishment.company_id},
        "/api/v1/complaints": {"id": complaint.pk},
        "/api/v1/decisions": {"id": establishment.permit_decisions.first().pk},
        "/api/v1/enforcement-cases": {"id": case.pk},
        "/api/v1/establishments": {"id": establishment.pk, "number": "1"},
        "/api/v1/establishments/hand-overs": {"hand_over": hand_over.pk},
        "/api/v1/findings": {"id": finding.pk},
        "/api/v1/ibp/actions": {"id": report.actions.first().pk},
        "/api/v1/ibp/reports": {"id": report.pk},
        "/api/v1/inspections": {"id": inspection.pk},
        "/api/v1/mandates": {"id": manager.mandates.first().pk},
        "/api/v1/organisations": {"code": service.code},
        "/api/v1/programmes": {"id": planned_visit(establishment, year=2026).programme_id},
        "/api/v1/public/companies": {"id": establishment.company_id},
        "/api/v1/public/publications": {"id": published.pk},
        "/api/v1/publications": {"id": published.pk},
    }
    return create_api_token(user=manager, name="contract", days=30)[1], ids


@schema.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_operation_keeps_its_contract(case, app, records):
    token, ids = records
    headers = {"Authorization": f"Token {token}"}
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)
    real = ids.get(case.path.split("{")[0])
    if case.path_parameters and real:
        case.path_parameters = {name: real[name] for name in case.path_parameters}
        case.call_and_validate(app=app, headers=headers, checks=CHECKS)


def test_every_documented_error_is_problem_json():
    """Each 4xx answer of every operation is documented as problem+json; every list that pages documents the 404
    of a page beyond the last, every authenticated operation its 401 and 403."""
    raw = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    operations = [(path, op) for path, item in raw["paths"].items() for op in item.values()]
    assert len(operations) > 70
    for path, operation in operations:
        responses = operation["responses"]
        for code, response in responses.items():
            if code.startswith("4"):
                assert list(response["content"]) == [PROBLEM_CONTENT_TYPE], (path, code)
        if not path.startswith("/api/v1/public"):
            assert {"401", "403"} <= set(responses), path
        if any(p["name"] == "page" for p in operation.get("parameters", [])):
            assert "404" in responses, path


@pytest.mark.parametrize(
    ("method", "url", "body", "status", "name"),
    [
        ("get", "/api/v1/establishments?place=Delf%00zijl", None, 400, "place"),
        ("get", "/api/v1/companies/1/chain-dossier?purpose=enforcement&note=%00", None, 400, "note"),
        ("get", "/api/v1/organisations/GM%000363", None, 404, None),
        ("post", "/api/v1/companies", {"kvk_number": "1", "name": "x", "owner": "OD\x00"}, 400, "owner"),
        ("post", "/api/v1/decisions", {"changes": [{"text": "\x00"}]}, 400, "changes.0.text"),
    ],
)
def test_a_nul_character_is_refused_before_any_view(client, member, method, url, body, status, name):
    """PostgreSQL cannot hold a NUL character: anywhere in API input it is a problem, never a server error."""
    client.force_login(member)
    sent = getattr(client, method)(url, body, content_type="application/json") if body else client.get(url)
    answer = problem(sent, status)
    if name:
        assert [p["name"] for p in answer["invalid-params"]] == [name]
