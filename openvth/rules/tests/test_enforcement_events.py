"""Every event of every route has a complete specification (openvth.rules.enforcement_events): label, who may take
it, input, guards, the deadlines it starts (exactly those rules.deadlines computes) and ends, letter and mandate."""

from datetime import date
from decimal import Decimal

import pytest

from openvth.rules import enforcement_events as events
from openvth.rules import enforcement_guards as g
from openvth.rules.enforcement import (
    CLOSE,
    DEADLINE_LABELS,
    ROUTES,
    DeadlineParams,
    deadlines,
    objection_decision_deadline,
)
from openvth.rules.terms import Unit

# register.DecisionType values and enforcement Letter.Kind values (no Django in the rules' tests)
DECISION_TYPES = {"warning", "last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete",
                  "bestuurlijke_strafbeschikking", "invorderingsbeschikking", "gedoogbeschikking",
                  "beslissing_op_bezwaar", events.INTENDED}  # fmt: skip
LETTERS = {"warning", "voornemen", "last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete",
           "invorderingsbeschikking", "gedoogbeschikking"}  # fmt: skip
FULL = DeadlineParams(term=(2, Unit.WEEKS), violation_on=date(2024, 1, 8), boete_maximum=Decimal(5000),
                      tolerance_until=date(2024, 12, 31))  # fmt: skip
ADDED_BY_THE_SERVICE = {"beslistermijn_verdagen", "beslistermijn_uitstellen"}  # from the running decision term


def test_every_event_of_every_route_is_specified_and_every_specification_is_used():
    assert events.route_events() == set(events.EVENTS)


@pytest.mark.parametrize("event", sorted(events.EVENTS))
def test_the_specification_is_complete(event):
    spec = events.EVENTS[event]
    assert spec.label.strip() and spec.actor in events.ACTORS
    assert all(callable(guard) for guard in spec.all_guards) and spec.all_guards[: len(g.TIME_GUARDS)] == g.TIME_GUARDS
    assert set(spec.starts) | set(spec.ends) | set(spec.follows_term) <= set(DEADLINE_LABELS)
    assert spec.decision_type is None or spec.decision_type in DECISION_TYPES
    assert spec.letter is None or (spec.letter in LETTERS and spec.decision_type is not None)  # a letter is signed
    assert spec.term == "" or (spec.term in spec.starts and "term_amount" in spec.inputs)
    assert bool(spec.follows_term) == ("inspection" in spec.inputs)  # proof where a term must have passed
    if spec.sanction:  # LHSO step 3 before any sanction
        assert g.consultation_recorded in spec.guards
    if spec.decision_type and spec.actor not in (events.LEGAL, events.WARNING):
        pytest.fail("a decision is for lawyers and managers")
    if event not in ADDED_BY_THE_SERVICE:
        assert {d.code for d in deadlines(event, date(2024, 5, 31), FULL)} == set(spec.starts)


def test_the_decision_term_of_an_objection_is_a_code_too():
    found = objection_decision_deadline(date(2024, 7, 12), date(2024, 7, 1), committee=True)
    assert found.code in events.EVENTS["beslistermijn_verdagen"].starts and found.name == "beslistermijn bezwaar"


def test_re_inspection_states_and_the_terms_they_follow():
    states = {state for route in ROUTES.values() for state in route}
    assert set(events.REINSPECTION_AFTER) <= states
    for state, terms in events.REINSPECTION_AFTER.items():
        leaving = {event for route in ROUTES.values() for event in route.get(state, {})}
        proven = [e for e in leaving if events.EVENTS[e].follows_term]
        assert proven and all(set(events.EVENTS[e].follows_term) == set(terms) for e in proven), state


def test_four_eyes_has_something_to_compare():
    assert any(spec.prepares for spec in events.EVENTS.values())
    for spec in events.EVENTS.values():
        assert not (spec.prepares and spec.decides_prepared)


def test_a_refusal_names_every_guard_that_refuses():
    facts = g.StepFacts("boete", "rapport", "boete_opleggen", date(2025, 1, 10), date(2025, 1, 9), date(2025, 1, 1),
                        boete_maximum=Decimal(5000), reported_on=date(2025, 1, 2))  # fmt: skip
    reasons = [r.reason for r in events.refusals(facts)]
    assert any("art. 3:2 Awb" in r for r in reasons) and any("art. 5:53 Awb" in r for r in reasons)
    assert any("boetebedrag" in r for r in reasons)


@pytest.mark.parametrize("event", sorted(e for e, spec in events.EVENTS.items() if spec.reason_required))
def test_an_event_that_asks_for_a_reason_is_refused_without_one(event):
    found = ((r, s) for r, states in ROUTES.items() for s, allowed in states.items() if event in allowed)
    route, state = ("herstel", "geconstateerd") if event == CLOSE else next(found)  # closing: from every state
    with pytest.raises(ValueError, match="vraagt een motivering"):
        events.transition(route, state, event, reason="  ")
    assert events.transition(route, state, event, reason="gemotiveerd")
