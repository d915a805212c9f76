"""The IBP VTH API: read by every logged-in user, filters that answer 400 on a bad value, PATCH of a status only for
the programme office, problem+json for every error."""

import pytest
from rest_framework.test import APIClient

from openvth.core.history import history_of
from openvth.testing.api import client_for, problem

REPORTS, ACTIONS = "/api/v1/ibp/reports", "/api/v1/ibp/actions"


@pytest.fixture
def first_action(report):
    return report.actions.get(recommendation=1, position=1)


def test_reports_and_actions_for_every_organisation(report, member, outsider):
    for user in (member, outsider):
        client = client_for(user)
        assert [r["title"] for r in client.get(REPORTS).json()["results"]] == [report.title]
        assert client.get(ACTIONS, {"page_size": 100}).json()["count"] == 59


def test_anonymous_gets_a_problem(report):
    problem(APIClient().get(ACTIONS), 401)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"pillar": "Buiten IBP"}, 2),
        ({"pillar": "3"}, 7),
        ({"status": "planned"}, 14),
        ({"recommendation": 8}, 10),
        ({"recommendation": 6, "pillar": "4", "status": "delayed"}, 6),
    ],
)
def test_action_filters(report, member, query, count):
    assert client_for(member).get(ACTIONS, query).json()["count"] == count


def test_bad_filter_value_is_a_problem(report, member):
    body = problem(client_for(member).get(ACTIONS, {"status": "stuck"}), 400)
    assert body["invalid-params"][0]["name"] == "status"


def test_action_fields(report, member, first_action):
    body = client_for(member).get(f"{ACTIONS}/{first_action.pk}").json()
    assert body == {
        "id": first_action.pk,
        "report": report.pk,
        "recommendation": 1,
        "recommendation_title": "Verhogen ondergrens omgevingsdiensten",
        "pillar": "1",
        "action": first_action.action,
        "planning": "Q4 2022",
        "progress": "",
        "status": "on_schedule",
        "status_reason": first_action.status_reason,
        "explanation": "Formuleren criteria is gestart.",
        "revised_planning": "",
    }


def test_patch_status_only_for_the_programme_office(first_action, member):
    body = problem(
        client_for(member).patch(
            f"{ACTIONS}/{first_action.pk}", {"status": "bottleneck", "reason": "x"}, format="json"
        ),
        403,
    )
    assert "programmabureau" in body["detail"]
    first_action.refresh_from_db()
    assert first_action.status == "on_schedule"


def test_patch_status(first_action, office):
    response = client_for(office).patch(
        f"{ACTIONS}/{first_action.pk}", {"status": "delayed", "reason": "Stuurgroep 17 januari."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["status_reason"]) == ("delayed", "Stuurgroep 17 januari.")
    assert history_of(first_action).get().changes["status"] == ["on_schedule", "delayed"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "stuck", "reason": "x"}, "status"),
        ({"status": "delayed"}, "reason"),
        ({"status": "on_schedule", "reason": "x"}, "status"),
    ],
)
def test_patch_with_bad_input_is_a_problem(first_action, office, payload, field):
    body = problem(client_for(office).patch(f"{ACTIONS}/{first_action.pk}", payload, format="json"), 400)
    assert [p["name"] for p in body["invalid-params"]] == [field]
    assert not history_of(first_action).exists()


def test_put_is_not_allowed(first_action, office):
    problem(
        client_for(office).put(f"{ACTIONS}/{first_action.pk}", {"status": "delayed", "reason": "x"}, format="json"), 405
    )
