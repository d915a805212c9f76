"""The planning API: an establishment's risk, programmes and visits, generating for allowed roles, problem+json."""

import datetime

import pytest

from openvth.core.permissions import SYSTEM_JOB
from openvth.supervision.models import Programme
from openvth.supervision.services import planning as services
from openvth.testing.api import client_for, problem

from .factories import activity, manager_of

PROGRAMMES = "/api/v1/programmes"


@pytest.fixture
def manager(service):
    return manager_of(service)


@pytest.fixture
def appraised(establishment):
    activity(establishment, "3.39")
    services.appraise_establishment(user=SYSTEM_JOB, establishment=establishment, today=datetime.date(2026, 1, 15))
    return establishment


def test_establishment_risk_three_users(owner, member, outsider, appraised):
    url = f"/api/v1/establishments/{appraised.pk}/risk"
    for user in (owner, member):
        body = client_for(user).get(url).json()
        assert body["current"]["next_due"] == "2026-01-15"
        assert (body["current"]["due_kind"], body["current"]["due_reason"]) == ("never_visited", "nooit bezocht")
        assert body["current"]["scores"]["emissions_air"] == 3
        assert len(body["history"]) == 1
    problem(client_for(outsider).get(url), 404)


def test_reappraise_by_api(member, outsider, appraised):
    url = f"/api/v1/establishments/{appraised.pk}/risk"
    assert len(client_for(member).post(url).json()["history"]) == 2
    problem(client_for(outsider).post(url), 404)


def test_generate_and_read_a_programme(manager, member, outsider, appraised):
    created = client_for(manager).post(PROGRAMMES, {"year": 2026, "capacity_hours": 100}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["summary"]["planned"] == 1 and body["summary"]["shortfall_hours"] == "0.0"
    assert [m["planned"] for m in body["months"]][:2] == [1, 0]
    visits = client_for(member).get(f"{PROGRAMMES}/{body['id']}/visits").json()["results"]
    assert visits[0]["establishment"]["id"] == appraised.pk and visits[0]["done"] is False
    assert client_for(member).get(PROGRAMMES, {"year": 2026}).json()["results"][0]["id"] == body["id"]
    assert client_for(outsider).get(PROGRAMMES).json()["results"] == []
    problem(client_for(outsider).get(f"{PROGRAMMES}/{body['id']}/visits"), 404)


def test_only_planners_regenerate(manager, member, appraised, service):
    programme = services.generate_programme(user=manager, service=service, year=2026).programme
    url = f"{PROGRAMMES}/{programme.pk}/regenerate"
    problem(client_for(member).post(url, {}, format="json"), 403)
    assert client_for(manager).post(url, {"capacity_hours": 1}, format="json").json()["summary"]["postponed"] == 1


def test_invalid_year_is_a_problem(manager):
    body = problem(client_for(manager).post(PROGRAMMES, {"year": 1850}, format="json"), 400)
    assert body["invalid-params"][0]["name"] == "year"
    assert not Programme.objects.exists()
