"""The legal guards of enforcement steps (docs/domain.md §5), table-driven: per guard a lawful step that passes and
unlawful ones that are refused with the Dutch reason naming the article."""

import inspect
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from openvth.rules import enforcement_guards as g
from openvth.rules.enforcement import OM_PROSECUTES, OM_WAIVED

D = date.fromisoformat
BASE = g.StepFacts(route="herstel", state="geconstateerd", event="x", on=D("2025-06-02"), today=D("2025-06-10"),
                   violation_on=D("2025-01-06"), previous_on=D("2025-05-01"))  # fmt: skip
PROOF = g.Evidence(7, D("2025-05-20"), D("2025-05-22"), True, True)
AFTER_TERM = replace(BASE, term_end=D("2025-05-19"), evidence=PROOF)
REPORTED = replace(
    BASE, route="boete", state="zienswijze", boete_maximum=Decimal(5000), reported_on=D("2025-03-03"),
    amount=Decimal(2500),
)  # fmt: skip
CONSULTED = g.Consultation(True, "both", D("2025-01-20"), "Bestuursrechtelijk afdoen.")
PV = g.OtherSanction("proces_verbaal", D("2025-02-01"), 9)
STRAFBESCHIKKING = g.OtherSanction("bestuurlijke_strafbeschikking", D("2025-02-01"), 9)
BOETE = g.OtherSanction("bestuurlijke_boete", D("2025-02-01"), 9)
LATE = replace(BASE, route="bezwaar", objection_in_time=False, outcome="unfounded")

# (guard, lawful facts, [(unlawful facts, article in the reason)])
TABLE = [
    (g.not_in_the_future, BASE, [(replace(BASE, on=D("2025-06-11")), "art. 3:2 Awb")]),
    (g.not_before_the_previous_step, BASE, [(replace(BASE, on=D("2025-04-30")), "art. 3:2 Awb")]),
    (g.not_before_the_violation, BASE, [(replace(BASE, on=D("2025-01-05")), "art. 5:2 Awb")]),
    (
        g.forfeiture_after_the_term,
        AFTER_TERM,
        [
            (replace(AFTER_TERM, evidence=None), "art. 5:32a lid 1 Awb"),  # a bare event is no proof
            (replace(AFTER_TERM, term_end=D("2025-05-20")), "niet na het einde van de termijn"),  # on its last day
            (replace(AFTER_TERM, evidence=replace(PROOF, closed_on=None)), "nog niet uitgevoerd en afgesloten"),
            (replace(AFTER_TERM, evidence=replace(PROOF, same_establishment=False)), "niet van deze vestiging"),
            (replace(AFTER_TERM, evidence=replace(PROOF, violation_found=False)), "geen voortdurende overtreding"),
            (replace(AFTER_TERM, on=D("2025-05-21")), "pas op 22-05-2025 afgesloten"),
        ],
    ),
    (  # recorded as performed whether or not it found the violation going on
        g.reinspection_after_the_term,
        replace(AFTER_TERM, evidence=replace(PROOF, violation_found=False)),
        [
            (replace(AFTER_TERM, evidence=None), "art. 3:2 Awb"),
            (replace(AFTER_TERM, term_end=D("2025-05-20")), "niet na het einde van de termijn"),
            (replace(AFTER_TERM, evidence=replace(PROOF, closed_on=None)), "nog niet uitgevoerd en afgesloten"),
            (replace(AFTER_TERM, evidence=replace(PROOF, same_establishment=False)), "niet van deze vestiging"),
        ],
    ),
    (g.bestuursdwang_after_the_term, AFTER_TERM, [(replace(AFTER_TERM, evidence=None), "art. 5:24 lid 2 Awb")]),
    (
        g.voornemen_after_the_warning,
        replace(AFTER_TERM, state="hercontrole_na_waarschuwing"),
        [(replace(AFTER_TERM, state="hercontrole_na_waarschuwing", term_end=D("2025-05-25")), "hersteltermijn")],
    ),
    (g.voornemen_after_the_warning, BASE, []),  # without a warning before it nothing is asked
    (
        g.view_term_passed,
        replace(BASE, open_deadlines={"zienswijzetermijn": D("2025-06-01")}),
        [(replace(BASE, open_deadlines={"zienswijzetermijn": D("2025-06-02")}), "art. 4:8 Awb")],
    ),
    (
        g.prosecutor_term_passed,
        replace(BASE, open_deadlines={"reactietermijn_om": D("2025-06-01")}),
        [(replace(BASE, open_deadlines={"reactietermijn_om": D("2025-06-02")}), "art. 5:44 lid 2 Awb")],
    ),
    (
        g.collection_not_lapsed,
        replace(BASE, forfeited_on=D("2024-06-03")),
        [(replace(BASE, forfeited_on=D("2024-05-20")), "art. 5:35 Awb"), (BASE, "art. 5:37 Awb")],
    ),
    (
        g.collection_lapsed,
        replace(BASE, forfeited_on=D("2024-05-20")),
        [(replace(BASE, forfeited_on=D("2024-06-03")), "art. 5:35 Awb")],
    ),
    (g.report_with_maximum, REPORTED, [(replace(REPORTED, boete_maximum=None, reported_on=None), "art. 5:48 Awb")]),
    (
        g.view_before_a_heavy_fine,
        REPORTED,
        [(replace(REPORTED, state="rapport"), "art. 5:53 Awb")],  # € 5.000 straight after the report
    ),
    (g.view_before_a_heavy_fine, replace(REPORTED, state="rapport", boete_maximum=Decimal(340)), []),  # short route
    (
        g.fine_within_the_maxima,
        replace(REPORTED, policy_maximum=Decimal(2500)),
        [
            (replace(REPORTED, amount=Decimal("5000.01")), "art. 5:46 lid 1 Awb"),
            (replace(REPORTED, policy_maximum=Decimal(2000)), "art. 4:84 Awb"),
            (replace(REPORTED, amount=None), "art. 5:46 Awb"),
        ],
    ),
    (
        g.fixed_amount_or_reasons,
        replace(REPORTED, policy_amount=Decimal(2000), deviation_reason="Draagkracht: jaarrekening 2024."),
        [(replace(REPORTED, policy_amount=Decimal(2000)), "art. 5:46 lid 3 en 4:84 Awb")],
    ),
    (
        g.boete_lawful,
        REPORTED,
        [
            (replace(REPORTED, same_facts=(STRAFBESCHIKKING,)), "art. 5:44 lid 1 Awb"),
            (replace(REPORTED, same_facts=(BOETE,)), "art. 5:43 Awb"),
            (replace(REPORTED, same_facts=(PV,)), "leg het eerst voor aan de officier van justitie"),
            (replace(REPORTED, same_facts=(PV,), om_submitted_on=D("2025-03-10")), "art. 5:44 Awb"),  # waiting
            (replace(REPORTED, om_prosecutes_same_facts=True), "art. 5:44 Awb"),
            (replace(REPORTED, to_blame=False), "art. 5:41 Awb"),
            (replace(REPORTED, also_crime=True, om_submitted_on=D("2025-03-10"), om_answer=OM_PROSECUTES), "OM stelt"),
            (replace(REPORTED, violation_on=D("2019-06-01")), "art. 5:45 lid 2 Awb"),
        ],
    ),
    # the twins: after a proces-verbaal the prosecutor waived, or did not answer within 13 weeks
    (g.boete_lawful, replace(REPORTED, same_facts=(PV,), om_submitted_on=D("2025-03-10"), om_answer=OM_WAIVED), []),
    (g.boete_lawful, replace(REPORTED, same_facts=(PV,), om_submitted_on=D("2025-02-10")), []),
    (g.no_criminal_route_after_a_boete, replace(BASE, same_facts=(PV,)), [(replace(BASE, same_facts=(BOETE,)), "Sv")]),
    (
        g.consultation_recorded,
        replace(BASE, consultations=(CONSULTED, g.Consultation(False))),
        [
            (replace(BASE, consultations=(g.Consultation(True),)), "LHSO stap 3"),
            (replace(BASE, consultations=(replace(CONSULTED, outcome=" "),)), "LHSO stap 3"),
            (replace(BASE, consultations=(replace(CONSULTED, held_on=D("2025-06-03")),)), "na deze stap"),
        ],
    ),
    (
        g.late_objection_inadmissible,
        replace(LATE, outcome="inadmissible"),
        [(LATE, "art. 6:11 Awb"), (replace(LATE, outcome=""), "art. 7:12 Awb")],
    ),
    (g.late_objection_inadmissible, replace(LATE, objection_excusable=True), []),  # excusable: judged on its merits
    (
        g.one_extension_within_the_term,
        replace(BASE, decision_due=D("2025-06-02")),
        [
            (replace(BASE, decision_due=D("2025-06-02"), extensions=1), "art. 7:10 lid 3 en 4 Awb"),
            (replace(BASE, decision_due=D("2025-06-01")), "art. 7:10 lid 3 Awb"),
        ],
    ),
    (g.postponement_with_consent, replace(BASE, consent=True), [(BASE, "art. 7:10 lid 4 Awb")]),
]
CASES = [(guard, facts, bad) for guard, facts, bads in TABLE for bad in [None, *bads]]


@pytest.mark.parametrize(
    ("guard", "lawful", "unlawful"), CASES, ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)]
)
def test_a_guard_passes_the_lawful_step_and_refuses_the_unlawful_one(guard, lawful, unlawful):
    if unlawful is None:
        assert guard(lawful) is None
        return
    facts, article = unlawful
    refusal = guard(facts)
    assert refusal is not None and article in refusal.reason, refusal


def test_every_guard_is_in_the_table():
    functions = {
        name for name, value in vars(g).items() if inspect.isfunction(value) and value.__module__ == g.__name__
    }
    guards = {name for name in functions if not name.startswith("_")} - {"opening_refusal", "four_eyes_refusal"}
    assert guards == {guard.__name__ for guard, _facts, _bad in TABLE}


@pytest.mark.parametrize(
    ("route", "same_facts", "article"),
    [
        ("strafrecht", (BOETE,), "art. 243 lid 2 en 257ba Sv"),
        ("boete", (STRAFBESCHIKKING,), "art. 5:44 lid 1 Awb"),
        ("boete", (BOETE,), "art. 5:43 Awb"),
        ("boete", (PV,), None),  # allowed: the prosecutor first, in the boete case
        ("strafrecht", (PV,), None),
        ("herstel", (BOETE, STRAFBESCHIKKING), None),  # una via concerns the punitive routes only
    ],
)
def test_una_via_when_a_case_is_opened(route, same_facts, article):
    refusal = g.opening_refusal(route, same_facts)
    assert (refusal is None) if article is None else (article in refusal.reason)


def test_four_eyes_only_where_the_policy_asks_for_it():
    assert g.four_eyes_refusal(required=True, prepared_by=frozenset({1}), user_id=2) is None
    assert g.four_eyes_refusal(required=False, prepared_by=frozenset({1}), user_id=1) is None
    assert "vier ogen" in g.four_eyes_refusal(required=True, prepared_by=frozenset({1}), user_id=1)
