"""The progress table of the IBP VTH (interbestuurlijk programma versterking VTH-stelsel): parsing and status.

Source: Kamerbrief "Voortgang versterking VTH-stelsel" of 16 January 2023 (IENW/BSK-2022/290130), annex 1
"OVERZICHT ACTIES IBP Versterking VTH en voortgang november 2022". The table is tab-separated with eight columns:
recommendation number, recommendation title, pillar, action, planning, progress, explanation, revised planning.

The layout as the annex has it:
- a new recommendation starts with its number and title; the rows after it leave those cells empty;
- the pillar can change inside a recommendation (recommendation 6: pillar 3, then pillar 4);
- a row with only a later cell filled continues the previous action across a page break;
- ✓ and √ mark an action as done; where the tick stands in the explanation column the explanation and the
  revised planning are shifted one column to the right (recommendation 3, LHSO "oplevering").

The status of an action, with the reason recorded (`derive_status`), follows the colours of the letter: "welke
zaken op schema liggen (groen), welke zaken conform planning nog niet zijn gestart (lichtgroen) en voor welke
zaken de planning is aangepast (geel)", the legend adding "gereed (✓)" to green. The table itself has no mark for
the legend's "knelpunt": a bottleneck is only ever set by a user.
"""

import re
from dataclasses import dataclass, replace
from enum import Enum

COLUMNS = 8
RECOMMENDATION, TITLE, PILLAR, ACTION, PLANNING, PROGRESS, EXPLANATION, REVISED = range(COLUMNS)
# the header cells, by position (the recommendation's number column has no heading of its own)
HEADER = ("", "aanbeveling", "pijler", "actie", "planning", "voortgang", "toelichting", "aangepaste planning")

# the six pillar plans of the programme (the letter's footnote 3); "Buiten IBP" is outside the programme
PILLARS = {
    "1": "Robuuste omgevingsdiensten en financiering",
    "2": "Bestuursrechtelijke en strafrechtelijke handhaving en vervolging",
    "3": "Informatievoorziening VTH",
    "4": "Kennisinfrastructuur",
    "5": "Onafhankelijke uitvoering van toezicht en handhaving",
    "6": "Monitoring kwaliteit milieutoezicht",
}

TICKS = ("✓", "✔", "√")  # the annex uses ✓ (U+2713) and √ (U+221A)
# the steering group's conclusion, repeated word for word in the explanations of the annex
DELAY_PHRASES = ("aanpassing van de planning noodzakelijk",)

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
PERIOD = re.compile(r"\bvoortgang\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
# "Q4 2022", "Q3/4 2022", "Q3/Q4 2022", "Q1/Q2 2023": the first quarter named is when the work starts
QUARTER = re.compile(r"\bQ([1-4])(?:\s*/\s*Q?[1-4])?\s*(\d{4})\b")
# words that place a bare year in a quarter; a bare year without one of them means its start
YEAR_WORDS = {"begin": 1, "medio": 3, "eind": 4}
YEAR = re.compile(r"\b(?:(" + "|".join(YEAR_WORDS) + r")\s+)?(\d{4})\b", re.IGNORECASE)


class Status(Enum):
    DONE = "done"
    ON_SCHEDULE = "on_schedule"
    DELAYED = "delayed"
    BOTTLENECK = "bottleneck"
    PLANNED = "planned"


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.year}"


@dataclass(frozen=True)
class Action:
    recommendation: int
    recommendation_title: str
    pillar: str
    position: int  # 1, 2, ... within the recommendation
    line: int  # the line of the file where the action starts
    action: str
    planning: str
    progress: str
    explanation: str
    revised_planning: str
    status: Status = Status.ON_SCHEDULE
    status_reason: str = ""


@dataclass(frozen=True)
class ProgressTable:
    title: str
    year: int
    month: int
    actions: tuple[Action, ...]

    @property
    def as_of(self) -> Quarter:
        return Quarter(self.year, (self.month - 1) // 3 + 1)


class ParseError(ValueError):
    """Malformed input; `line` is the 1-based line of the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"regel {line}: {message}")
        self.line = line
        self.message = message


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.rstrip("\r\n").split("\t")]


def _is_header(cells: list[str]) -> bool:
    return len(cells) > PILLAR and cells[TITLE].lower() == "aanbeveling" and cells[PILLAR].lower().startswith("pijler")


def _check_header(cells: list[str], number: int) -> None:
    names = [cell.lower() for cell in cells]
    if len(names) != COLUMNS or any(
        not name.startswith(expected) for name, expected in zip(names, HEADER, strict=True)
    ):
        raise ParseError(number, f"de kopregel heeft niet de {COLUMNS} kolommen {', '.join(HEADER[1:])}")


def _title_and_period(lines: list[str], header: int) -> tuple[str, int, int]:
    """The last line above the table that names the month of the progress ("... voortgang november 2022")."""
    for line in reversed(lines[:header]):
        found = PERIOD.search(line)
        if found:
            title = line.strip().strip("#*").strip()
            return title, MONTHS.index(found.group(1).lower()) + 1, int(found.group(2))
    raise ParseError(
        header + 1, "boven de tabel staat geen titel met de maand van de voortgang (zoals 'voortgang november 2022')"
    )


def _unshift(cells: list[str]) -> list[str]:
    """A tick in the explanation column with the progress column empty: explanation and revised planning moved
    one column to the right."""
    if not cells[PROGRESS] and cells[EXPLANATION] in TICKS:
        return [*cells[:PROGRESS], cells[EXPLANATION], cells[REVISED], ""]
    return cells


def _recommendation_title(title: str) -> str:
    # recommendations 8 and 9 carry the name of their pillar plan in italics after the title
    return re.sub(r"\s*<i>.*?</i>\s*", " ", title).strip()


def _continued(action: Action, cells: list[str]) -> Action:
    """The action with the text of a row that continues it across a page break added to each column."""

    def joined(before: str, column: int) -> str:
        return f"{before} {cells[column]}".strip() if cells[column] else before

    return replace(
        action,
        planning=joined(action.planning, PLANNING),
        progress=joined(action.progress, PROGRESS),
        explanation=joined(action.explanation, EXPLANATION),
        revised_planning=joined(action.revised_planning, REVISED),
    )


def parse(text: str) -> ProgressTable:
    """The table of the progress report; raises ParseError naming the first line that does not fit."""
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if "\t" in line and _is_header(_cells(line))), None)
    if header is None:
        raise ParseError(
            max(len(lines), 1), "geen voortgangstabel gevonden (een kopregel met Aanbeveling, Pijler IBP, Actie)"
        )
    _check_header(_cells(lines[header]), header + 1)
    title, month, year = _title_and_period(lines, header)
    actions: list[Action] = []
    recommendation, recommendation_title, pillar = 0, "", ""
    for index in range(header + 1, len(lines)):
        number, line = index + 1, lines[index]
        if not line.strip():
            continue  # a page break
        if "\t" not in line:
            raise ParseError(number, f"geen tabelrij (geen tabs): '{line.strip()[:60]}'")
        cells = _cells(line)
        if len(cells) > COLUMNS:
            raise ParseError(number, f"{len(cells)} kolommen; de tabel heeft er {COLUMNS}")
        cells = _unshift(cells + [""] * (COLUMNS - len(cells)))
        if cells[RECOMMENDATION]:
            if not re.fullmatch(r"[0-9]+", cells[RECOMMENDATION]):
                raise ParseError(number, f"aanbeveling '{cells[RECOMMENDATION]}' is geen nummer")
            if int(cells[RECOMMENDATION]) <= recommendation:
                raise ParseError(number, f"aanbeveling {cells[RECOMMENDATION]} volgt op aanbeveling {recommendation}")
            if not cells[TITLE] or not cells[PILLAR]:
                raise ParseError(number, f"aanbeveling {cells[RECOMMENDATION]} heeft geen titel of geen pijler")
            recommendation, recommendation_title = int(cells[RECOMMENDATION]), _recommendation_title(cells[TITLE])
        elif cells[TITLE]:
            raise ParseError(number, "een titel van een aanbeveling zonder nummer")
        if cells[PILLAR]:
            if not cells[ACTION]:
                raise ParseError(number, f"pijler {cells[PILLAR]} zonder actie")
            pillar = cells[PILLAR]
        if cells[ACTION]:
            if not recommendation:
                raise ParseError(number, "een actie vóór de eerste aanbeveling")
            position = sum(1 for a in actions if a.recommendation == recommendation) + 1
            texts = (cells[ACTION], cells[PLANNING], cells[PROGRESS], cells[EXPLANATION], cells[REVISED])
            actions.append(Action(recommendation, recommendation_title, pillar, position, number, *texts))
        elif not actions:
            raise ParseError(number, "een vervolgregel vóór de eerste actie")
        else:  # the previous action goes on across a page break
            actions[-1] = _continued(actions[-1], cells)
    if not actions:
        raise ParseError(header + 1, "de tabel heeft geen acties")
    table = ProgressTable(title, year, month, ())
    return replace(table, actions=tuple(_with_status(action, table.as_of) for action in actions))


def _with_status(action: Action, as_of: Quarter) -> Action:
    status, reason = derive_status(
        planning=action.planning,
        progress=action.progress,
        explanation=action.explanation,
        revised_planning=action.revised_planning,
        as_of=as_of,
    )
    return replace(action, status=status, status_reason=reason)


def earliest_start(planning: str) -> Quarter | None:
    """The first quarter the planning names: "Start in 2023" is Q1 2023, "eind 2023" Q4; None without a year."""
    quarters = [Quarter(int(year), int(quarter)) for quarter, year in QUARTER.findall(planning)]
    rest = QUARTER.sub(" ", planning)
    quarters += [Quarter(int(year), YEAR_WORDS[word.lower()] if word else 1) for word, year in YEAR.findall(rest)]
    return min(quarters, default=None)


def derive_status(
    *, planning: str, progress: str, explanation: str, revised_planning: str, as_of: Quarter
) -> tuple[Status, str]:
    """The status of an action in a report of quarter `as_of`, and why (Dutch, shown to users). In this order:
    a tick is done; a revised planning or the steering group's conclusion that the planning must change is
    delayed; a planning that starts after the report's quarter is planned; anything else is on schedule."""
    tick = next((t for t in TICKS if t in progress), None)
    if tick:
        return Status.DONE, f"Vinkje ({tick}) in de kolom Voortgang."
    if revised_planning:
        return Status.DELAYED, f"Aangepaste planning: {revised_planning}."
    if any(phrase in explanation.lower() for phrase in DELAY_PHRASES):
        return Status.DELAYED, "De stuurgroep heeft geconcludeerd dat aanpassing van de planning noodzakelijk is."
    start = earliest_start(planning)
    if start is not None and start > as_of:
        return Status.PLANNED, f"Nog niet gestart conform planning: de planning begint in {start}, na {as_of}."
    if start is None:
        return (
            Status.ON_SCHEDULE,
            f"Geen vinkje en geen aangepaste planning; planning '{planning}' noemt geen latere start.",
        )
    return Status.ON_SCHEDULE, f"Geen vinkje en geen aangepaste planning; de planning is begonnen ({start})."
