"""The LHSO intervention matrix: position a finding, weigh aspects, decide on consultation, record (docs/domain.md §4).

Sources:
- Landelijke Handhavingsstrategie Omgevingsrecht (LHSO), adopted by the Bestuurlijk Omgevingsberaad on 12 October
  2022, replacing the LHS 2014; adopted as a policy rule by each authority (e.g. Eindhoven, CVDR736676).
- Axes (LHSO matrix as published by the ILT, ilent.nl "Interventiematrix"): consequences 1 (virtually none),
  2 (limited), 3 (significant), 4 (considerable and/or irreversible); behaviour A (well-meaning), B (indifferent),
  C (calculating), D (criminal: deliberate and structural). A cell is behaviour letter + consequence digit: "B4".
- Interventions (ILT, "Interventiecategorieën" under the LHSO): administrative restorative (inform, address, warning,
  last onder dwangsom, last onder bestuursdwang, suspension), far-reaching (revocation, closure), punitive
  administrative (bestuurlijke boete) and criminal (bestuurlijke strafbeschikking, proces-verbaal).
- Step 2: recidive and financial advantage are aggravating; "the more aggravating aspects, the more reason to add
  criminal to administrative enforcement"; mitigating circumstances weigh the other way. Step 3: consultation of the
  administration with police and OM where that applies. Step 5: the decision and any deviation are recorded.

The interventions per cell, the further aggravating aspects, the mitigating circumstances and the consultation
thresholds are configurable per organisation. The cell contents of the adopted LHSO text were not available to us:
DEFAULT_TABLE is a monotone default (a heavier cell never gets a lighter heaviest intervention) and every configured
table is held to the same bound.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CONSEQUENCES = (1, 2, 3, 4)
BEHAVIOURS = ("A", "B", "C", "D")
CONSEQUENCE_LABELS = {
    1: "vrijwel geen gevolgen",
    2: "beperkte gevolgen",
    3: "forse gevolgen",
    4: "aanzienlijke en/of onomkeerbare gevolgen",
}
# the one wording of a class wherever a class is chosen or shown (finding form, LHSO form, report): "3 – forse gevolgen"
CONSEQUENCE_CHOICES = tuple((c, f"{c} – {CONSEQUENCE_LABELS[c]}") for c in CONSEQUENCES)
BEHAVIOUR_LABELS = {
    "A": "welwillend",
    "B": "onverschillig",
    "C": "calculerend",
    "D": "crimineel (bewust en structureel)",
}

# Light to heavy (issue 4); the position is the weight used by the monotonicity bound.
INTERVENTIONS = (
    "inform",
    "address",
    "warning",
    "last_onder_dwangsom",
    "last_onder_bestuursdwang",
    "suspension",
    "revocation",
    "closure",
    "bestuurlijke_boete",
    "bestuurlijke_strafbeschikking",
    "proces_verbaal",
)
INTERVENTION_LABELS = {
    "inform": "informeren",
    "address": "aanspreken",
    "warning": "waarschuwing met hersteltermijn",
    "last_onder_dwangsom": "last onder dwangsom",
    "last_onder_bestuursdwang": "last onder bestuursdwang",
    "suspension": "tijdelijk stilleggen / schorsen",
    "revocation": "intrekken vergunning",
    "closure": "sluiting",
    "bestuurlijke_boete": "bestuurlijke boete",
    "bestuurlijke_strafbeschikking": "bestuurlijke strafbeschikking (BSBm)",
    "proces_verbaal": "proces-verbaal",
}
PUNITIVE = frozenset({"bestuurlijke_boete", "bestuurlijke_strafbeschikking", "proces_verbaal"})
CRIMINAL = frozenset({"bestuurlijke_strafbeschikking", "proces_verbaal"})
RANK = {code: position for position, code in enumerate(INTERVENTIONS)}
REQUIRED_ASPECTS = ("recidive", "financieel_voordeel")  # named by the LHSO itself
CELLS = tuple(f"{b}{c}" for b in BEHAVIOURS for c in CONSEQUENCES)


class RuleError(ValueError):
    """Input the rule refuses, in Dutch, naming the input it is about (`field`: consequences, behaviour, aspects,
    mitigating, chosen or reasons) so that a caller puts the message next to it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def labels(interventions: Iterable[str]) -> str:
    """The interventions as the Dutch text says them: "waarschuwing met hersteltermijn, last onder dwangsom"."""
    return ", ".join(INTERVENTION_LABELS.get(i, i) for i in interventions)


def cell_name(consequences: int, behaviour: str) -> str:
    return f"{behaviour}{consequences}"


def ordered(interventions: Iterable[str]) -> tuple[str, ...]:
    """Known interventions without duplicates, light to heavy."""
    return tuple(sorted(set(interventions), key=RANK.__getitem__))


def _heaviest(interventions: Sequence[str]) -> int:
    return max(RANK[i] for i in interventions)


def _heavier_neighbours(cell: str) -> list[str]:
    """The cells one step heavier: one more on the consequences axis, one later on the behaviour axis."""
    behaviour, consequences = cell[0], int(cell[1])
    neighbours = []
    if consequences < CONSEQUENCES[-1]:
        neighbours.append(cell_name(consequences + 1, behaviour))
    if behaviour != BEHAVIOURS[-1]:
        neighbours.append(cell_name(consequences, BEHAVIOURS[BEHAVIOURS.index(behaviour) + 1]))
    return neighbours


@dataclass(frozen=True)
class LhsoTable:
    """The configurable part of the LHSO: interventions per cell, aspects and when consultation is indicated.

    `aspects` and `mitigating` map a code to its Dutch label. Consultation with police and OM is indicated for a
    behaviour in `consultation_behaviours`, consequences in `consultation_consequences`, a cell holding a criminal
    intervention, or at least `consultation_min_aspects` aggravating aspects net of mitigating circumstances.
    Construction validates everything and raises one ValueError listing every problem, in Dutch.
    """

    cells: Mapping[str, tuple[str, ...]]
    aspects: Mapping[str, str]
    mitigating: Mapping[str, str] = field(default_factory=dict)
    consultation_behaviours: frozenset[str] = frozenset({"C", "D"})
    consultation_consequences: frozenset[int] = frozenset({4})
    consultation_min_aspects: int = 2

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise ValueError("Ongeldige LHSO-tabel: " + "; ".join(problems) + ".")
        object.__setattr__(self, "cells", {cell: ordered(self.cells[cell]) for cell in CELLS})

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data, the form in which an organisation's table versions are stored."""
        return {
            "cells": {cell: list(self.cells[cell]) for cell in CELLS},
            "aspects": dict(self.aspects),
            "mitigating": dict(self.mitigating),
            "consultation": {
                "behaviours": sorted(self.consultation_behaviours),
                "consequences": sorted(self.consultation_consequences),
                "min_aspects": self.consultation_min_aspects,
            },
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "LhsoTable":
        """The inverse of `to_dict`; malformed data raises a Dutch ValueError."""
        try:
            consultation = data.get("consultation", {})
            fields: dict[str, Any] = {
                "cells": {str(cell): tuple(str(i) for i in items) for cell, items in dict(data["cells"]).items()},
                "aspects": {str(k): str(v) for k, v in dict(data["aspects"]).items()},
                "mitigating": {str(k): str(v) for k, v in dict(data.get("mitigating", {})).items()},
                "consultation_behaviours": frozenset(str(b) for b in consultation.get("behaviours", ("C", "D"))),
                "consultation_consequences": frozenset(int(c) for c in consultation.get("consequences", (4,))),
                "consultation_min_aspects": int(consultation.get("min_aspects", 2)),
            }
        except KeyError as missing:
            raise ValueError(f"Ongeldige LHSO-tabel: onderdeel {missing} ontbreekt.") from None
        except (TypeError, AttributeError, ValueError):
            raise ValueError("Ongeldige LHSO-tabel: cellen, aspecten en afstemming in de verkeerde vorm.") from None
        return cls(**fields)


def _problems(table: LhsoTable) -> list[str]:
    problems = []
    if set(table.cells) != set(CELLS):
        problems.append(f"de cellen zijn precies {CELLS[0]} tot en met {CELLS[-1]}")
        return problems
    for cell in CELLS:
        unknown = [i for i in table.cells[cell] if i not in RANK]
        if unknown:
            problems.append(f"cel {cell} kent onbekende interventie(s) {', '.join(unknown)}")
        elif not table.cells[cell]:
            problems.append(f"cel {cell} heeft geen interventie")
    if not problems:
        for cell in CELLS:
            for heavier in _heavier_neighbours(cell):
                if _heaviest(table.cells[heavier]) < _heaviest(table.cells[cell]):
                    light = INTERVENTIONS[_heaviest(table.cells[heavier])]
                    needed = INTERVENTIONS[_heaviest(table.cells[cell])]
                    problems.append(
                        f"cel {heavier} is zwaarder dan {cell} maar haar zwaarste interventie ({light}) is lichter "
                        f"dan die van {cell} ({needed})"
                    )
    missing = [a for a in REQUIRED_ASPECTS if a not in table.aspects]
    if missing:
        problems.append(f"de verzwarende aspecten omvatten ten minste {', '.join(missing)}")
    if set(table.aspects) & set(table.mitigating):
        problems.append("een omstandigheid is niet tegelijk verzwarend en verzachtend")
    if not table.consultation_behaviours <= set(BEHAVIOURS):
        problems.append("afstemming per gedrag kent alleen A, B, C en D")
    if not table.consultation_consequences <= set(CONSEQUENCES):
        problems.append("afstemming per gevolg kent alleen 1, 2, 3 en 4")
    if table.consultation_min_aspects < 1:
        problems.append("het aantal verzwarende aspecten voor afstemming is ten minste 1")
    return problems


# Default: restorative interventions grow with the consequences, punitive ones with the behaviour (C: the calculating
# offender loses the advantage, D: criminal law). Monotone by construction; checked by LhsoTable like any other.
DEFAULT_TABLE = LhsoTable(
    cells={
        "A1": ("inform",),
        "A2": ("address",),
        "A3": ("warning", "last_onder_dwangsom"),
        "A4": ("last_onder_dwangsom", "last_onder_bestuursdwang"),
        "B1": ("address",),
        "B2": ("warning",),
        "B3": ("warning", "last_onder_dwangsom"),
        "B4": ("last_onder_dwangsom", "last_onder_bestuursdwang", "bestuurlijke_boete"),
        "C1": ("warning", "bestuurlijke_strafbeschikking"),
        "C2": ("last_onder_dwangsom", "bestuurlijke_strafbeschikking"),
        "C3": ("last_onder_dwangsom", "bestuurlijke_boete", "bestuurlijke_strafbeschikking"),
        "C4": ("last_onder_bestuursdwang", "suspension", "proces_verbaal"),
        "D1": ("last_onder_dwangsom", "proces_verbaal"),
        "D2": ("last_onder_dwangsom", "proces_verbaal"),
        "D3": ("last_onder_bestuursdwang", "revocation", "proces_verbaal"),
        "D4": ("last_onder_bestuursdwang", "closure", "proces_verbaal"),
    },
    aspects={
        "recidive": "recidive",
        "financieel_voordeel": "financieel voordeel",
        "hoedanigheid_overtreder": "hoedanigheid of voorbeeldfunctie van de overtreder",
        "belemmering_toezicht": "belemmering van het toezicht",
        "bijzondere_omstandigheden": "bijzondere omstandigheden (bedreiging, valsheid in geschrift, fraude)",
    },
    mitigating={
        "zelfmelding": "de overtreder meldde de overtreding zelf",
        "direct_herstel": "de overtreding is direct hersteld",
    },
)


@dataclass(frozen=True)
class Decision:
    """Step 5: what was decided for one finding, ready to store (`to_dict`)."""

    cell: str
    aspects: tuple[str, ...]
    mitigating: tuple[str, ...]
    consultation_indicated: bool
    advised: tuple[str, ...]
    chosen: tuple[str, ...]
    deviations: tuple[str, ...]
    reasons: str

    @property
    def deviates(self) -> bool:
        return bool(self.deviations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "aspects": list(self.aspects),
            "mitigating": list(self.mitigating),
            "consultation_indicated": self.consultation_indicated,
            "advised": list(self.advised),
            "chosen": list(self.chosen),
            "deviates": self.deviates,
            "deviations": list(self.deviations),
            "reasons": self.reasons,
        }


@dataclass(frozen=True)
class Classification:
    """Steps 1-4 for one finding: the cell, its interventions, the aspects and whether to consult police and OM."""

    consequences: int
    behaviour: str
    interventions: tuple[str, ...]
    aspects: tuple[str, ...]
    mitigating: tuple[str, ...]
    consultation_reasons: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def cell(self) -> str:
        return cell_name(self.consequences, self.behaviour)

    @property
    def punitive(self) -> tuple[str, ...]:
        return tuple(i for i in self.interventions if i in PUNITIVE)

    @property
    def consultation_indicated(self) -> bool:
        return bool(self.consultation_reasons)

    def record(self, chosen: Iterable[str], reasons: str = "") -> Decision:
        """Step 5. Choosing other interventions than the cell's (more, fewer or different) is a deviation that the
        LHSO allows only with recorded reasons."""
        chosen = tuple(chosen)
        unknown = [i for i in chosen if i not in RANK]
        if unknown:
            raise RuleError(
                "chosen", f"Onbekende interventie {', '.join(unknown)}; kies uit {', '.join(INTERVENTIONS)}."
            )
        if not chosen:
            raise RuleError("chosen", "Kies ten minste één interventie.")
        picked = ordered(chosen)
        deviations = [f"niet in cel {self.cell}: {labels([i])}" for i in picked if i not in self.interventions]
        deviations += [f"weggelaten uit cel {self.cell}: {labels([i])}" for i in self.interventions if i not in picked]
        if deviations and not reasons.strip():
            raise RuleError(
                "reasons",
                f"Afwijken van de interventies van cel {self.cell} ({labels(self.interventions)}) vraagt een "
                f"motivering ({'; '.join(deviations)}).",
            )
        return Decision(
            cell=self.cell,
            aspects=self.aspects,
            mitigating=self.mitigating,
            consultation_indicated=self.consultation_indicated,
            advised=self.interventions,
            chosen=picked,
            deviations=tuple(deviations),
            reasons=reasons.strip(),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "consequences": self.consequences,
            "behaviour": self.behaviour,
            "interventions": list(self.interventions),
            "punitive": list(self.punitive),
            "consultation_indicated": self.consultation_indicated,
            "consultation_reasons": list(self.consultation_reasons),
            "aspects": list(self.aspects),
            "mitigating": list(self.mitigating),
            "reasons": list(self.reasons),
        }


def _known(names: Iterable[str], known: Mapping[str, str], unknown_kind: str, field: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(names))
    unknown = [n for n in names if n not in known]
    if unknown:
        raise RuleError(field, f"{unknown_kind} '{unknown[0]}'; kies uit: {', '.join(known)}.")
    return names


def classify(
    consequences: int,
    behaviour: str,
    aspects: Iterable[str] = (),
    mitigating: Iterable[str] = (),
    table: LhsoTable = DEFAULT_TABLE,
) -> Classification:
    """Steps 1-4 of the LHSO for one finding; bad input raises a Dutch RuleError naming the argument."""
    if isinstance(consequences, bool) or consequences not in CONSEQUENCES:
        raise RuleError("consequences", f"Gevolgen zijn 1, 2, 3 of 4, niet '{consequences}'.")
    letter = behaviour.strip().upper() if isinstance(behaviour, str) else ""
    if letter not in BEHAVIOURS:
        raise RuleError("behaviour", f"Gedrag is A, B, C of D, niet '{behaviour}'.")
    aggravating = _known(aspects, table.aspects, "Onbekend verzwarend aspect", "aspects")
    easing = _known(mitigating, table.mitigating, "Onbekende verzachtende omstandigheid", "mitigating")
    cell = cell_name(consequences, letter)
    interventions = table.cells[cell]
    reasons = [
        f"cel {cell}: gedrag {letter} ({BEHAVIOUR_LABELS[letter]}), gevolgen {consequences} "
        f"({CONSEQUENCE_LABELS[consequences]}): {labels(interventions)}"
    ]
    reasons += [f"verzwarend: {table.aspects[a]}" for a in aggravating]
    reasons += [f"verzachtend: {table.mitigating[m]}" for m in easing]
    consult = []
    if letter in table.consultation_behaviours:
        consult.append(f"gedrag {letter} ({BEHAVIOUR_LABELS[letter]})")
    if consequences in table.consultation_consequences:
        consult.append(f"gevolgen {consequences} ({CONSEQUENCE_LABELS[consequences]})")
    if CRIMINAL & set(interventions):
        consult.append(f"cel {cell} bevat een strafrechtelijke interventie")
    weight = len(aggravating) - len(easing)
    if weight >= table.consultation_min_aspects:
        consult.append(f"{len(aggravating)} verzwarende aspecten, {len(easing)} verzachtende omstandigheden")
    reasons.append(
        "afstemming met politie en OM aangewezen: " + "; ".join(consult)
        if consult
        else "afstemming met politie en OM niet aangewezen"
    )
    return Classification(consequences, letter, interventions, aggravating, easing, tuple(consult), tuple(reasons))
