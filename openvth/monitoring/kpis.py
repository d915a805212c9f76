"""The KPIs of the Staat van de VTH, per organisation and for the country, over one calendar year.

Each KPI is a row of KPIS whose `measure(year, today)` returns {organisation id: Measure} with None for the country.
Counts are grouped COUNTs in the database; the country is its own ungrouped query, so an establishment counted by
two organisations counts once nationally. Two exceptions read rows: the median lead time (no portable median in
SQL; one integer per closed case) and the permit term (openvth.permits.selectors.application_term: suspensions,
extension and the Algemene termijnenwet, the one place that knows them; the decisions of one year).
"""

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from openvth.disclosure.models import Publication
from openvth.enforcement.models import EnforcementCase
from openvth.permits.models import Application
from openvth.permits.selectors import application_term, penalty_rates
from openvth.supervision.models import Finding, Inspection, PlannedVisit
from openvth.supervision.selectors.inspections import IED_REPORT_PUBLIC_MONTHS

from .quality import ied_site_visit, later_than_months


class Unit(models.TextChoices):
    PERCENT = "percent", _("%")
    DAYS = "days", _("dagen (mediaan)")
    COUNT = "count", _("aantal")


@dataclass(frozen=True)
class Measure:
    numerator: int
    denominator: int
    value: float | None  # None: nothing to measure (no denominator)


@dataclass(frozen=True)
class Kpi:
    code: str
    label: str
    unit: Unit
    definition: str
    measure: Callable[[int, date], dict[int | None, Measure]]


def _percent(numerator: int, denominator: int) -> Measure:
    return Measure(numerator, denominator, 100.0 * numerator / denominator if denominator else None)


def _share(records: models.QuerySet, owner: str, part: Q, distinct: str = "pk") -> dict[int | None, Measure]:
    """Per owner and for the country: how many of `records` (counted by `distinct`) satisfy `part`."""
    counts = {
        "total": Count(distinct, distinct=True),
        "part": Count(distinct, distinct=True, filter=part),
    }
    records = records.order_by()
    result: dict[int | None, Measure] = {
        org: _percent(part_n, total)
        for org, total, part_n in records.values(owner).annotate(**counts).values_list(owner, "total", "part")
    }
    country = records.aggregate(**counts)
    result[None] = _percent(country["part"], country["total"])
    return result


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": date(year, 1, 1), f"{field}__lte": date(year, 12, 31)})


def inspections_done(year: int, today: date) -> dict[int | None, Measure]:
    visits = PlannedVisit.objects.filter(programme__year=year, postponed=False)
    return _share(visits, "programme__service_id", Q(inspection__performed_on__isnull=False))


def compliance(year: int, today: date) -> dict[int | None, Measure]:
    closed = Inspection.objects.filter(_in_year("performed_on", year), status=Inspection.Status.CLOSED)
    return _share(closed, "owner_id", ~Q(Exists(Finding.objects.filter(inspection=OuterRef("pk")))))


def recidivism(year: int, today: date) -> dict[int | None, Measure]:
    with_finding = Inspection.objects.filter(
        _in_year("performed_on", year), Exists(Finding.objects.filter(inspection=OuterRef("pk")))
    )
    earlier = Finding.objects.filter(
        inspection__establishment=OuterRef("establishment"),
        inspection__performed_on__gte=date(year - 2, 1, 1),
        inspection__performed_on__lt=date(year, 1, 1),
    )
    return _share(with_finding, "owner_id", Q(Exists(earlier)), distinct="establishment")


def enforcement_lead_time(year: int, today: date) -> dict[int | None, Measure]:
    closed = EnforcementCase.objects.filter(_in_year("closed_on", year)).order_by()
    days: dict[int | None, list[int]] = defaultdict(list)
    for owner, opened_on, closed_on in closed.values_list("owner_id", "opened_on", "closed_on").iterator(5_000):
        days[owner].append((closed_on - opened_on).days)
        days[None].append((closed_on - opened_on).days)
    days.setdefault(None, [])
    return {org: _median(spans) for org, spans in days.items()}


def _median(spans: list[int]) -> Measure:
    """The median in days (rounded as numerator, exact as value) of `spans`, and how many there were."""
    if not spans:
        return Measure(0, 0, None)
    median = statistics.median(spans)
    return Measure(round(median), len(spans), float(median))


def permits_in_time(year: int, today: date) -> dict[int | None, Measure]:
    decided = Application.objects.filter(_in_year("decided_on", year), status=Application.Status.DECIDED)
    rates = penalty_rates()
    counts: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    counts[None] = [0, 0]
    for application in decided.order_by().prefetch_related("suspensions").iterator(2_000):
        in_time = not application_term(application, today=today, rates=rates).late
        for org in (application.owner_id, None):
            counts[org][0] += in_time
            counts[org][1] += 1
    return {org: _percent(part, total) for org, (part, total) in counts.items()}


def ied_reports_public(year: int, today: date) -> dict[int | None, Measure]:
    late = later_than_months("performed_on", "report_published_on", IED_REPORT_PUBLIC_MONTHS, today)
    # the visits whose report is public or should be: a report not yet due is not measured yet
    due = Inspection.objects.filter(ied_site_visit(), _in_year("performed_on", year)).filter(
        Q(report_published_on__isnull=False) | late
    )
    return _share(due, "owner_id", ~late)


def publications(year: int, today: date) -> dict[int | None, Measure]:
    published = Publication.objects.filter(status=Publication.Status.PUBLISHED, published_at__year=year).order_by()
    result = {
        org: Measure(n, n, float(n))
        for org, n in published.values("owner_id").annotate(n=Count("pk")).values_list("owner_id", "n")
    }
    total = sum(m.numerator for m in result.values())
    result[None] = Measure(total, total, float(total))
    return result


KPIS: tuple[Kpi, ...] = (
    Kpi("inspecties-uitgevoerd", _("Geplande inspecties uitgevoerd"), Unit.PERCENT,
        _("Bezoeken in het uitvoeringsprogramma van het jaar (niet uitgesteld) waarvan de inspectie is uitgevoerd."),
        inspections_done),
    Kpi("naleving", _("Naleving"), Unit.PERCENT,
        _("Afgesloten inspecties van het jaar zonder bevinding."), compliance),
    Kpi("recidive", _("Recidive"), Unit.PERCENT,
        _("Vestigingen met een bevinding in het jaar die in de twee kalenderjaren ervoor ook een bevinding hadden."),
        recidivism),
    Kpi("doorlooptijd-handhaving", _("Doorlooptijd handhaving"), Unit.DAYS,
        _("Mediaan van de dagen van openen tot sluiten van de handhavingszaken die in het jaar zijn gesloten."),
        enforcement_lead_time),
    Kpi("vergunningen-tijdig", _("Vergunningen tijdig besloten"), Unit.PERCENT,
        _("Besluiten op aanvragen in het jaar binnen de wettelijke beslistermijn (met opschorting en verdaging)."),
        permits_in_time),
    Kpi("ied-rapport-tijdig", _("IED-rapporten tijdig openbaar"), Unit.PERCENT,
        _("IED-locatiebezoeken van het jaar waarvan het rapport binnen 4 maanden openbaar was (RIE art. 23 lid 6); "
          "een rapport dat nog niet openbaar hoeft te zijn telt nog niet mee."), ied_reports_public),
    Kpi("publicaties", _("Openbaar gemaakte inspectieresultaten"), Unit.COUNT,
        _("Publicaties die in het jaar openbaar zijn gemaakt."), publications),
)  # fmt: skip
BY_CODE = {kpi.code: kpi for kpi in KPIS}
