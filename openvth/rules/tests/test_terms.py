"""Terms and the Algemene termijnenwet, table-driven from docs/domain.md §6."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.terms import (
    DEFAULT_CALENDAR,
    AtwCalendar,
    Unit,
    easter_sunday,
    general_holidays,
    kings_day,
    term_end,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2008, "2008-03-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2038, "2038-04-25")],
)
def test_easter_is_computed(year, easter):
    assert easter_sunday(year) == D(easter)


@pytest.mark.parametrize(
    ("year", "day"),
    [(2013, "2013-04-30"), (2014, "2014-04-26"), (2024, "2024-04-27"), (2025, "2025-04-26"), (2026, "2026-04-27")],
)
def test_kings_day_moves_back_from_sunday(year, day):
    assert kings_day(year) == D(day)


def test_general_holidays_2024_include_good_friday_and_5_may_every_year():
    assert general_holidays(2024) == {
        D(d)
        for d in [
            "2024-01-01",
            "2024-03-29",  # Good Friday, art. 3(2)
            "2024-04-01",
            "2024-05-09",
            "2024-05-20",
            "2024-04-27",
            "2024-05-05",  # not a lustrum year
            "2024-12-25",
            "2024-12-26",
        ]
    }


@pytest.mark.parametrize(
    ("event", "amount", "unit", "statutory", "end", "why"),
    [
        ("2024-04-19", 6, Unit.WEEKS, True, "2024-05-31", "6 weeks from a Friday end on a Friday"),
        ("2024-04-19", 6, Unit.WEEKS, False, "2024-05-31", "calendar period"),
        ("2024-01-31", 1, Unit.MONTHS, False, "2024-02-29", "month end clamps, leap year"),
        ("2023-01-31", 1, Unit.MONTHS, False, "2023-02-28", "month end clamps"),
        ("2024-02-29", 12, Unit.MONTHS, False, "2025-02-28", "leap day plus a year"),
        ("2023-08-31", 6, Unit.MONTHS, False, "2024-02-29", "six months into a leap February"),
        ("2024-04-20", 2, Unit.WEEKS, True, "2024-05-06", "Saturday, Sunday 5 May: to Monday"),
        ("2024-04-25", 2, Unit.WEEKS, True, "2024-05-13", "Ascension, equated Friday, weekend"),
        ("2024-04-25", 2, Unit.WEEKS, False, "2024-05-09", "not statutory: not extended"),
        ("2024-12-11", 2, Unit.WEEKS, True, "2024-12-30", "Christmas, Boxing Day on Thursday, equated Friday"),
        ("2029-12-17", 2, Unit.WEEKS, True, "2030-01-02", "Monday before New Year on a Tuesday is equated"),
        ("2026-04-20", 2, Unit.WEEKS, True, "2026-05-06", "Monday before 5 May on a Tuesday is equated"),
        ("2023-04-13", 2, Unit.WEEKS, True, "2023-05-01", "Friday after King's Day on a Thursday is equated"),
        ("2024-03-15", 2, Unit.WEEKS, True, "2024-04-02", "Good Friday to Easter Monday"),
        ("2024-04-19", 3, Unit.DAYS, True, "2024-04-23", "art. 2: at least two working days in the term"),
        ("2024-04-19", 2, Unit.DAYS, True, "2024-04-22", "art. 2 only for terms of three days or more"),
        ("2024-05-16", -7, Unit.DAYS, True, "2024-05-09", "backwards: not extended"),
        ("2024-05-01", 8, Unit.WEEKS, True, "2024-06-26", "regular permit procedure"),
        ("2024-05-01", 6, Unit.MONTHS, True, "2024-11-01", "extended permit procedure"),
    ],
)
def test_term_end(event, amount, unit, statutory, end, why):
    assert term_end(D(event), amount, unit, statutory=statutory).end == D(end), why


def test_a_decree_replaces_the_default_pattern_for_its_year():
    decree = AtwCalendar(equated_days={2024: frozenset({D("2024-05-31")})})
    assert term_end(D("2024-04-19"), 6, Unit.WEEKS, statutory=True, atw=decree).end == D("2024-06-03")
    assert not decree.is_rest_day(D("2024-05-10"))  # the default Friday after Ascension no longer applies
    assert DEFAULT_CALENDAR.is_rest_day(D("2024-05-10"))


def test_the_result_names_the_extension():
    result = term_end(D("2024-04-20"), 2, Unit.WEEKS, statutory=True)
    assert (result.calendar_end, result.extended_by_days, result.reason) == (D("2024-05-04"), 2, "art. 1 Atw")


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=1, max_value=400),
    st.sampled_from(list(Unit)),
)
def test_statutory_terms_end_on_a_working_day_after_the_calendar_end(event, amount, unit):
    result = term_end(event, amount, unit, statutory=True)
    assert result.end >= result.calendar_end
    assert not DEFAULT_CALENDAR.is_rest_day(result.end)
    days = [event + timedelta(n) for n in range(1, (result.end - event).days + 1)]
    if (result.calendar_end - event).days >= 3:
        assert sum(not DEFAULT_CALENDAR.is_rest_day(d) for d in days) >= 2
    # minimal: the day before the end is either before the calendar end or not enough on its own
    before = result.end - timedelta(days=1)
    if before >= result.calendar_end:
        working_before = sum(not DEFAULT_CALENDAR.is_rest_day(d) for d in days[:-1])
        assert DEFAULT_CALENDAR.is_rest_day(before) or working_before < 2
