"""Risk appraisal: table-driven defaults, and the legal bounds of docs/domain.md §3 under any configuration."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.risk import (
    DEFAULT_TABLE,
    IMPACT_CRITERIA,
    Category,
    DueKind,
    EstablishmentRisk,
    RiskTable,
    appraise,
    compliance_score,
    due_label,
    next_due,
    table_from_dict,
    table_to_dict,
)
from openvth.rules.terms import add_months


def risk(level: int, *, compliance=0, certified=True, ied=False, brzo=""):
    return EstablishmentRisk(
        impact=dict.fromkeys(IMPACT_CRITERIA, level),
        compliance=compliance,
        certified_management_system=certified,
        ied=ied,
        brzo_tier=brzo,
    )


@pytest.mark.parametrize(
    ("establishment", "category", "months"),
    [
        (risk(0), Category.LOW, 60),  # a bakery: nothing to speak of
        (risk(1, compliance=1, certified=False), Category.MEDIUM, 36),
        (risk(2, compliance=1, certified=False), Category.HIGH, 24),
        (risk(3, compliance=3, certified=False), Category.HIGHEST, 12),
        (risk(0, ied=True), Category.LOW, 36),  # IED: at least every 3 years whatever the score
        (risk(3, compliance=3, certified=False, ied=True), Category.HIGHEST, 12),
        (risk(0, brzo="lower"), Category.LOW, 36),
        (risk(0, brzo="upper"), Category.LOW, 12),
    ],
)
def test_default_table(establishment, category, months):
    appraisal = appraise(establishment)
    assert (appraisal.category, appraisal.interval_months) == (category, months)
    assert appraisal.reasons[0].startswith(f"score {appraisal.score}")


def test_a_good_operator_lowers_the_score():
    careless = appraise(risk(2, compliance=3, certified=False))
    exemplary = appraise(risk(2, compliance=0, certified=True))
    assert exemplary.score < careless.score


def test_the_reasons_name_the_legal_bound_that_applied():
    appraisal = appraise(risk(0, ied=True, brzo="upper"))
    assert appraisal.interval_months == 12
    assert any("RIE art. 23" in r for r in appraisal.reasons)
    assert any("Seveso III art. 20" in r for r in appraisal.reasons)


@pytest.mark.parametrize(
    ("last_visit", "violation", "due", "kind", "why"),
    [
        (None, None, "2026-01-15", DueKind.NEVER_VISITED, "nooit bezocht"),
        ("2025-03-31", None, "2028-03-31", DueKind.INTERVAL, "interval 36 maanden"),  # medium risk: 36 months
        ("2025-03-31", "2025-03-31", "2025-09-30", DueKind.REVISIT, "ernstige overtreding"),  # month end clamps
        ("2025-08-01", "2025-03-31", "2028-08-01", DueKind.INTERVAL, "interval"),  # revisited since the violation
        (None, "2025-12-01", "2026-01-15", DueKind.NEVER_VISITED, "nooit bezocht"),  # today comes first
    ],
)
def test_next_due(last_visit, violation, due, kind, why):
    appraisal = appraise(risk(1, compliance=1, certified=False))
    assert appraisal.interval_months == 36
    due_on, due_kind, reason = next_due(
        appraisal,
        last_visit=date.fromisoformat(last_visit) if last_visit else None,
        last_serious_violation=date.fromisoformat(violation) if violation else None,
        today=date(2026, 1, 15),
    )
    assert (due_on, due_kind) == (date.fromisoformat(due), kind)
    assert why in reason and reason == due_label(kind, 36)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"impact_weights": {"emissions_air": 1.0}}, "impactcriteria"),
        ({"category_thresholds": (8.0, 4.0, 12.0)}, "lopen op"),
        ({"interval_months": dict.fromkeys(Category, 0)}, "ten minste 1 maand"),
    ],
)
def test_a_table_that_makes_no_sense_is_refused(change, message):
    fields = {
        "impact_weights": DEFAULT_TABLE.impact_weights,
        "performance_weights": DEFAULT_TABLE.performance_weights,
        "category_thresholds": DEFAULT_TABLE.category_thresholds,
        "interval_months": DEFAULT_TABLE.interval_months,
    }
    with pytest.raises(ValueError, match=message):
        RiskTable(**(fields | change))


def test_scores_outside_0_to_3_are_refused():
    with pytest.raises(ValueError, match="tussen 0 en 3"):
        appraise(risk(4))


scores = st.integers(min_value=0, max_value=3)
weights = st.floats(min_value=0, max_value=10, allow_nan=False)
tables = st.builds(
    lambda iw, pw, t, m, h: RiskTable(
        impact_weights=dict(zip(IMPACT_CRITERIA, iw, strict=True)),
        performance_weights={"compliance": pw[0], "management_system": pw[1]},
        category_thresholds=tuple(sorted(t)),
        interval_months=dict(zip(Category, m, strict=True)),
        visit_hours=dict(zip(Category, h, strict=True)),
    ),
    st.lists(weights, min_size=6, max_size=6),
    st.lists(weights, min_size=2, max_size=2),
    st.lists(st.floats(min_value=0, max_value=60, allow_nan=False), min_size=3, max_size=3),
    st.lists(st.integers(min_value=1, max_value=120), min_size=4, max_size=4),
    st.lists(st.floats(min_value=0.5, max_value=100, allow_nan=False), min_size=4, max_size=4),
)
establishments = st.builds(
    EstablishmentRisk,
    impact=st.fixed_dictionaries({c: scores for c in IMPACT_CRITERIA}),
    compliance=scores,
    certified_management_system=st.booleans(),
    ied=st.booleans(),
    brzo_tier=st.sampled_from(["", "lower", "upper"]),
)


@given(establishments, tables)
def test_legal_bounds_hold_under_any_configuration(establishment, table):
    appraisal = appraise(establishment, table)
    assert 1 <= appraisal.interval_months <= table.interval_months[appraisal.category]
    if establishment.ied:
        assert appraisal.interval_months <= 36
        if appraisal.category is Category.HIGHEST:
            assert appraisal.interval_months <= 12
    if establishment.brzo_tier == "upper":
        assert appraisal.interval_months <= 12
    if establishment.brzo_tier == "lower":
        assert appraisal.interval_months <= 36


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1))


@given(establishments, tables, days, st.integers(min_value=0, max_value=3000))
def test_a_serious_violation_brings_the_next_visit_within_6_months(establishment, table, violation, earlier):
    """Whatever the table and whenever the visit before it: the next visit is due at most 6 months after the
    inspection that found the serious violation (it was the last visit, or a later visit has not happened)."""
    previous = date.fromordinal(max(violation.toordinal() - earlier, 1))
    for last_visit in (violation, previous):
        due = next_due(
            appraise(establishment, table), last_visit=last_visit, last_serious_violation=violation, today=violation
        )
        assert due.day <= add_months(violation, 6)


@given(establishments, tables, days)
def test_without_a_violation_the_interval_of_the_bounded_appraisal_applies(establishment, table, last_visit):
    appraisal = appraise(establishment, table)
    due, kind, reason = next_due(appraisal, last_visit=last_visit, last_serious_violation=None, today=last_visit)
    assert due == add_months(last_visit, appraisal.interval_months) and kind == DueKind.INTERVAL
    assert reason == f"interval {appraisal.interval_months} maanden"


@given(tables)
def test_a_table_survives_storage(table):
    assert table_from_dict(table_to_dict(table)) == table


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"impact_weights": "zwaar"}, "gewicht per criterium"),
        ({"category_thresholds": [4, 8]}, "precies 3 categoriegrenzen"),
        ({"interval_months": {"1": 60, "2": 36, "3": 24}}, "risicocategorieën 1, 2, 3 en 4"),
        ({"interval_months": {"1": 60, "2": 36, "3": 24, "4": 1.5}}, "hele maanden"),
        ({"visit_hours": {"1": 0, "2": 6, "3": 8, "4": 16}}, "bezoekduur"),
        ({"performance_weights": {"compliance": "veel", "management_system": 0.5}}, "geen getal"),
        ({"impact_weights": dict.fromkeys(IMPACT_CRITERIA, float("nan"))}, "eindig"),
    ],
)
def test_a_stored_table_is_checked(change, message):
    with pytest.raises(ValueError, match=message):
        table_from_dict(table_to_dict(DEFAULT_TABLE) | change)


def test_a_stored_table_without_visit_hours_takes_the_default():
    stored = table_to_dict(DEFAULT_TABLE)
    del stored["visit_hours"]
    assert table_from_dict(stored) == DEFAULT_TABLE


@pytest.mark.parametrize(
    ("minor", "serious", "score"),
    [(0, 0, 0), (1, 0, 1), (2, 0, 1), (3, 0, 2), (0, 1, 2), (5, 0, 2), (2, 1, 2), (3, 1, 3), (0, 2, 3), (9, 9, 3)],
)
def test_compliance_score(minor, serious, score):
    """Points: minor 1, serious (LHSO consequences 3-4) 3; score 1 from 1 point, 2 from 3, 3 from 6."""
    assert compliance_score(minor=minor, serious=serious) == score


def test_the_brzo_tier_sets_the_accident_risk_at_least():
    accident = dict.fromkeys(IMPACT_CRITERIA, 0) | {"accident": 3}
    by_activity = EstablishmentRisk(impact=accident, compliance=0, certified_management_system=True)
    assert appraise(risk(0, brzo="upper")).score == appraise(by_activity).score > appraise(risk(0)).score
    both = EstablishmentRisk(impact=accident, compliance=0, certified_management_system=True, brzo_tier="upper")
    assert appraise(both).score == appraise(by_activity).score  # counted once, not added on top
