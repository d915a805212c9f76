"""The permits API: three users, term status in responses, decisions with changes, the permit on a date, diff."""

from datetime import date

import pytest

from openvth.permits import services
from openvth.permits.models import Application, Decision
from openvth.testing.api import client_for, problem

from .factories import ApplicationFactory, grant

D = date.fromisoformat
APPLICATIONS, DECISIONS = "/api/v1/applications", "/api/v1/decisions"


@pytest.fixture
def application(establishment):
    return ApplicationFactory(establishment=establishment, received_on=D("2024-01-10"))


@pytest.fixture
def granted(owner, establishment):
    return services.record_decision(user=owner, establishment=establishment, **grant("1", "2", "10"))


def test_applications_three_users(owner, member, outsider, application):
    for user in (owner, member):
        rows = client_for(user).get(APPLICATIONS).json()["results"]
        assert [r["reference"] for r in rows] == [application.reference]
    assert client_for(outsider).get(APPLICATIONS).json()["results"] == []
    problem(client_for(outsider).get(f"{APPLICATIONS}/{application.pk}"), 404)


@pytest.mark.date_sensitive
def test_application_response_has_the_term_status(owner, application):
    body = client_for(owner).get(f"{APPLICATIONS}/{application.pk}").json()
    assert body["term"]["deadline"] == "2024-03-06"
    assert body["term"]["late"] is True  # today is long after 2024
    assert body["term"]["penalty_amount"] == "0.00"


def test_create_application_and_actions(owner, establishment):
    client = client_for(owner)
    created = client.post(
        APPLICATIONS,
        {
            "establishment": establishment.pk,
            "competent_authority": establishment.competent_authority.code,
            "reference": "OLO-77",
            "subject": "Uitbreiden productiehal",
            "received_on": "2024-01-10",
            "procedure": "regular",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"{APPLICATIONS}/{created.json()['id']}"
    suspended = client.post(f"{url}/request-supplement", {"requested_on": "2024-01-20"}, format="json")
    assert suspended.json()["status"] == "suspended"
    resumed = client.post(f"{url}/supplemented", {"supplemented_on": "2024-01-30"}, format="json").json()
    assert (resumed["status"], resumed["term"]["suspended_days"], resumed["term"]["deadline"]) == (
        "received",
        10,
        "2024-03-18",
    )
    extended = client.post(f"{url}/extend", {"extended_on": "2024-03-01"}, format="json").json()
    assert extended["term"]["extended"] is True and extended["term"]["deadline"] == "2024-04-29"
    body = problem(client.post(f"{url}/extend", {"extended_on": "2024-03-02"}, format="json"), 400)
    assert "al eenmaal verdaagd" in body["invalid-params"][0]["reason"]
    notice = client.post(f"{url}/default-notice", {"received_on": "2024-05-01"}, format="json").json()
    assert notice["term"]["penalty_days"] == 42


def test_outsider_cannot_create_for_an_establishment_it_cannot_see(outsider, establishment):
    response = client_for(outsider).post(
        APPLICATIONS,
        {
            "establishment": establishment.pk,
            "competent_authority": establishment.competent_authority.code,
            "reference": "OLO-1",
            "subject": "x",
            "received_on": "2024-01-10",
            "procedure": "regular",
        },
        format="json",
    )
    body = problem(response, 400)
    assert body["invalid-params"][0]["name"] == "establishment"
    assert not Application.objects.exists()


def test_outsider_cannot_act_on_an_application(outsider, application):
    problem(client_for(outsider).post(f"{APPLICATIONS}/{application.pk}/extend", {"extended_on": "2024-03-01"}), 404)


def test_create_decision_with_changes(owner, establishment, granted):
    response = client_for(owner).post(
        DECISIONS,
        {
            "establishment": establishment.pk,
            "reference": "W-1",
            "kind": "amend",
            "decided_on": "2021-01-01",
            "effective_from": "2021-02-01",
            "changes": [{"op": "replace", "number": "1", "text": "Nieuw"}, {"op": "revoke", "number": "2"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert [c["op"] for c in response.json()["changes"]] == ["replace", "revoke"]


def test_impossible_decision_is_a_problem_naming_decision_and_provision(owner, establishment, granted):
    response = client_for(owner).post(
        DECISIONS,
        {
            "establishment": establishment.pk,
            "reference": "W-9",
            "kind": "amend",
            "decided_on": "2021-01-01",
            "effective_from": "2021-01-01",
            "changes": [{"op": "revoke", "number": "7"}],
        },
        format="json",
    )
    body = problem(response, 400)
    assert body["invalid-params"] == [
        {
            "name": "changes",
            "code": "invalid",
            "reason": "Besluit W-9, voorschrift 7: kan niet worden ingetrokken: het is op 2021-01-01 niet van kracht.",
        }
    ]
    assert not Decision.objects.filter(reference="W-9").exists()


def test_decisions_filter_by_vestigingsnummer(owner, outsider, establishment, foreign_establishment, granted):
    client = client_for(owner)
    by_number = client.get(DECISIONS, {"establishment": establishment.kvk_vestigingsnummer}).json()["results"]
    assert [d["reference"] for d in by_number] == ["V-2020-1"]
    assert client.get(DECISIONS, {"establishment": foreign_establishment.kvk_vestigingsnummer}).json()["results"] == []
    problem(client.get(DECISIONS, {"establishment": "12"}), 400)
    assert client_for(outsider).get(DECISIONS).json()["results"] == []


def test_permit_on_a_date_and_the_day_before(owner, member, outsider, establishment, granted):
    url = f"/api/v1/establishments/{establishment.pk}/permit"
    body = client_for(member).get(url, {"on": "2020-01-01"}).json()
    assert [p["number"] for p in body["provisions"]] == ["1", "2", "10"]
    assert body["provisions"][0]["source_decision"]["reference"] == "V-2020-1"
    assert client_for(owner).get(url, {"on": "2019-12-31"}).json()["provisions"] == []
    problem(client_for(owner).get(url, {"on": "morgen"}), 400)
    problem(client_for(outsider).get(url, {"on": "2020-01-01"}), 404)


def test_permit_diff_and_provision_history(owner, outsider, establishment, granted):
    services.record_decision(
        user=owner,
        establishment=establishment,
        reference="W-1",
        kind="amend",
        decided_on=D("2021-01-01"),
        effective_from=D("2021-01-01"),
        changes=[{"op": "replace", "number": "1", "text": "Nieuw"}],
    )
    url = f"/api/v1/establishments/{establishment.pk}/permit/diff"
    diff = client_for(owner).get(url, {"from": "2020-06-01", "to": "2021-06-01"}).json()
    assert diff["replaced"] == [
        {
            "number": "1",
            "old_text": "Voorschrift 1: geluid ten hoogste 50 dB(A)",
            "new_text": "Nieuw",
            "decisions": [{"id": Decision.objects.get(reference="W-1").pk, "reference": "W-1"}],
        }
    ]
    assert diff["added"] == diff["revoked"] == []
    problem(client_for(owner).get(url, {"from": "2020-06-01"}), 400)
    problem(client_for(outsider).get(url, {"from": "2020-06-01", "to": "2021-06-01"}), 404)
    history = client_for(owner).get(f"/api/v1/establishments/{establishment.pk}/permit/provisions/1").json()
    assert [(v["source_decision"]["reference"], v["valid_until"]) for v in history] == [
        ("V-2020-1", "2021-01-01"),
        ("W-1", None),
    ]


def test_lead_times(owner, outsider, establishment, granted, application):
    services.record_decision(
        user=owner,
        establishment=establishment,
        application=application,
        reference="W-1",
        kind="amend",
        decided_on=D("2024-02-01"),
        effective_from=D("2024-02-01"),
        changes=[{"op": "add", "number": "3", "text": "Tank"}],
    )
    rows = client_for(owner).get(f"{APPLICATIONS}/lead-times").json()
    assert rows == [
        {
            "competent_authority": {
                "code": establishment.competent_authority.code,
                "name": establishment.competent_authority.name,
            },
            "procedure": "regular",
            "decided": 1,
            "median_days": 22.0,
            "in_time_share": 1.0,
        }
    ]
    assert client_for(outsider).get(f"{APPLICATIONS}/lead-times").json() == []
