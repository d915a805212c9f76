"""The one regional implementation and enforcement plan (uitvoerings- en handhavingsprogramma) of an omgevingsdienst.

Sources: Omgevingsbesluit afdeling 13.2 (kwaliteit uitvoering en handhaving): every competent authority (bestuursorgaan)
adopts the programme for its own tasks, so a plan the service makes for its region is adopted ("vastgesteld") only when
each participating authority has adopted it; Kamerbrief voortgang versterking VTH-stelsel 2023, recommendation 7 (one
risk analysis and one implementation and enforcement plan per region); Richtlijn industriële emissies 2010/75/EU
art. 23 lid 2-4 (every IED installation is covered by an environmental inspection plan), published per seed action 6j.

Capacity: a person's hours per year in a task area count for the part of the year both the employment and the
competence run (days inclusive), so someone leaving on 30 June brings half a year.

The hours needed (`needed_hours`): supervision from the programme's planned visits; permits and enforcement as a
VTH programme computes its capacity, the expected number of products times the standard hours per product (the
service's norm table, openvth.rules.norm_costs: "norm × prognose"), the expected number being the permit outlook's
applications of the plan's year (received in its past quarters plus forecast for the others) and, for enforcement,
the cases of the last full year. Without an expected number the hours recorded on those tasks in the last full year
count as they are ("geregistreerde uren"); without any recorded hours the plan's own estimate ("schatting"), a manual
override only where the system knows nothing.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from openvth.rules.forecast import quarter_year
from openvth.rules.labels import LabelledEnum
from openvth.rules.norm_costs import Product

SOURCE = "Omgevingsbesluit afdeling 13.2; Kamerbrief VTH-stelsel 2023, aanbeveling 7; RIE art. 23"
TENTH = Decimal("0.1")


class Process(LabelledEnum):
    PERMITS = "permits", "Vergunningverlening"
    SUPERVISION = "supervision", "Toezicht"
    ENFORCEMENT = "enforcement", "Handhaving"


PROCESS_LABELS = Process.labels()
# the products of openvth.rules.norm_costs by process: their norm hours and the hours recorded on them
PROCESS_PRODUCTS = {
    Process.PERMITS: (Product.PERMIT_REGULAR, Product.PERMIT_EXTENDED),
    Process.SUPERVISION: (Product.INSPECTION, Product.INSPECTION_COMPLEX),
    Process.ENFORCEMENT: (Product.ENFORCEMENT_CASE,),
}
# the task areas of openvth.rules.quality by process (the specialisms support all three and are not counted)
PROCESS_AREAS = {
    Process.PERMITS: ("VV-MIL", "VV-COMPLEX"),
    Process.SUPERVISION: ("TZ-MIL", "TZ-COMPLEX"),
    Process.ENFORCEMENT: ("HH-JUR",),
}


class Basis(StrEnum):
    """Where a line's hours needed come from."""

    PROGRAMME = "programme"  # the yearly programme's planned visits
    NORM_FORECAST = "norm_forecast"  # the expected products × the norm hours per product
    RECORDED = "recorded"  # the hours recorded on the tasks in the last full year
    ESTIMATE = "estimate"  # the plan's own estimate (no data)
    NONE = "none"  # no data and no estimate


def basis_label(basis: Basis, year: int | None = None) -> str:
    labels = {
        Basis.PROGRAMME: "uitvoeringsprogramma",
        Basis.NORM_FORECAST: "norm × prognose",
        Basis.RECORDED: f"geregistreerde uren {year}",
        Basis.ESTIMATE: "schatting",
        Basis.NONE: "geen gegevens",
    }
    return labels[basis]


def base_year(plan_year: int, today: date) -> int:
    """The last full year the figures of a plan come from: the year before the plan, and never a year that has
    not ended yet (a plan for this year or a later one reads last year's)."""
    return min(plan_year, today.year) - 1


def year_total(year: int, observed: Mapping[int, float], forecast: Mapping[int, float]) -> float | None:
    """The applications of `year` from quarter indices (openvth.rules.forecast.quarter_index): a quarter observed
    counts as observed, else as forecast; None unless every one of its four quarters is one or the other."""
    total = 0.0
    for quarter in range(year * 4, year * 4 + 4):
        if quarter in observed:
            total += observed[quarter]
        elif quarter in forecast:
            total += forecast[quarter]
        else:
            return None
    return total


def quarters_of(year: int, values: Mapping[int, float]) -> dict[int, float]:
    return {quarter: value for quarter, value in values.items() if quarter_year(quarter) == year}


def split_by_mix(total: float, mix: Mapping[str, int]) -> dict[str, float]:
    """`total` shared out over the keys of `mix` (e.g. products) in proportion to their counts; {} for an empty mix."""
    counted = sum(mix.values())
    if not counted:
        return {}
    return {key: total * n / counted for key, n in mix.items() if n}


@dataclass(frozen=True)
class Need:
    hours: Decimal
    basis: Basis
    year: int | None = None  # the plan's year (a forecast) or the last full year (recorded hours, cases counted)

    @property
    def label(self) -> str:
        return basis_label(self.basis, self.year)


def norm_need(expected: Mapping[str, float], norms: Mapping[str, Decimal]) -> Decimal:
    """The hours of `expected` products (product -> number, a forecast may be a fraction) at their norm hours."""
    hours = sum((Decimal(str(round(n, 3))) * norms[product] for product, n in expected.items()), Decimal(0))
    return hours.quantize(TENTH, rounding=ROUND_HALF_UP)


def needed_hours(
    *,
    expected: Mapping[str, float] | None,
    expected_year: int | None,
    norms: Mapping[str, Decimal],
    recorded: Decimal,
    recorded_year: int,
    estimate: int,
) -> Need:
    """The hours a process needs: the norm times the expected products when there is an expected number (even of
    zero products: the system knows none are coming); else the hours recorded in the last full year when there are
    any; else the plan's estimate; else nothing."""
    if expected is not None:
        return Need(norm_need(expected, norms), Basis.NORM_FORECAST, expected_year)
    if recorded > 0:
        return Need(Decimal(recorded).quantize(TENTH, rounding=ROUND_HALF_UP), Basis.RECORDED, recorded_year)
    if estimate > 0:
        return Need(Decimal(estimate), Basis.ESTIMATE)
    return Need(Decimal(0), Basis.NONE)


def hours_in_year(year: int, hours_per_year: int, periods: Iterable[tuple[date, date | None]]) -> Decimal:
    """The hours a person brings in `year`: `hours_per_year` times the share of the year in which every one of
    `periods` (from, to inclusive; to None: open) runs."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = first, last
    for begin, finish in periods:
        start, end = max(start, begin), min(end, finish or end)
    share = Decimal(max(0, (end - start).days + 1)) / Decimal((last - first).days + 1)
    return (Decimal(hours_per_year) * share).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class CapacityLine:
    process: Process
    needed: Decimal
    available: Decimal
    basis: Basis = Basis.PROGRAMME
    basis_year: int | None = None
    recorded: Decimal | None = None  # the hours recorded on the process's tasks in the last full year, for comparison

    @property
    def label(self) -> str:
        return PROCESS_LABELS[self.process]

    @property
    def source(self) -> str:
        """Where the hours needed come from, in Dutch (e.g. "norm × prognose")."""
        return basis_label(self.basis, self.basis_year)

    @property
    def balance(self) -> Decimal:
        """Available minus needed: negative is a shortage."""
        return self.available - self.needed

    @property
    def sufficient(self) -> bool:
        return self.available >= self.needed


def adoption_refusal(
    *,
    finalised_on: date | None,
    participants: set[int],
    adopted_by: set[int],
    authority_id: int,
    authority_name: str,
    decided_on: date,
    today: date,
) -> str | None:
    """Why an authority's adoption of the plan is refused (a Dutch sentence), or None: the plan must be final, the
    decision taken on or after the day it was finalised and not in the future, by a participating authority that has
    not adopted it before."""
    if finalised_on is None:
        return "Het plan is nog niet definitief: een bestuursorgaan stelt alleen een definitief plan vast."
    if authority_id not in participants:
        return f"{authority_name} neemt niet deel aan deze omgevingsdienst en stelt dit plan niet vast."
    if authority_id in adopted_by:
        return f"{authority_name} heeft dit plan al vastgesteld."
    if decided_on < finalised_on:
        return (
            f"Het besluit van {decided_on:%d-%m-%Y} ligt vóór de dag waarop het plan definitief werd "
            f"({finalised_on:%d-%m-%Y})."
        )
    if decided_on > today:
        return f"De datum van het besluit ({decided_on:%d-%m-%Y}) ligt in de toekomst."
    return None


def is_adopted(participants: set[int], adopted_by: set[int]) -> bool:
    """Vastgesteld: every participating authority has adopted the plan (a service without authorities has none)."""
    return bool(participants) and participants <= adopted_by
