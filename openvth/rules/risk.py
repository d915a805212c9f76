"""Risk appraisal and inspection frequency in the style of IMPEL IRAM (domain-rules §3).

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
from enum import IntEnum

from openvth.rules.terms import add_months

IED_MAX_MONTHS, IED_HIGHEST_MAX_MONTHS = 36, 12
BRZO_MAX_MONTHS = {"upper": 12, "lower": 36}
SERIOUS_VIOLATION_REVISIT_MONTHS = 6
SCORE_RANGE = range(0, 4)  # every criterion: 0 none, 1 low, 2 medium, 3 high


class Category(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    HIGHEST = 4


IMPACT_CRITERIA = ("emissions_air", "emissions_water", "soil_and_waste", "noise_and_odour", "surroundings", "accident")
PERFORMANCE_CRITERIA = ("compliance", "management_system")


@dataclass(frozen=True)
class RiskTable:
    """The configurable part: weights per criterion, the score bounds of each category and its interval."""

    impact_weights: Mapping[str, float]
    performance_weights: Mapping[str, float]
    category_thresholds: tuple[float, float, float]  # lowest score of MEDIUM, HIGH, HIGHEST
    interval_months: Mapping[Category, int]

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
)


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
    impact = sum(table.impact_weights[c] * risk.impact[c] for c in IMPACT_CRITERIA)
    if risk.brzo_tier:
        impact += table.impact_weights["accident"] * (3 if risk.brzo_tier == "upper" else 2)
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


def next_due(
    appraisal: Appraisal, *, last_visit: date | None, last_serious_violation: date | None, today: date
) -> tuple[date, str]:
    """The date the next site visit is due, and why."""
    due, why = (
        (add_months(last_visit, appraisal.interval_months), "interval") if last_visit else (today, "nooit bezocht")
    )
    if last_serious_violation and (last_visit is None or last_serious_violation >= last_visit):
        revisit = add_months(last_serious_violation, SERIOUS_VIOLATION_REVISIT_MONTHS)
        if revisit < due:
            due, why = revisit, "extra bezoek binnen 6 maanden na ernstige overtreding (RIE art. 23 lid 4)"
    return due, why
