"""The enforcement API: three users, a case opened and taken through steps, refused steps as problem+json
(409 for the state, 403 without mandate, 400 for the law or the input), the LHSO decision of a finding."""

import datetime

import pytest

from openvth.core import clock
from openvth.enforcement import services
from openvth.enforcement.models import EnforcementCase
from openvth.rules import enforcement as rules
from openvth.testing.api import client_for, problem

from .factories import lawyer

CASES, DECISIONS = "/api/v1/enforcement-cases", "/api/v1/lhso-decisions"


def ago(days: int) -> str:
    return (clock.today() - datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def case(jurist, decided):
    return services.open_case(user=jurist, findings=[decided], route="herstel", violation_type="afval", on=ago(40))


def test_cases_three_users(jurist, member, outsider, case):
    for user in (jurist, member):
        rows = client_for(user).get(CASES).json()["results"]
        assert [r["reference"] for r in rows] == [case.reference]
    assert client_for(outsider).get(CASES).json()["results"] == []
    problem(client_for(outsider).get(f"{CASES}/{case.pk}"), 404)
    problem(client_for(outsider).post(f"{CASES}/{case.pk}/transition", {"event": "sluiten"}, format="json"), 404)


def test_filters_and_a_bad_filter_value(jurist, case):
    api = client_for(jurist)
    assert len(api.get(CASES, {"state": "geconstateerd", "open": "true"}).json()["results"]) == 1
    assert api.get(CASES, {"route": "boete"}).json()["results"] == []
    problem(api.get(CASES, {"open": "misschien"}), 400)


def test_open_a_case_and_take_steps(jurist, decided):
    api = client_for(jurist)
    created = api.post(
        CASES, {"findings": [decided.pk], "route": "herstel", "violation_type": "afval", "on": ago(30)}, format="json"
    )
    assert created.status_code == 201, created.content
    url = f"{CASES}/{created.json()['id']}/transition"
    body = api.post(
        url, {"event": "waarschuwen", "on": ago(29), "term_amount": 10, "term_unit": "days"}, format="json"
    ).json()
    assert body["state"] == "waarschuwing" and body["allowed_events"] == ["hercontrole_uitvoeren", "gedogen", "sluiten"]
    assert [t["event"] for t in body["transitions"]] == ["openen", "waarschuwen"]
    assert body["transitions"][-1]["by"] == str(jurist)
    (deadline,) = body["deadlines"]
    expected = rules.deadlines(
        "waarschuwen", datetime.date.fromisoformat(ago(29)), rules.DeadlineParams(term=(10, rules.Unit.DAYS))
    )
    assert deadline["due_on"] == expected[0].due.isoformat()
    assert body["letters"][0]["kind"] == "warning"


def test_a_step_the_state_does_not_allow_is_409_with_the_dutch_message(jurist, case):
    body = problem(client_for(jurist).post(f"{CASES}/{case.pk}/transition", {"event": "verbeuren"}, format="json"), 409)
    assert "kan niet in stand 'geconstateerd'" in body["detail"]


def test_a_decision_without_mandate_is_403(service, case):
    body = problem(
        client_for(lawyer(service)).post(f"{CASES}/{case.pk}/transition", {"event": "waarschuwen"}, format="json"), 403
    )
    assert "geen geldig mandaat" in body["detail"]
    assert EnforcementCase.objects.get().state == "geconstateerd"


def test_missing_input_and_the_law_are_400(jurist, case):
    api = client_for(jurist)
    problem(api.post(f"{CASES}/{case.pk}/transition", {"event": "nonsense"}, format="json"), 400)
    body = problem(api.post(f"{CASES}/{case.pk}/transition", {"event": "sluiten"}, format="json"), 400)
    assert "motivering" in body["invalid-params"][0]["reason"]


def test_the_lhso_decision_of_a_finding(jurist, outsider, finding):
    api = client_for(jurist)
    url = f"/api/v1/findings/{finding.pk}/lhso"
    problem(api.get(url), 404)
    created = api.post(
        url, {"behaviour": "B", "aspects": ["recidive"], "chosen": ["warning", "last_onder_dwangsom"]}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["cell"] == "B3" and not created.json()["deviates"]
    body = problem(api.post(url, {"behaviour": "A", "chosen": ["proces_verbaal"]}, format="json"), 400)
    assert "motivering" in body["invalid-params"][0]["reason"]
    assert api.get(url).json()["cell"] == "B3"
    assert [d["cell"] for d in api.get(DECISIONS).json()["results"]] == ["B3"]
    problem(client_for(outsider).get(url), 404)
    assert client_for(outsider).get(DECISIONS).json()["results"] == []


def test_an_objection_through_the_api(jurist, case):
    api = client_for(jurist)
    url = f"{CASES}/{case.pk}/transition"
    for event in ("voornemen_verzenden", "zienswijze_ontvangen", "last_onder_dwangsom_opleggen"):
        api.post(url, {"event": event, "on": ago(20), "intended": "last_onder_dwangsom"}, format="json")
    letter = case.letters.get(kind="last_onder_dwangsom")
    created = api.post(f"{CASES}/{case.pk}/objection", {"letter": letter.pk, "received_on": ago(5)}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["route"] == "bezwaar" and created.json()["parent"] == case.pk
