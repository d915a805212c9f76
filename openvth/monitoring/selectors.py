"""Reads of the IBP VTH programme monitor, always through the scoping layer."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from openvth.core.history import history_of
from openvth.rules.ibp_table import PILLARS

from .models import ProgrammeAction, ProgrammeReport

# the fields of an action in the export and the API, as the issue names them
ACTION_FIELDS = (
    "recommendation",
    "recommendation_title",
    "pillar",
    "action",
    "planning",
    "progress",
    "status",
    "status_reason",
    "explanation",
    "revised_planning",
)
REPORT_TEMPLATE = "monitoring/report_print.html"  # the overview as HTML file and PDF
DIFF_FIELDS = ("status", "planning", "revised_planning")  # what "changed between two reports" compares


def reports(user) -> QuerySet[ProgrammeReport]:
    return ProgrammeReport.objects.visible_to(user)


def latest_report(user) -> ProgrammeReport | None:
    return reports(user).first()


def actions(user, report: ProgrammeReport | None = None) -> QuerySet[ProgrammeAction]:
    found = ProgrammeAction.objects.visible_to(user).select_related("report")
    return found.filter(report=report) if report is not None else found


def action_rows(user, report: ProgrammeReport) -> list[dict]:
    """The actions of a report as plain values (the export)."""
    return list(actions(user, report).values(*ACTION_FIELDS))


def pillar_label(pillar: str) -> str:
    name = PILLARS.get(pillar)
    return f"Pijler {pillar}: {name}" if name else pillar


@dataclass
class PillarGroup:
    pillar: str
    label: str
    actions: list[ProgrammeAction] = field(default_factory=list)


@dataclass
class RecommendationGroup:
    number: int
    title: str
    pillars: list[PillarGroup] = field(default_factory=list)


def overview(found: QuerySet[ProgrammeAction]) -> list[RecommendationGroup]:
    """The actions per recommendation, and within it per pillar in the order of the table (the annex's layout)."""
    groups: list[RecommendationGroup] = []
    for action in found.order_by("recommendation", "position"):
        if not groups or groups[-1].number != action.recommendation:
            groups.append(RecommendationGroup(action.recommendation, action.recommendation_title))
        pillars = groups[-1].pillars
        if not pillars or pillars[-1].pillar != action.pillar:
            pillars.append(PillarGroup(action.pillar, pillar_label(action.pillar)))
        pillars[-1].actions.append(action)
    return groups


def status_counts(found: QuerySet[ProgrammeAction]) -> list[tuple[str, str, int]]:
    """(status, label, number of actions) for every status, in the legend's order."""
    counts = Counter(found.values_list("status", flat=True))
    return [(value, label, counts[value]) for value, label in ProgrammeAction.Status.choices]


def pillars(report: ProgrammeReport) -> list[tuple[str, str]]:
    values = report.actions.order_by("recommendation", "position").values_list("pillar", flat=True)
    return [(pillar, pillar_label(pillar)) for pillar in dict.fromkeys(values)]


def report_context(user, report: ProgrammeReport, *, printed_on) -> dict:
    """What the printable overview of a report shows: the legend with counts and the actions per recommendation."""
    found = actions(user, report)
    return {
        "report": report,
        "legend": status_counts(found),
        "groups": overview(found),
        "total": found.count(),
        "printed_on": printed_on,
    }


def action_history(action: ProgrammeAction):
    return history_of(action)


@dataclass(frozen=True)
class DiffRow:
    recommendation: int
    action: str
    old: ProgrammeAction | None  # None: new in the later report
    new: ProgrammeAction | None  # None: no longer in the later report
    changed: tuple[str, ...]  # of DIFF_FIELDS


def _key(action: ProgrammeAction) -> tuple[int, str]:
    # an action is the same action in two reports when its recommendation and text are the same
    return action.recommendation, " ".join(action.action.split())


def report_diff(user, older: ProgrammeReport, newer: ProgrammeReport) -> list[DiffRow]:
    """What changed from one report to the next: status and planning of the actions in both, and the actions
    that came or went."""
    before = {_key(a): a for a in actions(user, older)}
    after = {_key(a): a for a in actions(user, newer)}
    rows = []

    def order(key: tuple[int, str]) -> tuple[int, int]:
        return key[0], (after.get(key) or before[key]).position

    for key in sorted(before.keys() | after.keys(), key=order):
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None:
            changed = tuple(name for name in DIFF_FIELDS if getattr(old, name) != getattr(new, name))
            if not changed:
                continue
        else:
            changed = DIFF_FIELDS
        rows.append(DiffRow(key[0], (new or old).action, old, new, changed))
    return rows
