"""The arithmetic of planning, without the database: months by capacity, inspectors by capacity, days.

- Capacity per month: an inspector's working days (Algemene termijnenwet: no weekend, general holiday or equated
  day, openvth.rules.terms) times the share of them not taken by leave (MONTH_AVAILABILITY: the summer and
  December lighter). Every inspector has the same shape, so the service's capacity is shaped alike.
- Months: a visit due in month m is planned no later than m, as late as the capacity allows (close to its due
  month); visits due at once (overdue, never visited) fill the capacity left from January on, those the law
  requires first. So no month takes the backlog of the whole year.
- Inspectors: each month's visits go to the inspector with the most hours left that month, as long as the visit
  fits; the rest stay unassigned, for the manager.
- Days: an inspector's visits of a month are laid over the working days in order of postcode (neighbours on the same
  day), about the same hours a day, never before today.
"""

import calendar
import datetime
import heapq
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openvth.rules.terms import DEFAULT_CALENDAR

# the share of an inspector's working days not taken by leave, per month (Jan..Dec): the summer holidays in July and
# August, Christmas in December, some spring leave around May
MONTH_AVAILABILITY = (1.0, 1.0, 1.0, 0.95, 0.9, 0.95, 0.6, 0.6, 1.0, 1.0, 1.0, 0.75)
# hours of visits (preparation and report included, as the risk table's visit hours) an inspector does a working day
INSPECTOR_HOURS_PER_DAY = Decimal(6)


def _room_for(load: Decimal, hours: Decimal, limit: Decimal) -> bool:
    """A visit goes where it fits for at least half its hours; an empty month or day always takes one."""
    return not load or load + hours / 2 <= limit


def working_days(year: int, month: int, *, since: datetime.date | None = None) -> list[datetime.date]:
    """The working days of the month (Atw), from `since` on when given."""
    days = (datetime.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1))
    return [d for d in days if not DEFAULT_CALENDAR.is_rest_day(d) and (since is None or d >= since)]


def inspector_hours(year: int, month: int, *, since: datetime.date | None = None) -> Decimal:
    """What one inspector can do in the month (from `since` on): working days x hours a day x availability."""
    share = Decimal(str(MONTH_AVAILABILITY[month - 1]))
    return len(working_days(year, month, since=since)) * INSPECTOR_HOURS_PER_DAY * share


def month_shares(year: int) -> list[Decimal]:
    """Each month's part of a year's capacity, 12 shares adding up to 1."""
    weights = [inspector_hours(year, month) for month in range(1, 13)]
    total = sum(weights, Decimal(0))
    return [weight / total for weight in weights]


@dataclass(frozen=True)
class Visit:
    """What scheduling needs of a visit. `due_month` 1-12, or None when due at once (overdue, never visited);
    `order` sorts visits of the same urgency (lower first)."""

    key: Hashable
    hours: Decimal
    due_month: int | None
    bound: bool  # required by law (IED, Brzo, re-inspection): first in line
    order: tuple = ()


def spread_over_months(
    visits: Sequence[Visit], *, year: int, capacity_hours: Decimal, kept: dict[int, Decimal] | None = None
) -> dict[Hashable, int]:
    """The month of every visit, within each month's part of the capacity (the larger of `capacity_hours` and the
    hours to plan). `kept` holds the hours per month already taken by visits that stay where they are."""
    load = {month: (kept or {}).get(month, Decimal(0)) for month in range(1, 13)}
    total = max(capacity_hours, sum(load.values(), Decimal(0)) + sum((v.hours for v in visits), Decimal(0)))
    budget = {month: total * share for month, share in enumerate(month_shares(year), start=1)}
    months: dict[Hashable, int] = {}

    def place(visit: Visit, month: int) -> None:
        months[visit.key] = month
        load[month] += visit.hours

    # due in month m: from December back, each month takes what is due then or later and still waits, the latest
    # due first; January takes whatever is left (nothing is planned after its due month)
    by_due: dict[int, list[Visit]] = {}
    for visit in visits:
        if visit.due_month is not None:
            by_due.setdefault(visit.due_month, []).append(visit)
    waiting: list[tuple] = []
    for month in range(12, 0, -1):
        for n, visit in enumerate(by_due.get(month, ())):
            heapq.heappush(waiting, (-month, not visit.bound, visit.order, n, visit))
        while waiting and (month == 1 or _room_for(load[month], waiting[0][-1].hours, budget[month])):
            place(heapq.heappop(waiting)[-1], month)
    # due at once: the capacity left, from January on; the law's visits and the longest overdue first
    at_once = sorted((v for v in visits if v.due_month is None), key=lambda v: (not v.bound, v.order))
    month = 1
    for visit in at_once:
        while month < 12 and not _room_for(load[month], visit.hours, budget[month]):
            month += 1
        if _room_for(load[month], visit.hours, budget[month]):
            place(visit, month)
        else:  # the year is full (rounding): the month with the most room left
            place(visit, min(load, key=lambda m: (load[m] / budget[m] if budget[m] else load[m], m)))
    return months


def assign_inspectors(
    visits: Iterable[tuple[Hashable, Decimal]], room: dict[Hashable, Decimal]
) -> dict[Hashable, Hashable]:
    """One month: each visit (key, hours), in the order given, to the inspector with the most hours left in `room`
    (inspector -> hours; changed in place) if it fits; a visit that fits nobody stays unassigned (left out)."""
    assigned: dict[Hashable, Hashable] = {}
    if not room:
        return assigned
    for key, hours in visits:
        inspector = max(room, key=lambda i: room[i])
        if room[inspector] >= hours:
            assigned[key] = inspector
            room[inspector] -= hours
    return assigned


def plan_days(
    visits: Sequence[tuple[Hashable, Decimal]], days: Sequence[datetime.date], load: dict[datetime.date, Decimal]
) -> dict[Hashable, datetime.date]:
    """One inspector's visits (key, hours), in route order, over `days`: each day filled to about the same hours
    (at least a day's work) before the next; `load` holds the hours already planned per day (changed in place)."""
    if not days:
        return {}
    planned = sum((load.get(day, Decimal(0)) for day in days), Decimal(0)) + sum((h for _k, h in visits), Decimal(0))
    target = max(INSPECTOR_HOURS_PER_DAY, planned / len(days))
    found: dict[Hashable, datetime.date] = {}
    index = 0
    for key, hours in visits:
        while index < len(days) - 1 and not _room_for(load.get(days[index], Decimal(0)), hours, target):
            index += 1
        day = days[index]
        found[key] = day
        load[day] = load.get(day, Decimal(0)) + hours
    return found
