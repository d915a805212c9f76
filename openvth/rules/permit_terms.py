"""The decision term of a permit application and the penalty for deciding late (docs/domain.md §2, §6).

Sources:
- Omgevingswet art. 16.64 / Awb 4:13: the regular procedure decides within 8 weeks of receipt, the extended
  procedure (afd. 3.4 Awb, art. 16.65 Ow) within 6 months; either term can be extended once by at most 6 weeks
  (art. 16.64(2) Ow, Awb 3:18(2)), and only while it runs.
- Awb 4:15(1)(a): the term is suspended from the day after the request to supplement the application (Awb 4:5)
  until the day it is supplemented; we count the days from the request up to and including that day.
- Algemene termijnenwet: a statutory term whose last day is a rest day runs on (openvth.rules.terms).
- Awb 4:17: after the term has expired and a written notice of default (ingebrekestelling) has been received,
  the authority is in default once two more weeks have passed; it then owes a penalty per day, for at most
  42 days, at amounts that change over time (a table with a valid-from date, passed in).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .terms import DEFAULT_CALENDAR, AtwCalendar, Unit, calendar_end, term_end

REGULAR, EXTENDED = "regular", "extended"
PROCEDURE_TERMS = {REGULAR: (8, Unit.WEEKS), EXTENDED: (6, Unit.MONTHS)}
EXTENSION_WEEKS = 6
DEFAULT_GRACE = timedelta(weeks=2)  # Awb 4:17(3): in default two weeks after term and notice
MAX_PENALTY_DAYS = 42  # Awb 4:17(2)


@dataclass(frozen=True)
class Suspension:
    requested_on: date
    supplemented_on: date | None  # None: still waiting for the applicant


@dataclass(frozen=True)
class Rate:
    """One row of the Awb 4:17 table: the amount per day for default days first_day..last_day."""

    valid_from: date
    first_day: int
    last_day: int
    amount_per_day: Decimal


@dataclass(frozen=True)
class Penalty:
    first_day: date | None  # the first day in default; None without a notice of default or before the term ended
    days: int
    amount: Decimal


def suspended_days(suspensions: Iterable[Suspension], *, until: date) -> int:
    """Days the term stood still; an open suspension counts up to `until` (today or the decision date)."""
    total = 0
    for suspension in suspensions:
        end = suspension.supplemented_on or until
        total += max(0, (min(end, until) - suspension.requested_on).days)
    return total


def calendar_deadline(received_on: date, procedure: str, *, extended: bool = False, suspended: int = 0) -> date:
    """The procedure's term from the day after receipt, plus the one extension, plus the suspended days."""
    if procedure not in PROCEDURE_TERMS:
        raise ValueError(f"Onbekende procedure '{procedure}': kies 'regular' of 'extended'.")
    amount, unit = PROCEDURE_TERMS[procedure]
    end = calendar_end(received_on, amount, unit)
    if extended:
        end = calendar_end(end, EXTENSION_WEEKS, Unit.WEEKS)
    return end + timedelta(days=suspended)


def decision_deadline(
    received_on: date,
    procedure: str,
    *,
    extended: bool = False,
    suspended: int = 0,
    atw: AtwCalendar = DEFAULT_CALENDAR,
) -> date:
    """The last day to decide: the calendar deadline, moved on by the Atw when it falls on a rest day."""
    end = calendar_deadline(received_on, procedure, extended=extended, suspended=suspended)
    return term_end(received_on, (end - received_on).days, Unit.DAYS, statutory=True, atw=atw).end


def rates_on(rates: Iterable[Rate], day: date) -> list[Rate]:
    """The table in force on `day`: the rows with the latest valid-from date not after it."""
    valid = [r for r in rates if r.valid_from <= day]
    if not valid:
        return []
    latest = max(r.valid_from for r in valid)
    return sorted((r for r in valid if r.valid_from == latest), key=lambda r: r.first_day)


def penalty(
    *,
    deadline: date,
    default_notice_on: date | None,
    until: date,
    rates: Sequence[Rate],
    grace: timedelta = DEFAULT_GRACE,
) -> Penalty:
    """The penalty owed for the days in default up to and including `until` (the day before the decision, or
    today while none is taken), at the rates in force on the first day in default."""
    if default_notice_on is None:
        return Penalty(None, 0, Decimal("0.00"))
    first = max(deadline, default_notice_on) + grace + timedelta(days=1)
    days = min(MAX_PENALTY_DAYS, max(0, (until - first).days + 1))
    table = rates_on(rates, first)
    amount = sum(
        (r.amount_per_day * max(0, min(days, r.last_day) - r.first_day + 1) for r in table),
        Decimal("0.00"),
    )
    return Penalty(first, days, amount)
