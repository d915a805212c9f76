"""The unlawful steps found through the REST API (issue 13, "Why") are refused, and their lawful twins pass:
forfeiture inside the begunstigingstermijn (and after it), a heavy boete without voornemen and zienswijze (and after
them), a strafbeschikking after a boete on the same facts, a boete after a proces-verbaal without the prosecutor
(and after he waived), the decision term of an objection (Awb 7:10), an LHSO consultation that was not recorded.
Also: who may take which step, four eyes, the mandate's ceiling, Awb 10:3(3)."""

import datetime
from decimal import Decimal

import pytest

from openvth.accounts.models import Role
from openvth.accounts.tests.factories import UserFactory
from openvth.core import clock
from openvth.enforcement import services, steps
from openvth.enforcement.models import EnforcementCase, PolicyTableVersion, Sanction
from openvth.register.models import Mandate
from openvth.rules import enforcement as rules
from openvth.rules import enforcement_events as events
from openvth.rules.terms import Unit, term_end
from openvth.supervision.tests.factories import FindingFactory
from openvth.testing.api import client_for, problem

from .conftest import CONSULTED, MANDATED
from .factories import lawyer, mandate, perform_reinspection

CASES = "/api/v1/enforcement-cases"


def ago(days: int) -> str:
    return (clock.today() - datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def manager(service, establishment):
    user = UserFactory(username="manager", organisation=service, role=Role.MANAGER)
    for decision_type in MANDATED:
        mandate(user, establishment.competent_authority, decision_type)
    return user


@pytest.fixture
def api(manager):
    return client_for(manager)


@pytest.fixture
def fact(jurist, establishment):
    finding = FindingFactory(
        inspection__establishment=establishment, inspection__performed_on=clock.today() - datetime.timedelta(days=681)
    )
    services.record_lhso_decision(
        user=jurist, finding=finding, behaviour="B", chosen=["warning", "last_onder_dwangsom"]
    )
    return finding


def opened(api, finding, route: str, on: str = "", **values):
    response = api.post(
        CASES, {"findings": [finding.pk], "route": route, "on": on or ago(300), **values}, format="json"
    )
    assert response.status_code == 201, response.content
    return EnforcementCase.objects.get(pk=response.json()["id"])


def step(api, case, event: str, status: int = 200, **data):
    response = api.post(f"{CASES}/{case.pk}/transition", {"event": event, **data}, format="json")
    if status == 200:
        assert response.status_code == 200, response.content
        return response.json()
    return problem(response, status)


def reasons(body) -> str:
    return " ".join(p["reason"] for p in body.get("invalid-params", [])) or body["detail"]


def unchanged(case, state: str, sanctions: int):
    case.refresh_from_db()
    assert case.state == state and case.sanctions.count() == sanctions


# --- 1. forfeiture -----------------------------------------------------------------------------------------------


@pytest.fixture
def order(api, fact):
    """A last onder dwangsom with a begunstigingstermijn of 6 weeks, 60 days ago; the re-inspection planned."""
    case = opened(api, fact, "herstel", violation_type="afval")
    for event in ("voornemen_verzenden", "zienswijze_ontvangen"):
        step(api, case, event, on=ago(61), intended="last_onder_dwangsom")
    step(api, case, "last_onder_dwangsom_opleggen", on=ago(60), term_amount=6, term_unit="weeks")
    step(api, case, "hercontrole_uitvoeren", on=ago(59))
    return case


def test_1_no_forfeiture_ten_days_after_the_order(api, order):
    inspection = perform_reinspection(order, clock.today() - datetime.timedelta(days=50))  # inside the term
    body = step(api, order, "verbeuren", 400, on=ago(50), inspection=inspection.pk)
    assert "art. 5:32a lid 1 Awb" in reasons(body) and "tot en met die dag mag de overtreder nog voldoen" in reasons(
        body
    )
    unchanged(order, "hercontrole_dwangsom", 1)
    assert order.sanctions.get().forfeited_on is None


def test_1_twin_forfeiture_after_the_term_on_the_closed_re_inspection(api, order):
    inspection = perform_reinspection(order, clock.today() - datetime.timedelta(days=10))
    body = step(api, order, "verbeuren", on=ago(9), units=2)
    assert body["state"] == "verbeurd" and body["transitions"][-1]["inspection"] == inspection.pk
    assert (
        Decimal(body["sanctions"][0]["forfeited_amount"])
        == 2 * rules.DEFAULT_POLICY.violations["afval"].dwangsom_amount
    )


def test_1_a_bare_forfeiture_without_a_re_inspection_is_no_proof(api, order):
    body = step(api, order, "verbeuren", 400, on=ago(1))  # the planned re-inspection was never carried out
    assert "nog niet uitgevoerd en afgesloten" in reasons(body)
    unchanged(order, "hercontrole_dwangsom", 1)


# --- 2. boete above € 340 ----------------------------------------------------------------------------------------


@pytest.fixture
def report(api, fact):
    case = opened(api, fact, "boete")
    step(api, case, "rapport_opmaken", on=ago(40), boete_maximum="5000")
    return case


def test_2_no_heavy_boete_straight_after_the_report(api, report):
    body = step(api, report, "boete_opleggen", 400, on=ago(39), amount="5000")
    assert "art. 5:53 Awb" in reasons(body)
    unchanged(report, "rapport", 0)


def test_2_twin_the_boete_after_the_zienswijze(api, report):
    step(api, report, "voornemen_verzenden", on=ago(39))
    step(api, report, "zienswijze_ontvangen", on=ago(30))
    body = step(api, report, "boete_opleggen", on=ago(29), amount="5000")
    assert body["state"] == "boete_opgelegd" and body["boete_maximum"] == "5000.00"
    assert {d["code"] for d in body["deadlines"]} >= {"beslistermijn_boete", "bezwaartermijn", "betaaltermijn_boete"}


def test_2_never_above_the_statutory_maximum_of_the_report(api, report):
    step(api, report, "voornemen_verzenden", on=ago(39))
    step(api, report, "zienswijze_ontvangen", on=ago(30))
    body = step(api, report, "boete_opleggen", 400, on=ago(29), amount="5000.01")
    assert "art. 5:46 lid 1 Awb" in reasons(body)
    unchanged(report, "zienswijze", 0)


# --- 3. una via after a boete -------------------------------------------------------------------------------------


def _fined(api, report):
    step(api, report, "voornemen_verzenden", on=ago(39))
    step(api, report, "zienswijze_ontvangen", on=ago(30))
    step(api, report, "boete_opleggen", on=ago(29), amount="2500")


def test_3_no_criminal_case_on_the_same_finding_after_a_boete(api, fact, report):
    _fined(api, report)
    body = problem(api.post(CASES, {"findings": [fact.pk], "route": "strafrecht", "on": ago(5)}, format="json"), 400)
    assert "art. 243 lid 2 en 257ba Sv" in reasons(body)
    assert EnforcementCase.objects.filter(route="strafrecht").count() == 0


def test_3_no_strafbeschikking_in_a_criminal_case_opened_before_the_boete(api, fact, report):
    criminal = opened(api, fact, "strafrecht", on=ago(35))
    _fined(api, report)
    body = step(api, criminal, "strafbeschikking_uitvaardigen", 400, on=ago(5), amount="900")
    assert "257ba Sv" in reasons(body)
    unchanged(criminal, "geconstateerd", 0)


# --- 4. boete after a proces-verbaal -----------------------------------------------------------------------------


@pytest.fixture
def proces_verbaal(member, fact, api):
    criminal = opened(api, fact, "strafrecht", on=ago(200))
    step(client_for(member), criminal, "proces_verbaal_opmaken", on=ago(190), reference="PL01-2026-7")  # a BOA
    return criminal


def test_4_no_boete_after_a_proces_verbaal_without_the_prosecutor(api, fact, proces_verbaal):
    case = opened(api, fact, "boete", on=ago(180))
    assert case.also_crime  # the proces-verbaal shows the facts to be a crime
    step(api, case, "rapport_opmaken", on=ago(170), boete_maximum="300")
    body = step(api, case, "boete_opleggen", 400, on=ago(169), amount="300")
    assert "leg het eerst voor aan de officier van justitie" in reasons(body)
    unchanged(case, "rapport", 0)


def test_4_twin_the_boete_after_the_prosecutor_waived(api, fact, proces_verbaal):
    case = opened(api, fact, "boete", on=ago(180))
    step(api, case, "voorleggen_aan_om", on=ago(179))
    step(api, case, "om_ziet_af", on=ago(150))
    step(api, case, "rapport_opmaken", on=ago(149), boete_maximum="300")
    body = step(api, case, "boete_opleggen", on=ago(148), amount="300")
    assert (
        body["state"] == "boete_opgelegd"
        and "ziet af van vervolging (art. 5:44 Awb)" in body["transitions"][-1]["note"]
    )


def test_4_no_boete_case_after_a_strafbeschikking(api, fact):
    criminal = opened(api, fact, "strafrecht", on=ago(200))
    step(api, criminal, "strafbeschikking_uitvaardigen", on=ago(190), amount="900")
    body = problem(api.post(CASES, {"findings": [fact.pk], "route": "boete", "on": ago(5)}, format="json"), 400)
    assert "art. 5:44 lid 1 Awb" in reasons(body)


# --- 5. the decision term of an objection ------------------------------------------------------------------------


def _decision_term(body) -> dict:
    (found,) = [d for d in body["deadlines"] if d["code"] == "beslistermijn_bezwaar" and d["done_on"] is None]
    return found


@pytest.mark.date_sensitive
@pytest.mark.parametrize(("committee", "weeks"), [(False, 6), (True, 12)])
def test_5_an_objection_carries_its_statutory_decision_term(api, order, committee, weeks):
    letter = order.letters.get(kind="last_onder_dwangsom")
    response = api.post(
        f"{CASES}/{order.pk}/objection", {"letter": letter.pk, "received_on": ago(50), "committee": committee},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    objection_term = rules.objection_deadline(letter.decided_on).due
    deadline = _decision_term(response.json())
    expected = term_end(objection_term, weeks, Unit.WEEKS, statutory=True)
    assert (deadline["due_on"], deadline["statutory"]) == (expected.end.isoformat(), True)
    assert "art. 7:10 lid 1 Awb" in deadline["source"]


@pytest.mark.date_sensitive
def test_5_once_extended_by_six_weeks_further_only_with_consent(api, order):
    letter = order.letters.get(kind="last_onder_dwangsom")
    objection = api.post(f"{CASES}/{order.pk}/objection", {"letter": letter.pk, "received_on": ago(50)}, format="json")
    case = EnforcementCase.objects.get(pk=objection.json()["id"])
    first = _decision_term(objection.json())
    body = step(api, case, "beslistermijn_verdagen", on=ago(49))
    extended = _decision_term(body)
    due = datetime.date.fromisoformat(first["due_on"])
    assert extended["due_on"] == term_end(due, 6, Unit.WEEKS, statutory=True).end.isoformat()
    assert "art. 7:10 lid 3 en 4 Awb" in reasons(step(api, case, "beslistermijn_verdagen", 400, on=ago(48)))
    assert "art. 7:10 lid 4 Awb" in reasons(step(api, case, "beslistermijn_uitstellen", 400, on=ago(48), weeks=4))
    body = step(api, case, "beslistermijn_uitstellen", on=ago(48), weeks=4, consent=True)
    assert _decision_term(body)["source"] == "art. 7:10 lid 4 Awb"


def test_5_a_late_objection_is_marked_for_inadmissibility(api, order):
    letter = order.letters.get(kind="last_onder_dwangsom")
    response = api.post(f"{CASES}/{order.pk}/objection", {"letter": letter.pk, "received_on": ago(1)}, format="json")
    case = EnforcementCase.objects.get(pk=response.json()["id"])
    assert case.objection.for_inadmissibility and "art. 6:11 Awb" in case.transitions.get().note
    excused = api.post(
        f"{CASES}/{order.pk}/objection", {"letter": letter.pk, "received_on": ago(1), "excusable": True}, format="json"
    )
    assert "verschoonbaar" in reasons(problem(excused, 400))


# --- LHSO consultation --------------------------------------------------------------------------------------------


def test_no_sanction_before_the_indicated_consultation_is_recorded(api, jurist, fact):
    services.record_lhso_decision(
        user=jurist, finding=fact, behaviour="C", chosen=["warning"], reasons="Eerst waarschuwen."
    )
    case = opened(api, fact, "herstel", violation_type="afval")
    assert "LHSO stap 3" in reasons(step(api, case, "waarschuwen", 400, on=ago(1)))
    unchanged(case, "geconstateerd", 0)
    services.record_lhso_decision(
        user=jurist, finding=fact, behaviour="C", chosen=["warning"], reasons="Eerst waarschuwen.", **CONSULTED
    )
    assert step(api, case, "waarschuwen", on=ago(1))["state"] == "waarschuwing"


def test_a_consultation_is_recorded_with_its_outcome(jurist, fact):
    with pytest.raises(Exception, match="uitkomst van het overleg"):
        services.record_lhso_decision(user=jurist, finding=fact, behaviour="C", chosen=["warning"], reasons="x",
                                      **{**CONSULTED, "consultation_outcome": ""})  # fmt: skip


def test_no_case_opened_before_the_violation(api, fact):
    body = problem(api.post(CASES, {"findings": [fact.pk], "route": "herstel", "on": ago(682)}, format="json"), 400)
    assert "art. 5:2 Awb" in reasons(body)


# --- who may take which step --------------------------------------------------------------------------------------


def test_inspectors_warn_and_draw_up_the_proces_verbaal_but_take_no_sanction_decision(member, jurist, api, fact):
    for decision_type in MANDATED:
        mandate(member, fact.inspection.establishment.competent_authority, decision_type)
    inspector = client_for(member)
    case = opened(api, fact, "herstel", violation_type="afval")
    assert "voorbehouden aan" in problem(inspector.post(f"{CASES}/{case.pk}/transition", {
        "event": "sluiten", "note": "Klaar."}, format="json"), 403)["detail"]  # fmt: skip
    for event in ("voornemen_verzenden", "gedogen"):
        problem(inspector.post(f"{CASES}/{case.pk}/transition", {"event": event}, format="json"), 403)
    assert step(inspector, case, "waarschuwen", on=ago(1))["state"] == "waarschuwing"  # the policy allows it
    criminal = opened(api, fact, "strafrecht", on=ago(2))
    assert "toezichthouder" in step(api, criminal, "proces_verbaal_opmaken", 403, on=ago(1))["detail"]  # not a BOA
    assert step(inspector, criminal, "proces_verbaal_opmaken", on=ago(1))["state"] == "proces_verbaal"


def test_a_policy_without_inspector_warnings(member, api, fact):
    authority = fact.inspection.establishment.competent_authority
    policy = {**rules.DEFAULT_POLICY.to_dict(), "inspector_warnings": False}
    PolicyTableVersion.objects.create(authority=authority, policy=policy, valid_from=datetime.date(2020, 1, 1))
    mandate(member, authority, "warning")
    case = opened(api, fact, "herstel", violation_type="afval")
    problem(client_for(member).post(f"{CASES}/{case.pk}/transition", {"event": "waarschuwen"}, format="json"), 403)


def test_four_eyes_where_the_policy_asks_for_it(api, jurist, manager, fact):
    authority = fact.inspection.establishment.competent_authority
    policy = {**rules.DEFAULT_POLICY.to_dict(), "four_eyes": True}
    PolicyTableVersion.objects.create(authority=authority, policy=policy, valid_from=datetime.date(2020, 1, 1))
    case = opened(api, fact, "herstel", violation_type="afval")
    own = client_for(jurist)
    for event in ("voornemen_verzenden", "zienswijze_ontvangen"):
        step(own, case, event, on=ago(10), intended="last_onder_dwangsom")
    body = step(own, case, "last_onder_dwangsom_opleggen", 403, on=ago(9))
    assert "vier ogen" in body["detail"]
    unchanged(case, "zienswijze", 0)
    body = step(api, case, "last_onder_dwangsom_opleggen", on=ago(9))
    assert f"voorbereid door {jurist}, besloten door {manager}" in body["transitions"][-1]["note"]


def test_the_objection_is_not_decided_by_who_took_the_decision(api, jurist, order):
    letter = order.letters.get(kind="last_onder_dwangsom")
    response = api.post(f"{CASES}/{order.pk}/objection", {"letter": letter.pk, "received_on": ago(50)}, format="json")
    case = EnforcementCase.objects.get(pk=response.json()["id"])
    body = step(api, case, "beslissen", 403, on=ago(1), note="Ongegrond.", outcome="unfounded")  # the manager signed
    assert "art. 10:3 lid 3 Awb" in body["detail"]
    body = step(client_for(jurist), case, "beslissen", on=ago(1), note="Ongegrond.", outcome="unfounded")
    assert body["state"] == "afgesloten"


def test_a_boete_above_the_mandates_ceiling_is_refused(jurist, report):
    Mandate.objects.filter(holder=jurist, decision_type="bestuurlijke_boete").update(max_amount=Decimal(1000))
    own = client_for(jurist)
    step(own, report, "voornemen_verzenden", on=ago(39))
    step(own, report, "zienswijze_ontvangen", on=ago(30))
    assert (
        "tot een bedrag van € 2.000,00" in step(own, report, "boete_opleggen", 403, on=ago(29), amount="2000")["detail"]
    )
    assert not Sanction.objects.filter(kind="bestuurlijke_boete").exists()
    assert step(own, report, "boete_opleggen", on=ago(29), amount="1000")["state"] == "boete_opgelegd"


def test_a_lawyer_without_a_mandate_for_the_objection_decision(service, jurist, order):
    letter = order.letters.get(kind="last_onder_dwangsom")
    received = clock.today() - datetime.timedelta(days=50)
    objection = services.lodge_objection(user=jurist, letter=letter, received_on=received)
    body = step(client_for(lawyer(service)), objection.case, "beslissen", 403, note="x", outcome="unfounded")
    assert "beslissing op bezwaar" in body["detail"]


def test_every_event_has_its_effect_decided():
    assert set(steps.EFFECTS) == set(events.EVENTS)
