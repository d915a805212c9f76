"""Uniform enforcement, measured (issue 21, item 9): the figures of the recorded LHSO decisions. Pure Python.

The Landelijke Handhavingsstrategie Omgevingsrecht (LHSO, 2023; seed action 8.7) asks every party to apply the same
strategy the same way. What is measured here, per service and nationally, from one fact per recorded decision:

- sameness: per cell of the matrix, the share of decisions whose first chosen intervention is the cell's most
  frequent one (the modal share; 100 % = every decision in the cell started the same way), and a service's share of
  decisions that started with the national modal intervention of their cell;
- deviations from the matrix: how many, and how many per recorded reason (the reason's text, never who gave it);
- timing per cell: days from the finding (the inspection day) to the first intervention and to compliance, as the
  median and the 90th percentile (nearest rank: the smallest value with at least 90 % of the values at or below it);
- recidivism per first intervention: the share of decisions followed by a new finding at the same establishment on
  the same provision (or general rule) within 12 and 24 months, counted only for decisions whose window has passed
  (a decision of last month cannot show recidivism yet: it is left out, not counted as none).
"""

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

WINDOWS = (12, 24)  # months


@dataclass(frozen=True)
class Fact:
    """One recorded LHSO decision as the figures need it (no person)."""

    service: int
    cell: str
    first: str  # the first chosen intervention ("" when none was chosen)
    deviates: bool
    reason: str  # the recorded deviation reason ("" without a deviation)
    establishment: int
    provision: str  # the provision number or the general rule breached
    found_on: date
    intervened_on: date | None = None
    complied_on: date | None = None


@dataclass(frozen=True)
class CellShare:
    cell: str
    decisions: int
    modal: str
    modal_decisions: int

    @property
    def share(self) -> float:
        return self.modal_decisions / self.decisions


def _modal(counter: Counter[str]) -> tuple[str, int]:
    """The most frequent value; a tie goes to the first in sort order, so the answer does not depend on input order."""
    top = max(counter.values())
    return min(value for value, n in counter.items() if n == top), top


def modal_shares(facts: Iterable[Fact]) -> dict[str, CellShare]:
    by_cell: dict[str, Counter[str]] = defaultdict(Counter)
    for fact in facts:
        by_cell[fact.cell][fact.first] += 1
    shares = {}
    for cell in sorted(by_cell):
        modal, n = _modal(by_cell[cell])
        shares[cell] = CellShare(cell, sum(by_cell[cell].values()), modal, n)
    return shares


def overall_share(shares: Mapping[str, CellShare]) -> float | None:
    """The modal shares of all cells weighted by their decisions: the share of decisions that started as most did."""
    total = sum(share.decisions for share in shares.values())
    return sum(share.modal_decisions for share in shares.values()) / total if total else None


def agreement(facts: Iterable[Fact], national: Mapping[str, CellShare]) -> float | None:
    """The share of decisions whose first intervention is the national modal one of their cell."""
    facts = [fact for fact in facts if fact.cell in national]
    if not facts:
        return None
    return sum(fact.first == national[fact.cell].modal for fact in facts) / len(facts)


def deviation_reasons(facts: Iterable[Fact]) -> list[tuple[str, int]]:
    """Per recorded reason (whitespace normalised) its number of deviations, most frequent first."""
    counter = Counter(" ".join(fact.reason.split()) or "(geen reden vastgelegd)" for fact in facts if fact.deviates)
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


@dataclass(frozen=True)
class Spread:
    n: int
    median: float | None
    p90: float | None


def spread(values: Sequence[float]) -> Spread:
    if not values:
        return Spread(0, None, None)
    return Spread(len(values), statistics.median(values), percentile(values, 0.9))


@dataclass(frozen=True)
class Timing:
    cell: str
    to_intervention: Spread
    to_compliance: Spread


def timings(facts: Iterable[Fact]) -> dict[str, Timing]:
    """Per cell the days from finding to first intervention and to compliance (those that reached it)."""
    intervention: dict[str, list[int]] = defaultdict(list)
    compliance: dict[str, list[int]] = defaultdict(list)
    cells = set()
    for fact in facts:
        cells.add(fact.cell)
        if fact.intervened_on is not None:
            intervention[fact.cell].append((fact.intervened_on - fact.found_on).days)
        if fact.complied_on is not None:
            compliance[fact.cell].append((fact.complied_on - fact.found_on).days)
    return {cell: Timing(cell, spread(intervention[cell]), spread(compliance[cell])) for cell in sorted(cells)}


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it is shorter (31 January + 1 = 28/29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Rate:
    eligible: int  # decisions whose window has passed
    recidive: int

    @property
    def share(self) -> float | None:
        return self.recidive / self.eligible if self.eligible else None


def recidivism(
    facts: Iterable[Fact], later: Mapping[tuple[int, str], list[date]], today: date, windows: tuple[int, ...] = WINDOWS
) -> dict[str, dict[int, Rate]]:
    """Per first intervention and window (months): of the decisions whose window ended before `today`, those with a
    new finding (`later`: per establishment and provision the days of findings at first visits, re-inspections of
    the same violation excluded by the caller) after the finding's day and within the window."""
    counts: dict[str, dict[int, list[int]]] = defaultdict(lambda: {w: [0, 0] for w in windows})
    for fact in facts:
        days = later.get((fact.establishment, fact.provision), ())
        rates = counts[fact.first]  # every first intervention has its row, also one without a passed window
        for window in windows:
            end = add_months(fact.found_on, window)
            if end >= today:
                continue
            rates[window][0] += 1
            rates[window][1] += any(fact.found_on < day <= end for day in days)
    return {first: {window: Rate(*counts[first][window]) for window in windows} for first in sorted(counts, key=str)}
