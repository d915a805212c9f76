"""Reads of the IBP VTH programme monitor, always through the scoping layer."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

from openvth.accounts.models import Role
from openvth.core.history import history_of
from openvth.core.routers import replica_reads
from openvth.rules.ibp_table import PILLARS

from . import charts as charts_module
from . import kpis, quality
from .models import KpiValue, ProgrammeAction, ProgrammeReport, QualityScore

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


# --- data quality and KPIs ------------------------------------------------------------------------------------------

COUNTRY_ROLES = (Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR)
TREND_POINTS = 12  # the last measurements a trend shows


def sees_country(user) -> bool:
    """The national figures are for the ministry's programme office (and administrators); an organisation reads its
    own."""
    return bool(user.is_authenticated and (user.is_superuser or user.role in COUNTRY_ROLES))


def _subjects(user) -> list[tuple[int | None, str]]:
    """The organisations whose figures the user reads: their own, and the country (None) for the programme office."""
    subjects: list[tuple[int | None, str]] = []
    if user.is_authenticated and user.organisation_id is not None:
        subjects.append((user.organisation_id, str(user.organisation)))
    if sees_country(user):
        subjects.append((None, _("Nederland")))
    return subjects


def _rows(model, user) -> QuerySet:
    own = model.objects.visible_to(user)
    return (own | model.objects.filter(organisation__isnull=True)) if sees_country(user) else own


def last_measured(user) -> date | None:
    return _rows(QualityScore, user).aggregate(last=Max("measured_on"))["last"]


@dataclass(frozen=True)
class RuleScores:
    rule: quality.Rule
    trends: list[tuple[str, list[QualityScore]]]  # per subject: its scores, oldest first; the last is the current


def quality_scores(user) -> list[RuleScores]:
    dates = list(
        _rows(QualityScore, user)
        .order_by("-measured_on")
        .values_list("measured_on", flat=True)
        .distinct()[:TREND_POINTS]
    )
    found: dict[tuple[str, int | None], list[QualityScore]] = {}
    for score in _rows(QualityScore, user).filter(measured_on__in=dates).order_by("measured_on"):
        found.setdefault((score.rule, score.organisation_id), []).append(score)
    return [
        RuleScores(rule, [(label, found.get((rule.code, org), [])) for org, label in _subjects(user)])
        for rule in quality.RULES
    ]


def failing_records(user, rule: quality.Rule, *, today: date) -> QuerySet:
    """The failing records the user's organisation owns: the records its score counts."""
    kind = rule.record_type
    records = kind.model.objects.visible_to(user)
    if user.organisation_id is not None:
        records = records.filter(**{kind.owner: user.organisation_id})
    return records.filter(rule.failing(today)).order_by("pk")


@dataclass(frozen=True)
class KpiRow:
    kpi: kpis.Kpi
    values: list[tuple[str, int, KpiValue | None]]  # (subject, year, value)


def kpi_rows(user) -> tuple[list[int], list[KpiRow]]:
    """The KPIs of the last measurement for the user's subjects, the years it measured (oldest first)."""
    last = _rows(KpiValue, user).aggregate(last=Max("measured_on"))["last"]
    found = {(v.kpi, v.organisation_id, v.year): v for v in _rows(KpiValue, user).filter(measured_on=last)}
    years = sorted({year for _kpi, _org, year in found})
    subjects = _subjects(user)
    return years, [
        KpiRow(kpi, [(label, year, found.get((kpi.code, org, year))) for org, label in subjects for year in years])
        for kpi in kpis.KPIS
    ]


def organisation_kpis(user, year: int) -> list[tuple[kpis.Kpi, list[tuple[str, float]]]]:
    """For the programme office: each KPI of `year` per organisation of the last measurement, best first."""
    if not sees_country(user):
        return []
    last = KpiValue.objects.aggregate(last=Max("measured_on"))["last"]
    values = (
        KpiValue.objects.filter(measured_on=last, year=year, organisation__isnull=False, value__isnull=False)
        .select_related("organisation")
        .order_by("-value", "organisation__name")
    )
    per_kpi: dict[str, list[tuple[str, float]]] = {}
    for v in values:
        per_kpi.setdefault(v.kpi, []).append((v.organisation.name, v.value))
    return [(kpi, per_kpi.get(kpi.code, [])) for kpi in kpis.KPIS]


STAAT_TEMPLATE = "monitoring/staat.html"  # the Staat van de VTH as PDF (its content also in staat_page.html)


@replica_reads()
def staat_context(user, *, printed_on: date) -> dict:
    """The Staat van de VTH over the two years of the last measurement: the KPIs with a chart each, the data quality
    of the last measurement, and for the programme office each KPI per organisation."""
    years, rows = kpi_rows(user)
    charts = []
    for row in rows:
        bars = [(f"{year} {label}", v.value) for label, year, v in row.values if v is not None and v.value is not None]
        percent = row.kpi.unit == kpis.Unit.PERCENT
        if bars and row.kpi.unit != kpis.Unit.COUNT:
            chart = charts_module.bar_chart(
                str(row.kpi.label), bars, maximum=100 if percent else None, unit="%" if percent else ""
            )
            charts.append((row, chart))
    from openvth.quality.selectors import staat_chapter as quality_chapter  # quality reads monitoring: not at the top

    scores = quality_scores(user)
    latest = [(str(r.rule.description), s[-1].score) for r in scores for _label, s in r.trends[-1:] if s]
    per_organisation = [
        (kpi, charts_module.bar_chart(str(kpi.label), values[:15]))
        for kpi, values in (organisation_kpis(user, years[-1]) if years else [])
        if values
    ]
    return {
        "years": years,
        "rows": rows,
        "charts": charts,
        "quality_chart": charts_module.bar_chart(_("Datakwaliteit per regel"), latest, maximum=100, unit="%"),
        "per_organisation": per_organisation,
        "measured_on": last_measured(user),
        "printed_on": printed_on,
        "quality_chapter": quality_chapter(user),  # visitations and ILT investigations (openvth.quality)
    }
