"""Risk appraisal and inspection frequency in the style of IMPEL IRAM (docs/domain.md §3).

Impact criteria (emissions, sensitivity of the surroundings, accident risk, Brzo tier) and operator-performance
criteria (compliance record, certified management system) are scored, weighted by a configurable table and
combined into a risk category with an inspection interval. Whatever the table says, the legal bounds hold:

- IED art. 23(4): site visits at most 1 year apart for the highest risk category, at most 3 years for the lowest;
  an additional site visit within 6 months after an inspection that found a serious non-compliance.
- Seveso III art. 20(4) (Brzo 2015 art. 24): upper-tier establishments at least yearly, lower-tier at least every
  3 years.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any, NamedTuple

from openvth.rules.terms import add_months

IED_MAX_MONTHS, IED_HIGHEST_MAX_MONTHS = 36, 12
BRZO_MAX_MONTHS = {"upper": 12, "lower": 36}
SERIOUS_VIOLATION_REVISIT_MONTHS = 6
SCORE_RANGE = range(0, 4)  # every criterion: 0 none, 1 low, 2 medium, 3 high


class DueKind(StrEnum):
    """Why the next visit is due when it is: the code stored with an appraisal and compared; DUE_LABELS say it."""

    INTERVAL = "interval"  # the interval of the category after the last visit
    NEVER_VISITED = "never_visited"  # at once
    REVISIT = "revisit"  # within 6 months after a serious violation (RIE art. 23(4))


DUE_LABELS = {
    DueKind.INTERVAL: "interval {months} maanden",
    DueKind.NEVER_VISITED: "nooit bezocht",
    DueKind.REVISIT: "extra bezoek binnen 6 maanden na ernstige overtreding (RIE art. 23 lid 4)",
}


def due_label(kind: DueKind | str, interval_months: int) -> str:
    """The Dutch reason for a due date of `kind` (the interval named in months)."""
    return DUE_LABELS[DueKind(kind)].format(months=interval_months)


class Due(NamedTuple):
    """When the next visit is due, the code of why, and the reason in words."""

    day: date
    kind: DueKind
    reason: str


class Category(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    HIGHEST = 4


IMPACT_CRITERIA = ("emissions_air", "emissions_water", "soil_and_waste", "noise_and_odour", "surroundings", "accident")
PERFORMANCE_CRITERIA = ("compliance", "management_system")
ACTIVITY_CRITERIA = IMPACT_CRITERIA[:4] + ("accident",)  # scored per activity type; surroundings per site
CRITERION_LABELS = {
    "emissions_air": "emissies naar lucht",
    "emissions_water": "emissies naar water",
    "soil_and_waste": "bodem en afval",
    "noise_and_odour": "geluid en geur",
    "surroundings": "gevoeligheid van de omgeving",
    "accident": "risico op ongevallen",
    "compliance": "nalevingsgedrag",
}
LEVEL_LABELS = ("geen", "laag", "middel", "hoog")
BRZO_ACCIDENT_SCORE = {"lower": 2, "upper": 3}  # a Seveso establishment's accident risk is at least medium

SERIOUS_CONSEQUENCES = 3  # LHSO consequences 3 (significant) and 4 (considerable): a serious non-compliance

# Compliance record (IED art. 23(4)(b); IRAM "operator performance"): the findings of the last 5 years, a serious
# one (LHSO consequences 3-4) weighing 3, another 1; the points give the score 0-3 by these lower bounds.
COMPLIANCE_YEARS = 5
SERIOUS_WEIGHT = 3
COMPLIANCE_POINTS = (1, 3, 6)  # lowest points for score 1, 2, 3


@dataclass(frozen=True)
class RiskTable:
    """The configurable part: weights per criterion, the score bounds of each category and its interval."""

    impact_weights: Mapping[str, float]
    performance_weights: Mapping[str, float]
    category_thresholds: tuple[float, float, float]  # lowest score of MEDIUM, HIGH, HIGHEST
    interval_months: Mapping[Category, int]
    visit_hours: Mapping[Category, float] = field(
        default_factory=lambda: {Category.LOW: 4.0, Category.MEDIUM: 6.0, Category.HIGH: 8.0, Category.HIGHEST: 16.0}
    )

    def __post_init__(self) -> None:
        if set(self.impact_weights) != set(IMPACT_CRITERIA):
            raise ValueError(f"Gewichten nodig voor precies de impactcriteria {', '.join(IMPACT_CRITERIA)}.")
        if set(self.performance_weights) != set(PERFORMANCE_CRITERIA):
            raise ValueError(f"Gewichten nodig voor precies {', '.join(PERFORMANCE_CRITERIA)}.")
        if any(w < 0 for w in (*self.impact_weights.values(), *self.performance_weights.values())):
            raise ValueError("Gewichten zijn niet negatief.")
        if list(self.category_thresholds) != sorted(self.category_thresholds):
            raise ValueError("De grenzen van de risicocategorieën lopen op.")
        if set(self.interval_months) != set(Category) or any(m < 1 for m in self.interval_months.values()):
            raise ValueError("Elke risicocategorie heeft een interval van ten minste 1 maand.")
        if set(self.visit_hours) != set(Category) or any(not 0 < h <= 1000 for h in self.visit_hours.values()):
            raise ValueError("Elke risicocategorie heeft een bezoekduur tussen 0 en 1000 uur.")


# Default table (basis: IMPEL IRAM guidance; intervals within the IED bounds of art. 23(4)).
DEFAULT_TABLE = RiskTable(
    impact_weights={
        "emissions_air": 1.0,
        "emissions_water": 1.0,
        "soil_and_waste": 0.75,
        "noise_and_odour": 0.5,
        "surroundings": 1.0,
        "accident": 1.25,
    },
    performance_weights={"compliance": 1.0, "management_system": 0.5},
    category_thresholds=(4.0, 8.0, 12.0),
    interval_months={Category.LOW: 60, Category.MEDIUM: 36, Category.HIGH: 24, Category.HIGHEST: 12},
    # hours of one site visit with preparation and report (basis: the norm times of the services' programmes)
    visit_hours={Category.LOW: 4.0, Category.MEDIUM: 6.0, Category.HIGH: 8.0, Category.HIGHEST: 16.0},
)


def table_to_dict(table: RiskTable) -> dict[str, Any]:
    """The table as stored (JSON): categories as the strings "1".."4"."""
    return {
        "impact_weights": dict(table.impact_weights),
        "performance_weights": dict(table.performance_weights),
        "category_thresholds": list(table.category_thresholds),
        "interval_months": {str(c.value): m for c, m in table.interval_months.items()},
        "visit_hours": {str(c.value): h for c, h in table.visit_hours.items()},
    }


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} is geen getal: {value!r}.")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{name} is geen eindig getal.")
    return float(value)


def _per_category(data: object, name: str) -> dict[Category, float]:
    if not isinstance(data, dict) or set(data) != {str(c.value) for c in Category}:
        raise ValueError(f"{name} nodig voor precies de risicocategorieën 1, 2, 3 en 4.")
    return {Category(int(key)): _number(value, f"{name} van categorie {key}") for key, value in data.items()}


def table_from_dict(data: object) -> RiskTable:
    """A stored or entered table, checked completely; raises ValueError with a Dutch message."""
    if not isinstance(data, dict):
        raise ValueError("Een risicotabel is een object met gewichten, grenzen, intervallen en bezoekduren.")
    missing = {"impact_weights", "performance_weights", "category_thresholds", "interval_months"} - set(data)
    if missing:
        raise ValueError(f"De risicotabel mist {', '.join(sorted(missing))}.")
    weights = {}
    for part in ("impact_weights", "performance_weights"):
        if not isinstance(data[part], dict):
            raise ValueError(f"{part} is een object met een gewicht per criterium.")
        weights[part] = {str(k): _number(v, f"Gewicht van {k}") for k, v in data[part].items()}
    thresholds = data["category_thresholds"]
    if not isinstance(thresholds, list | tuple) or len(thresholds) != 3:
        raise ValueError("Er zijn precies 3 categoriegrenzen (laagste score van categorie 2, 3 en 4).")
    low, mid, high = (_number(t, "Categoriegrens") for t in thresholds)
    intervals = _per_category(data["interval_months"], "Intervallen")
    if any(m != int(m) for m in intervals.values()):
        raise ValueError("Intervallen zijn hele maanden.")
    hours = _per_category(data.get("visit_hours", table_to_dict(DEFAULT_TABLE)["visit_hours"]), "Bezoekduren")
    return RiskTable(
        impact_weights=weights["impact_weights"],
        performance_weights=weights["performance_weights"],
        category_thresholds=(low, mid, high),
        interval_months={c: int(m) for c, m in intervals.items()},
        visit_hours=hours,
    )


def compliance_score(*, minor: int, serious: int) -> int:
    """Compliance record 0-3 from the number of findings in the last COMPLIANCE_YEARS years."""
    points = minor + SERIOUS_WEIGHT * serious
    return sum(points >= bound for bound in COMPLIANCE_POINTS)


@dataclass(frozen=True)
class EstablishmentRisk:
    """What the appraisal needs to know of one establishment; scores 0-3 per criterion."""

    impact: Mapping[str, int]
    compliance: int  # 0 good record .. 3 repeated serious violations
    certified_management_system: bool  # EMAS or ISO 14001
    ied: bool = False
    brzo_tier: str = ""  # "", "lower" or "upper"


@dataclass(frozen=True)
class Appraisal:
    score: float
    category: Category
    interval_months: int
    reasons: list[str] = field(default_factory=list)


def _check_scores(risk: EstablishmentRisk) -> None:
    if set(risk.impact) != set(IMPACT_CRITERIA):
        raise ValueError(f"Scores nodig voor precies de impactcriteria {', '.join(IMPACT_CRITERIA)}.")
    for name, score in [*risk.impact.items(), ("compliance", risk.compliance)]:
        if score not in SCORE_RANGE:
            raise ValueError(f"Score van {name} ligt tussen 0 en 3, niet {score}.")
    if risk.brzo_tier not in BRZO_MAX_MONTHS and risk.brzo_tier != "":
        raise ValueError(f"Brzo-categorie is leeg, 'lower' of 'upper', niet '{risk.brzo_tier}'.")


def appraise(risk: EstablishmentRisk, table: RiskTable = DEFAULT_TABLE) -> Appraisal:
    """Impact × operator performance → score → category → interval, then the legal bounds."""
    _check_scores(risk)
    scores = dict(risk.impact)
    # the Brzo tier sets the accident risk at least (Brzo 2015: the tier follows the quantities of dangerous substances)
    scores["accident"] = max(scores["accident"], BRZO_ACCIDENT_SCORE.get(risk.brzo_tier, 0))
    impact = sum(table.impact_weights[c] * scores[c] for c in IMPACT_CRITERIA)
    # performance scales impact between 0.5 (exemplary operator) and 1.5 (poor record, no management system)
    performance = table.performance_weights["compliance"] * risk.compliance / 3 + table.performance_weights[
        "management_system"
    ] * (0 if risk.certified_management_system else 1)
    performance_max = sum(table.performance_weights.values()) or 1.0
    score = round(impact * (0.5 + performance / performance_max), 2)
    category = Category.LOW
    for threshold, candidate in zip(table.category_thresholds, list(Category)[1:], strict=True):
        if score >= threshold:
            category = candidate
    interval = table.interval_months[category]
    reasons = [f"score {score} → categorie {category.value}: interval {interval} maanden volgens de risicotabel"]
    reasons += [
        f"{CRITERION_LABELS[c]}: {LEVEL_LABELS[scores[c]]} ({scores[c]})" for c in IMPACT_CRITERIA if scores[c] >= 2
    ]
    if risk.compliance:
        reasons.append(f"nalevingsgedrag: {LEVEL_LABELS[risk.compliance]} ({risk.compliance})")
    if risk.certified_management_system:
        reasons.append("gecertificeerd milieuzorgsysteem (EMAS of ISO 14001) verlaagt de score")
    bounds: list[tuple[int, str]] = []
    if risk.ied:
        bounds.append((IED_MAX_MONTHS, "IED-installatie: ten minste elke 3 jaar (RIE art. 23 lid 4)"))
        if category is Category.HIGHEST:
            bounds.append((IED_HIGHEST_MAX_MONTHS, "IED, hoogste risico: ten minste jaarlijks (RIE art. 23 lid 4)"))
    if risk.brzo_tier:
        label = "hogedrempel: jaarlijks" if risk.brzo_tier == "upper" else "lagedrempel: ten minste elke 3 jaar"
        bounds.append((BRZO_MAX_MONTHS[risk.brzo_tier], f"Brzo-{label} (Seveso III art. 20 lid 4)"))
    for months, reason in bounds:
        if months < interval:
            interval = months
            reasons.append(reason)
    return Appraisal(score, category, interval, reasons)


def next_due(appraisal: Appraisal, *, last_visit: date | None, last_serious_violation: date | None, today: date) -> Due:
    """The date the next site visit is due, and why (a DueKind and its words)."""
    if last_visit:
        due, kind = add_months(last_visit, appraisal.interval_months), DueKind.INTERVAL
    else:
        due, kind = today, DueKind.NEVER_VISITED
    if last_serious_violation and (last_visit is None or last_serious_violation >= last_visit):
        revisit = add_months(last_serious_violation, SERIOUS_VIOLATION_REVISIT_MONTHS)
        if revisit < due:
            due, kind = revisit, DueKind.REVISIT
    return Due(due, kind, due_label(kind, appraisal.interval_months))
