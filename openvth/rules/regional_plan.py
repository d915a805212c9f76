"""The one regional implementation and enforcement plan (uitvoerings- en handhavingsprogramma) of an omgevingsdienst.

Sources: Omgevingsbesluit afdeling 13.2 (kwaliteit uitvoering en handhaving): every competent authority (bestuursorgaan)
adopts the programme for its own tasks, so a plan the service makes for its region is adopted ("vastgesteld") only when
each participating authority has adopted it; Kamerbrief voortgang versterking VTH-stelsel 2023, recommendation 7 (one
risk analysis and one implementation and enforcement plan per region); Richtlijn industriële emissies 2010/75/EU
art. 23 lid 2-4 (every IED installation is covered by an environmental inspection plan), published per seed action 6j.

Capacity: a person's hours per year in a task area count for the part of the year both the employment and the
competence run (days inclusive), so someone leaving on 30 June brings half a year.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

SOURCE = "Omgevingsbesluit afdeling 13.2; Kamerbrief VTH-stelsel 2023, aanbeveling 7; RIE art. 23"


class Process(StrEnum):
    PERMITS = "permits"
    SUPERVISION = "supervision"
    ENFORCEMENT = "enforcement"


PROCESS_LABELS = {
    Process.PERMITS: "Vergunningverlening",
    Process.SUPERVISION: "Toezicht",
    Process.ENFORCEMENT: "Handhaving",
}
# the task areas of openvth.rules.quality by process (the specialisms support all three and are not counted)
PROCESS_AREAS = {
    Process.PERMITS: ("VV-MIL", "VV-COMPLEX"),
    Process.SUPERVISION: ("TZ-MIL", "TZ-COMPLEX"),
    Process.ENFORCEMENT: ("HH-JUR",),
}


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

    @property
    def label(self) -> str:
        return PROCESS_LABELS[self.process]

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
