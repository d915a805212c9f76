"""Counting terms: calendar periods and the Algemene termijnenwet (docs/domain.md §6).

Sources:
- Weeks and months are calendar periods that start the day after the triggering event (Awb; Atw art. 1
  presupposes the end day of such a period); a month end that does not exist clamps to the last day of the
  month (31 January + 1 month = 28/29 February).
- Atw art. 1(1): a statutory term that ends on a Saturday, Sunday or general holiday runs on to the next day
  that is none of these.
- Atw art. 2: a statutory term of at least three days is extended so that it contains at least two days that
  are not a Saturday, Sunday or general holiday.
- Atw art. 3(1): general holidays: New Year's Day, Easter Monday, Ascension Day, Whit Monday, Christmas and
  Boxing Day, King's Day (27 April, 26 April when 27 April is a Sunday; Queen's Day 30 April, 29 April when
  a Sunday, before 2014) and 5 May. Art. 3(2): Good Friday is equated by the law itself.
- Atw art. 3(3): further days are equated by royal decree, issued per three years. The default follows the
  decrees' pattern: the Friday after Ascension Day; the Monday before New Year's Day, King's Day, 5 May or
  Christmas when that falls on a Tuesday; the Friday after New Year's Day, King's Day, 5 May or Boxing Day when
  that falls on a Thursday. A year listed in `equated_days` replaces the pattern with the decree's own list.
- Terms counted backwards are not extended (Atw art. 1 applies to terms that run forward).
"""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from itertools import islice

MONDAY, TUESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = 0, 1, 3, 4, 5, 6


class Unit(Enum):
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    """King's Day from 2014, Queen's Day before; moved back a day when it falls on a Sunday."""
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == SUNDAY else day


@lru_cache(maxsize=256)
def general_holidays(year: int) -> frozenset[date]:
    """Atw art. 3(1) and 3(2): the general holidays and Good Friday."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),  # Good Friday, art. 3(2)
            easter + timedelta(days=1),  # Easter Monday
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=50),  # Whit Monday
            kings_day(year),
            date(year, 5, 5),  # every year, not only every fifth
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


@lru_cache(maxsize=256)
def default_equated_days(year: int) -> frozenset[date]:
    """The pattern of the royal decrees under Atw art. 3(3) for the holidays of `year` (Dec 31 of the year
    before is the Monday before a New Year's Day on a Tuesday)."""
    ascension = easter_sunday(year) + timedelta(days=39)
    days = {ascension + timedelta(days=1)}
    for holiday in (date(year, 1, 1), kings_day(year), date(year, 5, 5), date(year, 12, 25)):
        if holiday.weekday() == TUESDAY:
            days.add(holiday - timedelta(days=1))
    for holiday in (date(year, 1, 1), kings_day(year), date(year, 5, 5), date(year, 12, 26)):
        if holiday.weekday() == THURSDAY:
            days.add(holiday + timedelta(days=1))
    return frozenset(days)


@dataclass(frozen=True)
class AtwCalendar:
    """Days that are not working days under the Atw. `equated_days` maps a year to the days a royal decree
    equated for the holidays of that year; years not listed follow the default pattern."""

    equated_days: Mapping[int, frozenset[date]] = field(default_factory=dict)

    def _equated(self, year: int) -> frozenset[date]:
        return self.equated_days.get(year, default_equated_days(year))

    def is_rest_day(self, day: date) -> bool:
        return (
            day.weekday() in (SATURDAY, SUNDAY)
            or day in general_holidays(day.year)
            or day in self._equated(day.year)
            or day in self._equated(day.year + 1)  # the Monday before a New Year's Day on a Tuesday
        )


DEFAULT_CALENDAR = AtwCalendar()


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def calendar_end(event: date, amount: int, unit: Unit) -> date:
    """The last day of a period of `amount` units that starts the day after `event` (negative: backwards)."""
    if unit is Unit.DAYS:
        return event + timedelta(days=amount)
    if unit is Unit.WEEKS:
        return event + timedelta(weeks=amount)
    return add_months(event, amount)


@dataclass(frozen=True)
class TermEnd:
    end: date
    calendar_end: date
    extended_by_days: int
    reason: str


def _working_days(event: date, end: date, atw: AtwCalendar, *, enough: int) -> int:
    """Working days after `event` up to and including `end`, counted until `enough` are found (terms run for years)."""
    days = (event + timedelta(n) for n in range(1, (end - event).days + 1))
    return sum(1 for _day in islice((day for day in days if not atw.is_rest_day(day)), enough))


def term_end(
    event: date, amount: int, unit: Unit, *, statutory: bool = False, atw: AtwCalendar = DEFAULT_CALENDAR
) -> TermEnd:
    """The end of a term of `amount` units after `event`; statutory forward terms are extended by the Atw."""
    plain = calendar_end(event, amount, unit)
    if not statutory or amount <= 0:
        return TermEnd(plain, plain, 0, "kalendertermijn" if not statutory else "terugwaartse termijn: niet verlengd")
    end = plain
    while atw.is_rest_day(end):  # art. 1
        end += timedelta(days=1)
    reasons = ["art. 1 Atw"] if end != plain else []
    if (plain - event).days >= 3:  # art. 2: at least two working days in the term
        while _working_days(event, end, atw, enough=2) < 2:
            end += timedelta(days=1)
            while atw.is_rest_day(end):
                end += timedelta(days=1)
            if "art. 2 Atw" not in reasons:
                reasons.append("art. 2 Atw")
    reason = ", ".join(reasons) if reasons else "eindigt op een werkdag"
    return TermEnd(end, plain, (end - plain).days, reason)
