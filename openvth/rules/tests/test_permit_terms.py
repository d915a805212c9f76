"""The decision term and the Awb 4:17 penalty, table-driven from docs/domain.md §2 and §6."""

from datetime import date
from decimal import Decimal

import pytest

from openvth.rules.permit_terms import (
    EXTENDED,
    REGULAR,
    Rate,
    Suspension,
    decision_deadline,
    penalty,
    rates_on,
    suspended_days,
)

D = date.fromisoformat
DEFAULT_RATES = [
    Rate(D("2009-10-01"), 1, 14, Decimal("23")),
    Rate(D("2009-10-01"), 15, 28, Decimal("35")),
    Rate(D("2009-10-01"), 29, 42, Decimal("45")),
]


@pytest.mark.parametrize(
    ("received", "procedure", "extended", "suspended", "deadline", "why"),
    [
        ("2024-01-10", REGULAR, False, 0, "2024-03-06", "8 weeks from the day after receipt"),
        ("2024-01-10", EXTENDED, False, 0, "2024-07-10", "6 months"),
        ("2024-08-31", EXTENDED, False, 0, "2025-02-28", "6 months from a month end clamps"),
        ("2024-01-10", REGULAR, True, 0, "2024-04-17", "extended once by 6 weeks"),
        ("2024-01-10", EXTENDED, True, 0, "2024-08-21", "extended procedure extended by 6 weeks"),
        ("2024-01-10", REGULAR, False, 10, "2024-03-18", "10 suspended days end on a Saturday: Atw to Monday"),
        ("2024-01-10", REGULAR, True, 7, "2024-04-24", "extension and suspension add up"),
        ("2024-10-30", REGULAR, False, 0, "2024-12-30", "Christmas, Boxing Day, the equated Friday, a weekend"),
        ("2024-03-14", REGULAR, False, 0, "2024-05-13", "Ascension Day and the equated Friday, then a weekend"),
    ],
)
def test_decision_deadline(received, procedure, extended, suspended, deadline, why):
    assert decision_deadline(D(received), procedure, extended=extended, suspended=suspended) == D(deadline), why


def test_unknown_procedure_is_refused_in_dutch():
    with pytest.raises(ValueError, match="Onbekende procedure"):
        decision_deadline(D("2024-01-10"), "fast")


@pytest.mark.parametrize(
    ("suspensions", "until", "days"),
    [
        ([("2024-01-20", "2024-01-30")], "2024-03-01", 10),
        ([("2024-01-20", None)], "2024-01-25", 5),
        ([("2024-01-20", "2024-01-30"), ("2024-02-10", "2024-02-13")], "2024-03-01", 13),
        ([("2024-01-20", "2024-01-20")], "2024-03-01", 0),
        ([("2024-01-20", "2024-01-30")], "2024-01-25", 5),
    ],
)
def test_suspended_days(suspensions, until, days):
    periods = [Suspension(D(a), D(b) if b else None) for a, b in suspensions]
    assert suspended_days(periods, until=D(until)) == days


@pytest.mark.parametrize(
    ("notice", "until", "first_day", "days", "amount"),
    [
        (None, "2024-06-01", None, 0, "0.00"),
        ("2024-03-11", "2024-03-25", "2024-03-26", 0, "0.00"),  # two weeks after the notice: not yet in default
        ("2024-03-11", "2024-03-26", "2024-03-26", 1, "23.00"),
        ("2024-03-11", "2024-04-08", "2024-03-26", 14, "322.00"),
        ("2024-03-11", "2024-04-09", "2024-03-26", 15, "357.00"),
        ("2024-03-11", "2024-04-22", "2024-03-26", 28, "812.00"),
        ("2024-03-11", "2024-05-06", "2024-03-26", 42, "1442.00"),
        ("2024-03-11", "2024-12-31", "2024-03-26", 42, "1442.00"),  # at most 42 days
        ("2024-03-01", "2024-03-21", "2024-03-21", 1, "23.00"),  # notice before the term ended: counts from the term
    ],
)
def test_penalty_after_notice_of_default(notice, until, first_day, days, amount):
    result = penalty(
        deadline=D("2024-03-06"), default_notice_on=D(notice) if notice else None, until=D(until), rates=DEFAULT_RATES
    )
    assert (result.first_day, result.days, result.amount) == (
        D(first_day) if first_day else None,
        days,
        Decimal(amount),
    )


def test_penalty_uses_the_table_in_force_on_the_first_day_in_default():
    raised = [Rate(D("2030-01-01"), 1, 42, Decimal("50"))]
    before = penalty(
        deadline=D("2029-11-01"), default_notice_on=D("2029-11-02"), until=D("2029-11-19"), rates=DEFAULT_RATES + raised
    )
    after = penalty(
        deadline=D("2030-02-01"), default_notice_on=D("2030-02-02"), until=D("2030-02-19"), rates=DEFAULT_RATES + raised
    )
    assert (before.days, before.amount) == (3, Decimal("69.00"))
    assert (after.days, after.amount) == (3, Decimal("150.00"))


def test_no_table_in_force_means_no_amount_but_days_still_count():
    result = penalty(deadline=D("2001-01-01"), default_notice_on=D("2001-01-02"), until=D("2001-02-01"), rates=[])
    assert result.days > 0 and result.amount == 0


def test_rates_on_picks_the_latest_table():
    assert [r.amount_per_day for r in rates_on(DEFAULT_RATES, D("2024-01-01"))] == [23, 35, 45]
    assert rates_on(DEFAULT_RATES, D("2009-09-30")) == []
