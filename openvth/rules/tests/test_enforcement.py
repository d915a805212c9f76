"""Enforcement cases (docs/domain.md §5): every transition allowed and refused, deadlines with exact dates (leap years,
Algemene termijnenwet), una via, limitation, the dwangsom maximum, tolerance and the local policy."""

import json
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.enforcement import (
    CLOSE,
    CLOSED,
    DEFAULT_POLICY,
    INITIAL_STATE,
    ROUTES,
    STATE_LABELS,
    DeadlineParams,
    DwangsomOrder,
    LocalPolicy,
    Tolerance,
    allowed_events,
    boete_lapses_on,
    boete_permitted,
    check_tolerance,
    collection_lapses_on,
    deadlines,
    forfeited_amount,
    lifting_possible_from,
    objection_deadline,
    report_required,
)
from openvth.rules.enforcement_events import transition
from openvth.rules.terms import Unit

D = date.fromisoformat
ALL_EVENTS = sorted({e for states in ROUTES.values() for events in states.values() for e in events} | {CLOSE})
OPEN_STATES = [(route, state) for route, states in ROUTES.items() for state in states if state != CLOSED]


def test_every_state_has_a_label_and_every_target_exists():
    for route, states in ROUTES.items():
        assert INITIAL_STATE[route] in states
        for state, events in states.items():
            assert state in STATE_LABELS
            assert set(events.values()) <= set(states), (route, state)


@pytest.mark.parametrize(
    ("route", "state", "event", "new"),
    [(r, s, e, n) for r, states in ROUTES.items() for s, events in states.items() for e, n in events.items()],
)
def test_every_allowed_transition(route, state, event, new):
    assert transition(route, state, event, reason="motivering") == new


@pytest.mark.parametrize(("route", "state"), OPEN_STATES)
def test_every_open_state_can_be_closed_with_a_reason(route, state):
    assert transition(route, state, CLOSE, reason="hersteld bij hercontrole") == CLOSED
    with pytest.raises(ValueError, match="'sluiten' vraagt een motivering"):
        transition(route, state, CLOSE)


@pytest.mark.parametrize(
    ("route", "state", "event"),
    [
        (r, s, e)
        for r, states in ROUTES.items()
        for s in states
        for e in ALL_EVENTS
        if e not in states[s] and not (e == CLOSE and s != CLOSED)
    ],
)
def test_every_other_event_is_refused_with_the_allowed_ones(route, state, event):
    with pytest.raises(ValueError) as refused:
        transition(route, state, event, reason="motivering")
    message = str(refused.value)
    assert message.startswith(f"'{event}' kan niet in stand '{state}'")
    allowed = allowed_events(route, state)
    assert message.endswith(f"toegestaan: {', '.join(allowed)}." if allowed else "geen: de zaak is afgesloten.")


def test_the_reparatory_route_from_warning_to_collection():
    steps = [
        ("waarschuwen", "waarschuwing"),
        ("hercontrole_uitvoeren", "hercontrole_na_waarschuwing"),
        ("voornemen_verzenden", "voornemen"),
        ("zienswijzetermijn_verstreken", "zienswijze"),
        ("last_onder_dwangsom_opleggen", "last_onder_dwangsom"),
        ("hercontrole_uitvoeren", "hercontrole_dwangsom"),
        ("verbeuren", "verbeurd"),
        ("invorderingsbeschikking_nemen", "invorderingsbeschikking"),
        ("invorderen", "invordering"),
        ("betaald", "last_onder_dwangsom"),
    ]
    state = INITIAL_STATE["herstel"]
    for event, expected in steps:
        state = transition("herstel", state, event)
        assert state == expected


@pytest.mark.parametrize("event", ["spoedeisende_bestuursdwang", "spoedeisende_last_opleggen"])
def test_urgency_needs_a_reason(event):
    with pytest.raises(ValueError, match="vraagt een motivering"):
        transition("herstel", "geconstateerd", event)


@pytest.mark.parametrize(
    ("route", "state", "message"),
    [("sloop", "geconstateerd", "Onbekende route 'sloop'"), ("boete", "verbeurd", "Route boete kent geen stand")],
)
def test_unknown_route_or_state(route, state, message):
    with pytest.raises(ValueError, match=message):
        transition(route, state, CLOSE, reason="x")


# ---------------------------------------------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("made_known", "due", "extended"),
    [
        ("2024-04-19", "2024-05-31", 0),  # a Friday: six weeks end on a Friday
        ("2024-03-28", "2024-05-13", 4),  # ends on Ascension Day; Friday after is equated; then the weekend
        ("2024-01-31", "2024-03-13", 0),  # weeks are 7 days, no month clamping
    ],
)
def test_objection_term(made_known, due, extended):
    deadline = objection_deadline(D(made_known))
    assert (deadline.due, deadline.extended_by_days, deadline.statutory) == (D(due), extended, True)
    assert deadline.source == "art. 6:7 en 6:8 Awb"


@pytest.mark.parametrize(
    ("violation", "maximum", "due", "source"),
    [
        ("2024-02-29", "340", "2027-03-01", "art. 5:45 lid 1 Awb"),  # 28 Feb 2027 is a Sunday
        ("2024-02-29", "340.01", "2029-02-28", "art. 5:45 lid 2 Awb"),  # report required: 5 years
        ("2021-05-05", "10000", "2026-05-06", "art. 5:45 lid 2 Awb"),  # 5 May 2026, a Tuesday, is a holiday
    ],
)
def test_boete_limitation(violation, maximum, due, source):
    deadline = boete_lapses_on(D(violation), Decimal(maximum))
    assert (deadline.due, deadline.source, deadline.statutory) == (D(due), source, True)


@pytest.mark.parametrize(("maximum", "required"), [("340", False), ("340.01", True), ("0", False)])
def test_report_required_above_340(maximum, required):
    assert report_required(Decimal(maximum)) is required


@pytest.mark.parametrize(
    ("forfeited", "due"),
    [("2023-05-05", "2024-05-06"), ("2024-02-29", "2025-02-28"), ("2025-02-28", "2026-03-02")],
)
def test_collection_lapses_a_year_after_forfeiture(forfeited, due):
    assert collection_lapses_on(D(forfeited)).due == D(due)


def test_lifting_after_a_year_without_forfeiture():
    assert lifting_possible_from(D("2024-02-29")) == D("2025-02-28")
    assert lifting_possible_from(D("2024-02-29"), D("2024-06-10")) == D("2025-06-10")


def names(found):
    return {d.name: (d.due.isoformat(), d.statutory) for d in found}


def test_deadlines_of_a_dwangsom_order():
    found = deadlines("last_onder_dwangsom_opleggen", D("2024-12-12"), DeadlineParams(term=(2, Unit.WEEKS)))
    assert names(found) == {
        "begunstigingstermijn": ("2024-12-26", False),  # set in the order: not extended past Boxing Day
        "bezwaartermijn": ("2025-01-23", True),
        "opheffing op verzoek mogelijk": ("2025-12-12", False),
    }


def test_forfeiture_starts_payment_and_limitation():
    found = deadlines("verbeuren", D("2024-11-14"))
    assert names(found) == {
        "betaaltermijn verbeurde dwangsom": ("2024-12-30", True),  # Boxing Day, equated Friday, weekend
        "verjaring invordering dwangsom": ("2025-11-14", True),
    }


@pytest.mark.parametrize(
    ("adjourned", "due", "source"), [(False, "2024-04-05", "lid 1 Awb"), (True, "2024-07-05", "lid 1 en 2 Awb")]
)
def test_boete_decision_term_after_the_report(adjourned, due, source):
    params = DeadlineParams(adjourned=adjourned, violation_on=D("2023-12-01"), boete_maximum=Decimal(5000))
    found = deadlines("rapport_opmaken", D("2024-01-05"), params)
    assert found[0].due == D(due) and source in found[0].source
    assert (found[1].name, found[1].due) == ("verval boetebevoegdheid", D("2028-12-01"))


@pytest.mark.parametrize(
    ("event", "params", "expected"),
    [
        ("waarschuwen", DeadlineParams(term=(4, Unit.WEEKS)), {"hersteltermijn": ("2024-06-28", False)}),
        ("voornemen_verzenden", DeadlineParams(term=(2, Unit.WEEKS)), {"zienswijzetermijn": ("2024-06-14", False)}),
        (
            "last_onder_bestuursdwang_opleggen",
            DeadlineParams(term=(1, Unit.MONTHS)),
            {"termijn om aan de last te voldoen": ("2024-06-30", False), "bezwaartermijn": ("2024-07-12", True)},
        ),
        (
            "voorleggen_aan_om",
            DeadlineParams(),
            {"reactietermijn officier van justitie": ("2024-08-30", True)},
        ),
        (
            "boete_opleggen",
            DeadlineParams(),
            {"bezwaartermijn": ("2024-07-12", True), "betaaltermijn bestuurlijke boete": ("2024-07-12", True)},
        ),
        ("invorderingsbeschikking_nemen", DeadlineParams(), {"bezwaartermijn": ("2024-07-12", True)}),
        (
            "gedogen",  # a gedoogbeschikking is a decision: open to objection
            DeadlineParams(tolerance_until=D("2024-12-31")),
            {"einde gedoogtermijn": ("2024-12-31", False), "bezwaartermijn": ("2024-07-12", True)},
        ),
        ("hercontrole_uitvoeren", DeadlineParams(), {}),
    ],
)
def test_deadlines_per_event(event, params, expected):
    assert names(deadlines(event, D("2024-05-31"), params)) == expected


@pytest.mark.parametrize(
    ("event", "message"),
    [("waarschuwen", "De hersteltermijn ontbreekt"), ("gedogen", "heeft een einddatum")],
)
def test_a_term_set_by_the_authority_must_be_given(event, message):
    with pytest.raises(ValueError, match=message):
        deadlines(event, D("2024-05-31"))


# ------------------------------------------------------------------------------------------------------ una via

SUBMITTED = D("2024-01-26")  # + 13 weeks = Friday 26 April 2024 (King's Day falls on Saturday 27 April)


@pytest.mark.parametrize(
    ("kwargs", "allowed", "reason", "allowed_from"),
    [
        ({"also_crime": False}, True, "geen strafbaar feit", None),
        ({"also_crime": True}, False, "leg het eerst voor aan de officier van justitie", None),
        ({"also_crime": True, "submitted_to_om_on": SUBMITTED, "om_answer": "afgezien"}, True, "ziet af", None),
        (
            {"also_crime": True, "submitted_to_om_on": SUBMITTED, "om_answer": "vervolgen"},
            False,
            "strafvervolging",
            None,
        ),
        ({"also_crime": True, "submitted_to_om_on": SUBMITTED}, False, "tot en met 2024-04-26", D("2024-04-27")),
        ({"also_crime": True, "submitted_to_om_on": SUBMITTED, "on": D("2024-04-27")}, True, "niet binnen 13", None),
        ({"also_crime": False, "hearing_started": True}, False, "terechtzitting", None),
        ({"also_crime": False, "strafbeschikking_issued": True}, False, "strafbeschikking", None),
        ({"also_crime": False, "already_fined": True}, False, "art. 5:43", None),
        ({"also_crime": False, "to_blame": False}, False, "art. 5:41", None),
        ({"also_crime": False, "boete_maximum": Decimal(500)}, False, "art. 5:53", None),
        ({"also_crime": False, "boete_maximum": Decimal(500), "view_offered": True}, True, "geen strafbaar", None),
        (
            {"also_crime": False, "boete_maximum": Decimal(300), "violation_on": D("2021-04-25")},
            False,
            "vervallen",
            None,
        ),
        ({"also_crime": False, "boete_maximum": Decimal(300), "violation_on": D("2021-04-26")}, True, "geen", None),
    ],
)
def test_una_via_and_the_other_bars_to_a_boete(kwargs, allowed, reason, allowed_from):
    kwargs = {"on": D("2024-04-26"), **kwargs}
    check = boete_permitted(**kwargs)
    assert check.allowed is allowed
    assert any(re.search(reason, r) for r in check.reasons), check.reasons
    assert check.allowed_from == allowed_from


def test_an_unknown_answer_of_the_prosecutor_is_refused():
    with pytest.raises(ValueError, match="Antwoord van het OM"):
        boete_permitted(on=D("2024-01-01"), also_crime=True, submitted_to_om_on=SUBMITTED, om_answer="misschien")


# ------------------------------------------------------------------------------------------------------ dwangsom

PER_DAY = DwangsomOrder("per_day", Decimal(1000), Decimal(25000), (2, Unit.WEEKS))


@pytest.mark.parametrize(
    ("order", "units", "already", "amount"),
    [
        (PER_DAY, 10, 0, 10000),
        (PER_DAY, 30, 0, 25000),  # capped at the maximum
        (PER_DAY, 10, 20000, 5000),  # only what is left under the maximum
        (PER_DAY, 1, 25000, 0),
        (DwangsomOrder("lump_sum", Decimal(1500), Decimal(1500), (4, Unit.WEEKS)), 3, 0, 1500),
        (DwangsomOrder("lump_sum", Decimal(1500), Decimal(1500), (4, Unit.WEEKS)), 0, 0, 0),
        (DwangsomOrder("per_breach", Decimal(2500), Decimal(25000), None, repetition_only=True), 11, 0, 25000),
    ],
)
def test_forfeited_amount(order, units, already, amount):
    assert forfeited_amount(order, units, already_forfeited=Decimal(already)) == Decimal(amount)


@given(
    st.sampled_from(["per_day", "per_week", "per_breach", "lump_sum"]),
    st.decimals(min_value=1, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.integers(0, 10**4),
)
def test_forfeiture_never_exceeds_the_maximum(kind, amount, extra, units):
    order = DwangsomOrder(kind, amount, amount + extra, (1, Unit.DAYS))
    assert Decimal(0) <= forfeited_amount(order, units) <= order.maximum


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("per_uur", Decimal(1), Decimal(1), (1, Unit.DAYS)), "de soort is per dag"),
        (("per_day", Decimal(0), Decimal(1), (1, Unit.DAYS)), "groter dan nul"),
        (("per_day", Decimal(100), Decimal(50), (1, Unit.DAYS)), "maximum .*5:32b"),
        (("per_day", Decimal(100), Decimal(500), None), "begunstigingstermijn is verplicht .*5:32a"),
        (("per_day", Decimal(100), Decimal(500), (0, Unit.DAYS)), "ten minste 1 dag"),
    ],
)
def test_an_invalid_order_is_refused(args, message):
    with pytest.raises(ValueError, match=message):
        DwangsomOrder(*args)


def test_negative_units_are_refused():
    with pytest.raises(ValueError, match="niet negatief"):
        forfeited_amount(PER_DAY, -1)


# ----------------------------------------------------------------------------------------- policy and tolerance


def test_the_default_policy_gives_orders_per_violation_type():
    order = DEFAULT_POLICY.dwangsom_order("gevaarlijke_stoffen")
    assert (order.kind, order.amount, order.maximum, order.begunstigingstermijn) == (
        "per_day",
        Decimal(2500),
        Decimal(50000),
        (7, Unit.DAYS),
    )
    with pytest.raises(ValueError, match="Onbekende soort overtreding 'sloop'"):
        DEFAULT_POLICY.dwangsom_order("sloop")


def test_a_policy_survives_json():
    assert LocalPolicy.from_dict(json.loads(json.dumps(DEFAULT_POLICY.to_dict()))) == DEFAULT_POLICY


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["violations"]["afval"]["dwangsom"].update(maximum="100"), "afval: het maximum"),
        (lambda d: d["violations"]["bodem"]["restore_term"].update(amount=0), "bodem: de hersteltermijn"),
        (lambda d: d["violations"]["bodem"]["dwangsom"].update(amount="veel"), "bedragen en termijnen"),
        (lambda d: d["violations"]["bodem"]["begunstigingstermijn"].update(unit="jaren"), "bedragen en termijnen"),
        (lambda d: d.update(violations={}), "ten minste één soort"),
        (lambda d: d.update(tolerance_max_months=0), "gedoogtermijn"),
        (lambda d: d.pop("view_term"), "'view_term' ontbreekt"),
    ],
)
def test_an_invalid_policy_is_refused_in_dutch(change, message):
    data = DEFAULT_POLICY.to_dict()
    change(data)
    with pytest.raises(ValueError, match=f"Ongeldig beleid dwangsommen en termijnen: .*{message}"):
        LocalPolicy.from_dict(data)


VALID_TOLERANCE = {
    "scope": "opslag van 20 m³ grond op het achterterrein",
    "starts_on": D("2024-03-01"),
    "ends_on": D("2025-03-01"),
    "legalisation_prospect": "vergunningaanvraag ingediend op 2024-02-15",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({}, None),
        ({"ends_on": None}, "einddatum is verplicht"),
        ({"ends_on": D("2024-03-01")}, "einddatum ligt na de begindatum"),
        ({"ends_on": D("2025-03-02")}, "ten hoogste 12 maanden"),
        ({"scope": " "}, "omschrijf wat gedoogd wordt"),
        ({"legalisation_prospect": ""}, "zicht op legalisatie"),
        ({"in_writing": False}, "schriftelijk"),
    ],
)
def test_tolerance_is_limited_in_scope_and_time(change, message):
    tolerance = Tolerance(**{**VALID_TOLERANCE, **change})
    if message is None:
        check_tolerance(tolerance)
    else:
        with pytest.raises(ValueError, match=f"Ongeldige gedoogbeschikking: .*{message}"):
            check_tolerance(tolerance)


def test_tolerance_ends_on_a_leap_day_clamp():
    check_tolerance(Tolerance(**{**VALID_TOLERANCE, "starts_on": D("2024-02-29"), "ends_on": D("2025-02-28")}))
    with pytest.raises(ValueError, match="ten hoogste 6 maanden"):
        check_tolerance(
            Tolerance(**{**VALID_TOLERANCE, "starts_on": D("2024-08-31"), "ends_on": D("2025-03-01")}), max_months=6
        )
