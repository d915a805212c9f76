"""The arithmetic of planning (supervision/scheduling.py): working days, months by capacity, inspectors, days."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from openvth.rules.terms import DEFAULT_CALENDAR, easter_sunday
from openvth.supervision import scheduling
from openvth.supervision.scheduling import Visit

D = datetime.date.fromisoformat
H = Decimal


def test_working_days_leave_out_weekends_and_the_atw_holidays():
    december = scheduling.working_days(2026, 12)
    assert D("2026-12-25") not in december and D("2026-12-26") not in december  # Christmas (Fri, Sat)
    assert D("2026-12-24") in december and all(d.weekday() < 5 for d in december)
    whit_monday = easter_sunday(2026) + datetime.timedelta(days=50)
    assert whit_monday not in scheduling.working_days(whit_monday.year, whit_monday.month)
    assert scheduling.working_days(2026, 11, since=D("2026-11-18"))[0] == D("2026-11-18")
    assert all(not DEFAULT_CALENDAR.is_rest_day(d) for d in scheduling.working_days(2027, 4))


def test_the_summer_and_december_weigh_less():
    shares = scheduling.month_shares(2027)
    assert abs(sum(shares) - 1) < Decimal("1e-9")
    assert shares[6] < shares[5] and shares[7] < shares[8] and shares[11] < shares[10]  # July, August, December
    assert max(shares) < Decimal("0.11")


def test_a_visit_is_never_planned_after_its_due_month():
    # twelve visits all due in March with room for about one a month: March and the months before, not after
    visits = [Visit(n, H(8), 3, False, (n,)) for n in range(12)]
    months = scheduling.spread_over_months(visits, year=2027, capacity_hours=H(8 * 12))
    assert set(months.values()) == {1, 2, 3} and all(m <= 3 for m in months.values())


def test_visits_due_at_once_spread_over_the_first_months_the_legal_ones_first():
    visits = [Visit(n, H(8), None, n >= 6, (n,)) for n in range(12)]
    months = scheduling.spread_over_months(visits, year=2027, capacity_hours=H(8 * 24))
    assert sorted(months[n] for n in range(6, 12)) == [1, 1, 2, 2, 3, 3]  # the law's first, about two a month
    assert min(months[n] for n in range(6)) >= 3
    assert max(list(months.values()).count(m) for m in range(1, 13)) <= 3


def test_visits_due_later_stay_close_to_their_month_and_leave_room_for_the_backlog():
    due = [Visit(f"d{n}", H(8), 10, True, (n,)) for n in range(2)]
    backlog = [Visit(f"b{n}", H(8), None, False, (n,)) for n in range(10)]
    months = scheduling.spread_over_months(due + backlog, year=2027, capacity_hours=H(8 * 12))
    assert months["d0"] == months["d1"] == 10 or {months["d0"], months["d1"]} == {9, 10}
    assert months["b0"] == 1


@given(
    st.lists(
        st.tuples(st.sampled_from([4, 6, 8, 16]), st.one_of(st.none(), st.integers(1, 12)), st.booleans()),
        min_size=1,
        max_size=80,
    )
)
def test_every_visit_gets_a_month_no_later_than_due(rows):
    visits = [Visit(n, H(hours), due, bound, (n,)) for n, (hours, due, bound) in enumerate(rows)]
    months = scheduling.spread_over_months(visits, year=2027, capacity_hours=H(0))
    assert set(months) == {v.key for v in visits}
    assert all(1 <= months[v.key] <= (v.due_month or 12) for v in visits)


def test_inspectors_get_visits_up_to_their_hours():
    room = {"anna": H(20), "bram": H(10)}
    assigned = scheduling.assign_inspectors([(n, H(8)) for n in range(5)], room)
    assert sorted(assigned.values()) == ["anna", "anna", "bram"]  # the fourth and fifth fit nobody
    assert room == {"anna": H(4), "bram": H(2)}
    assert scheduling.assign_inspectors([(1, H(4))], {}) == {}


def test_days_are_filled_evenly_in_route_order_around_what_is_planned():
    days = scheduling.working_days(2027, 3)[:3]  # Mon 1, Tue 2, Wed 3 March 2027
    load = {days[0]: H(6)}
    planned = scheduling.plan_days([(n, H(4)) for n in range(4)], days, load)
    assert [planned[n] for n in range(4)] == [days[1], days[1], days[2], days[2]]  # the full Monday is skipped
    assert scheduling.plan_days([(1, H(4))], [], {}) == {}
    crowded = scheduling.plan_days([(n, H(6)) for n in range(9)], days, {})
    assert sorted(list(crowded.values()).count(d) for d in days) == [3, 3, 3]  # over capacity: still even
