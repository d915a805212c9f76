"""The inspector's agenda: the programme visits assigned to them, today and this week first, the rest by period,
kind and status.

A visit's day is its planned day; a visit planned on a month only counts as due on the last day of that month (the
latest it may be done), so it is overdue only once its month is over. Every list is one query, whatever its length.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from .. import ical
from ..models import Inspection, PlannedVisit
from .planning import planned_visits

PERIODS = ("later", "overdue", "month", "next_month", "all")
STATUSES = ("open", "planned", "started", "done", "all")
STATUS_Q = {
    "open": ~Q(inspection__status=Inspection.Status.CLOSED),
    "planned": Q(inspection__isnull=True) | Q(inspection__status=Inspection.Status.PLANNED),
    "started": Q(inspection__status=Inspection.Status.OPEN),
    "done": Q(inspection__status=Inspection.Status.CLOSED),
    "all": Q(),
}


def _last_of_month(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def on_or_after(day: datetime.date) -> Q:
    """Visits whose day is `day` or later."""
    month_on_or_after = Q(programme__year__gt=day.year) | Q(programme__year=day.year, month__gte=day.month)
    return Q(planned_on__gte=day) | (Q(planned_on__isnull=True) & month_on_or_after)


def on_or_before(day: datetime.date) -> Q:
    """Visits whose day is `day` or earlier."""
    last = day.month + 1 if _last_of_month(day) else day.month  # the month of `day` is over at its last day
    month_before = Q(programme__year__lt=day.year) | Q(programme__year=day.year, month__lt=last)
    return Q(planned_on__lte=day) | (Q(planned_on__isnull=True) & month_before)


def between(first: datetime.date, last: datetime.date) -> Q:
    return on_or_after(first) & on_or_before(last)


def week_end(today: datetime.date) -> datetime.date:
    """The Sunday of this week."""
    return today + datetime.timedelta(days=6 - today.weekday())


def _month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_q(period: str, today: datetime.date) -> Q:
    if period == "overdue":
        return on_or_before(today - datetime.timedelta(days=1))
    if period == "month":
        return between(*_month_bounds(today.year, today.month))
    if period == "next_month":
        return between(*_month_bounds(today.year + today.month // 12, today.month % 12 + 1))
    if period == "all":
        return Q()
    return on_or_after(week_end(today) + datetime.timedelta(days=1))  # later: after this week


def my_visits(user) -> QuerySet[PlannedVisit]:
    """The visits assigned to the user (postponed ones left out), by day; month-only visits after the days of their
    month."""
    return (
        planned_visits(user)
        .filter(inspector=user, postponed=False)
        .select_related("programme", "establishment", "inspection")
        .order_by("programme__year", "month", F("planned_on").asc(nulls_last=True), "establishment__name", "pk")
    )


@dataclass(frozen=True)
class Agenda:
    today: QuerySet[PlannedVisit]
    this_week: QuerySet[PlannedVisit]  # after today, up to Sunday
    listed: QuerySet[PlannedVisit]  # by the filters


def agenda(user, *, today: datetime.date, period: str = "later", kind: str = "", status: str = "open") -> Agenda:
    """Today's visits (done ones too), the rest of this week's not yet done, and the list the filters ask for
    (an unknown period or status counts as the default)."""
    mine = my_visits(user)
    listed = mine.filter(period_q(period if period in PERIODS else "later", today))
    listed = listed.filter(STATUS_Q.get(status, STATUS_Q["open"]))
    if kind:
        listed = listed.filter(kind=kind)
    tomorrow = today + datetime.timedelta(days=1)
    return Agenda(
        today=mine.filter(between(today, today)),
        this_week=mine.filter(between(tomorrow, week_end(today)) & STATUS_Q["open"]) if tomorrow <= week_end(today)
        else mine.none(),
        listed=listed,
    )  # fmt: skip


def week_visits(user, *, today: datetime.date) -> QuerySet[PlannedVisit]:
    """The user's visits of today up to Sunday not yet done: what the inspections page shows of the programme."""
    return my_visits(user).filter(between(today, week_end(today)) & STATUS_Q["open"])


def _first_of_next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def visit_event(visit: PlannedVisit) -> ical.Event:
    """A visit in the calendar feed: its planned day (or its inspection's), else the whole month it is planned in."""
    planned_on = visit.planned_on or (visit.inspection.planned_on if visit.inspection_id else None)
    start = planned_on or datetime.date(visit.programme.year, visit.month, 1)
    end = start + datetime.timedelta(days=1) if planned_on else _first_of_next_month(start)
    e = visit.establishment
    return ical.Event(
        uid=f"planned-visit-{visit.pk}@openvth",
        start=start,
        end=end,
        summary=f"{visit.get_kind_display().capitalize()}: {e.name}",
        location=e.address,
        description=visit.reason,
    )
