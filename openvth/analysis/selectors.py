"""Every read of the analysis app: the permit outlook (issue 21, item 8) and uniform enforcement measured (item 9).

Both read the database in bulk (a handful of `values()` queries per figure, never a query per row) and hand the rows
to the pure rules (openvth.rules.forecast, openvth.rules.uniformity). The figures are aggregates: counts, shares
and days per service and nationally, never a person. Who reads what: a service's manager its own service and the
country; the ministry's programme office (monitoring.selectors.sees_country) every service and the country.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openvth.accounts.models import Role
from openvth.capacity.selectors import own_service, services
from openvth.core.menu import may_use
from openvth.enforcement.models import CaseTransition, LhsoDecision
from openvth.monitoring.selectors import sees_country
from openvth.permits.models import Application
from openvth.register.models import Activity, Organisation
from openvth.rules import enforcement as enforcement_rules
from openvth.rules import forecast, uniformity

from . import standards
from .models import Initiative

__all__ = ["sees_country"]

HORIZON = 20  # quarters: five years
HISTORY = 64  # quarters of history at most: sixteen years
PERMIT_AREAS = ("VV-MIL", "VV-COMPLEX")  # openvth.rules.quality.TaskArea of permit work


CACHE_SECONDS = 3600


def _cached(name: str, today: date, models, compute):
    """`compute()` kept in the default cache under the day and the number and highest id of the rows it reads (one
    aggregate query per model): a new or removed row makes a new key at once; a row changed in place (these rows
    are written once) waits at most CACHE_SECONDS. At national scale the figures take a while to compute."""
    marks = [tuple(model.objects.aggregate(n=Count("pk"), last=Max("pk")).values()) for model in models]
    key = f"analysis:{name}:{today.isoformat()}:" + "_".join(f"{n}-{last}" for n, last in marks)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


# --- who reads what ---------------------------------------------------------------------------------------------


def may_read(user) -> bool:
    """The analysis pages: the managers of a service and the ministry (core.menu capability "analysis")."""
    return may_use(user, "analysis")


def service_for(user, code: str | None) -> Organisation | None:
    """The service whose figures the user asks for: by code (the own one, or any for the ministry), else the own
    one. None where the user may not read it or it does not exist: the caller answers 404."""
    own = own_service(user)
    if not code:
        return own
    if own is not None and own.code == code:
        return own
    if sees_country(user):
        return Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST, code=code).first()
    return None


NATIONAL = "NL"
REFUSED = gettext_lazy("Deze analyses zijn voor managers van een omgevingsdienst en het ministerie.")


def subject_for(user, code: str | None) -> Organisation | None:
    """Whose figures `code` asks for: "" the default (the own service; the country for who has none), "NL" the
    country, else a service code (the own one; any for the ministry). PermissionDenied for a user without the
    analysis pages, Http404 for a service the user may not read or that does not exist."""
    if not may_read(user):
        raise PermissionDenied(REFUSED)
    code = (code or "").strip()
    own = own_service(user)
    if code == NATIONAL or (not code and own is None):
        if own is None and not sees_country(user) and not user.is_superuser:
            raise PermissionDenied(REFUSED)
        return None
    found = service_for(user, code)
    if found is None:
        raise Http404(_("Er is geen omgevingsdienst met deze code die u mag inzien."))
    return found


def initiatives(user):
    return Initiative.objects.visible_to(user).select_related("service", "competent_authority")


# --- permit outlook: the history ----------------------------------------------------------------------------------


@dataclass
class History:
    """The received applications per quarter, by service, activity group and competent authority."""

    first: int  # quarter_index of the first quarter of the window
    last: int  # the last complete quarter
    total: Counter = field(default_factory=Counter)  # quarter -> n
    by_service: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_group: dict[tuple[int | None, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_authority: dict[tuple[int | None, int], Counter] = field(default_factory=lambda: defaultdict(Counter))
    procedures: dict[int | None, Counter] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def quarters(self) -> list[int]:
        return list(range(self.first, self.last + 1))

    def series(self, counter: Counter) -> list[float]:
        return [float(counter.get(q, 0)) for q in self.quarters]


def history(today: date) -> History:
    """The history as `_history` reads it, cached (openvth.core: the default cache) until an application or an
    activity is added or removed."""
    return _cached("history", today, (Application, Activity), lambda: _history(today))


def _history(today: date) -> History:
    """Two queries: every application's day, service, authority and procedure, and the activities of their
    establishments. The current quarter is not complete and is left out."""
    rows = list(
        Application.objects.values_list(
            "received_on", "establishment_id", "establishment__supervising_service_id", "competent_authority_id",
            "procedure",
        )
    )  # fmt: skip
    codes: dict[int, list[str]] = defaultdict(list)
    for establishment, code in (
        Activity.objects.filter(establishment__applications__isnull=False)
        .values_list("establishment_id", "activity_type__code")
        .distinct()
    ):
        codes[establishment].append(code)
    groups = {pk: standards.group_of(standards.main_activity(found)) for pk, found in codes.items()}
    last = forecast.quarter_index(today) - 1
    first_seen = min((forecast.quarter_index(row[0]) for row in rows), default=last)
    found = History(first=max(first_seen, last - HISTORY + 1), last=last)
    for received_on, establishment, service, authority, procedure in rows:
        quarter = forecast.quarter_index(received_on)
        group = groups.get(establishment, standards.OTHER_GROUP[0])
        found.procedures[None][procedure] += 1
        found.procedures[service][procedure] += 1
        if not found.first <= quarter <= found.last:
            continue
        found.total[quarter] += 1
        found.by_service[service][quarter] += 1
        for key in (None, service):
            found.by_group[key, group][quarter] += 1
            found.by_authority[key, authority][quarter] += 1
    return found


# --- permit outlook: the forecast ---------------------------------------------------------------------------------


@dataclass
class Line:
    """One forecast: the history, the quarters ahead with their band, and what the pipeline adds."""

    key: str
    label: str
    observed: list[float]
    points: list[forecast.Point]
    pipeline: dict[int, float] = field(default_factory=dict)  # quarter -> expected extra applications
    backtest: forecast.Backtest | None = None

    def total(self, quarter: int, which: str = "mean", level: float = 0.8) -> float:
        point = next(p for p in self.points if p.quarter == quarter)
        base = point.mean if which == "mean" else point.bands[level][0 if which == "low" else 1]
        return base + self.pipeline.get(quarter, 0.0)

    def years(self) -> list["YearRow"]:
        by_year: dict[int, list[int]] = defaultdict(list)
        for point in self.points:
            by_year[forecast.quarter_year(point.quarter)].append(point.quarter)
        return [
            YearRow(
                year=year,
                quarters=len(quarters),
                mean=sum(self.total(q) for q in quarters),
                low=sum(self.total(q, "low") for q in quarters),
                high=sum(self.total(q, "high") for q in quarters),
                pipeline=sum(self.pipeline.get(q, 0.0) for q in quarters),
            )
            for year, quarters in sorted(by_year.items())
        ]

    @property
    def borrowed(self) -> bool:
        return any(point.borrowed for point in self.points)

    @property
    def observed_per_year(self) -> float:
        recent = self.observed[-4:]
        return sum(recent) * 4 / len(recent) if recent else 0.0


@dataclass(frozen=True)
class YearRow:
    year: int
    quarters: int
    mean: float
    low: float  # the quarters' 80 % bands added up: wider than the year's own band would be
    high: float
    pipeline: float


def _line(key: str, label: str, series: list[float], first_quarter: int, *, with_band: bool = True) -> Line:
    found = forecast.backtest(series, HORIZON, levels=()) if with_band else None
    points = forecast.forecast(series, first_quarter, HORIZON, errors=found.errors if found else {})
    return Line(key, label, series, points, backtest=found)


def _pipeline(rows: list[Initiative], quarters: list[int]) -> dict[int, float]:
    extra: dict[int, float] = defaultdict(float)
    for initiative in rows:
        for quarter, n in forecast.spread_over_quarters(
            initiative.expected_year, initiative.expected_count, quarters
        ).items():
            extra[quarter] += n
    return dict(extra)


@dataclass(frozen=True)
class Capacity:
    """The permit officers' hours the forecast needs per year against the hours the service has."""

    year: int
    needed: float
    needed_low: float
    needed_high: float
    available: float

    @property
    def gap(self) -> float:
        return self.available - self.needed

    @property
    def ratio(self) -> float | None:
        return self.needed / self.available if self.available else None


@dataclass(frozen=True)
class Available:
    hours: float
    source: str  # "competences", "staff roles" or "users": where the hours come from
    people: int


def available_hours(service_ids: list[int], today: date) -> dict[int, Available]:
    """Per service the yearly hours for permit work: the competences in the permit task areas of its active staff
    (openvth.capacity); where a service has none, its staff with the role permit_officer; where it has no staff
    records at all, its users with that role × standards.HOURS_PER_OFFICER. Three queries for all services."""
    from openvth.accounts.models import User
    from openvth.capacity.models import Competence, StaffMember

    active = Q(active_to__isnull=True) | Q(active_to__gte=today)
    found: dict[int, Available] = {}
    hours, people = defaultdict(int), defaultdict(set)
    for service, staff, value in Competence.objects.filter(
        Competence.valid_on_q(today), task_area__in=PERMIT_AREAS,
        staff__service_id__in=service_ids, staff__active_from__lte=today,
    ).filter(Q(staff__active_to__isnull=True) | Q(staff__active_to__gte=today)).values_list(
        "staff__service_id", "staff_id", "hours_per_year"
    ):  # fmt: skip
        hours[service] += value
        people[service].add(staff)
    for service in hours:
        found[service] = Available(float(hours[service]), "competences", len(people[service]))
    with_staff = set()
    role_hours, role_people = defaultdict(int), defaultdict(int)
    for service, roles, value in (
        StaffMember.objects.filter(active, service_id__in=service_ids, active_from__lte=today)
        .values_list("service_id", "roles", "hours_per_year")
    ):  # fmt: skip
        with_staff.add(service)
        if Role.PERMIT_OFFICER in (roles or []):
            role_hours[service] += value
            role_people[service] += 1
    users = Counter(
        User.objects.filter(organisation_id__in=service_ids, role=Role.PERMIT_OFFICER, is_active=True).values_list(
            "organisation_id", flat=True
        )
    )
    for service in service_ids:
        if service in found:
            continue
        if service in with_staff:
            found[service] = Available(float(role_hours[service]), "staff roles", role_people[service])
        else:
            found[service] = Available(float(users[service] * standards.HOURS_PER_OFFICER), "users", users[service])
    return found


def hours_per_application(procedures: Counter) -> float:
    """The standard hours weighted by the mix of procedures in the history (regular where there is none)."""
    total = sum(procedures.values())
    if not total:
        return float(standards.STANDARD_HOURS["regular"])
    return sum(standards.STANDARD_HOURS.get(kind, 0) * n for kind, n in procedures.items()) / total


def _capacity(line: Line, per_application: float, available: float) -> list[Capacity]:
    return [
        Capacity(
            row.year, row.mean * per_application, row.low * per_application, row.high * per_application, available
        )  # fmt: skip
        for row in line.years()
    ]


@dataclass
class Outlook:
    subject: Organisation | None  # None: the country
    today: date
    history: History
    total: Line
    groups: list[Line]
    authorities: list[tuple[str, float, list[YearRow]]]  # name, share of the last 3 years, years
    initiatives: list[Initiative]
    capacity: list[Capacity]
    available: Available
    per_application: float
    services: list[tuple[Organisation, float, float, Available]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.subject.name if self.subject else "Nederland"


def outlook(subject: Organisation | None, today: date) -> Outlook:
    """The forecast for one service (or the country, None): total with its band and pipeline, per activity group,
    per competent authority (the total shared out by each authority's part of the last three years) and the
    capacity needed against the hours available."""
    found = history(today)
    key = subject.pk if subject else None
    first = found.last + 1
    ahead = list(range(first, first + HORIZON))
    series = found.series(found.total if subject is None else found.by_service.get(subject.pk, Counter()))
    total = _line("total", subject.name if subject else "Nederland", series, first)
    rows = list(Initiative.objects.filter(**({"service": subject} if subject else {})).select_related("service"))
    total.pipeline = _pipeline(rows, ahead)
    groups = []
    for code, label in standards.ACTIVITY_GROUP_CHOICES:
        counter = found.by_group.get((key, code))
        if not counter:
            continue
        line = _line(code, str(label), found.series(counter), first)
        line.pipeline = _pipeline([i for i in rows if i.activity_group == code], ahead)
        groups.append(line)
    recent = [q for q in found.quarters if q > found.last - 12]
    shares = {
        authority: sum(counter.get(q, 0) for q in recent)
        for (owner, authority), counter in found.by_authority.items()
        if owner == key
    }
    all_recent = sum(shares.values()) or 1
    names = dict(Organisation.objects.filter(pk__in=list(shares)).values_list("pk", "name"))
    authorities = []
    years = total.years()
    for authority, n in sorted(shares.items(), key=lambda item: (-item[1], names.get(item[0], ""))):
        if not n:
            continue
        share = n / all_recent
        scaled = [YearRow(r.year, r.quarters, r.mean * share, r.low * share, r.high * share, 0.0) for r in years]
        authorities.append((names.get(authority, str(authority)), share, scaled))
    ids = [subject.pk] if subject else [s.pk for s in services()]
    available = available_hours(ids, today)
    if subject:
        have = available[subject.pk]
    else:
        have = Available(
            sum(a.hours for a in available.values()),
            ", ".join(sorted({a.source for a in available.values()})),
            sum(a.people for a in available.values()),
        )
    per_application = hours_per_application(found.procedures.get(key, Counter()))
    result = Outlook(
        subject, today, found, total, groups, authorities, rows, _capacity(total, per_application, have.hours), have,
        per_application,
    )  # fmt: skip
    if subject is None:
        for service in services():
            line = _line(service.code, service.name, found.series(found.by_service.get(service.pk, Counter())),
                         first, with_band=False)  # fmt: skip
            next_year = line.years()[0].mean if line.years() else 0.0
            hours = hours_per_application(found.procedures.get(service.pk, Counter()))
            result.services.append((service, next_year, next_year * hours, available[service.pk]))
    return result


# --- permit outlook: the backtest ---------------------------------------------------------------------------------


def backtests(today: date) -> dict:
    """The rolling-origin backtest of the country, every service with applications and every activity group."""
    found = history(today)
    subjects = [("Nederland", found.series(found.total))]
    names = dict(Organisation.objects.filter(pk__in=list(found.by_service)).values_list("pk", "code"))
    subjects += [(names.get(pk, str(pk)), found.series(c)) for pk, c in sorted(found.by_service.items(), key=str)]
    groups = sorted((code, c) for (owner, code), c in found.by_group.items() if owner is None)
    subjects += [(f"groep {code}", found.series(c)) for code, c in groups]
    out = {
        "today": today.isoformat(),
        "history": {"first": forecast.quarter_label(found.first), "last": forecast.quarter_label(found.last),
                    "quarters": len(found.quarters), "applications": sum(found.total.values())},
        "horizon": HORIZON,
        "levels": list(forecast.LEVELS),
        "subjects": [],
    }  # fmt: skip
    for label, series in subjects:
        result = forecast.backtest(series, HORIZON)
        out["subjects"].append({
            "subject": label,
            "applications": int(sum(series)),
            "horizons": [
                {"h": h.h, "forecasts": h.forecasts, "mae": h.mae, "mase": h.mase, "mape": h.mape, "judged": h.judged,
                 "coverage": {str(level): share for level, share in h.coverage.items()}}
                for h in result.horizons
            ],
        })  # fmt: skip
    return out


# --- uniform enforcement ----------------------------------------------------------------------------------------

# the events of a case that are an intervention towards the offender (openvth.rules.enforcement_events)
INTERVENTION_EVENTS = frozenset({
    "waarschuwen", "voornemen_verzenden", "last_onder_dwangsom_opleggen", "last_onder_bestuursdwang_opleggen",
    "spoedeisende_last_opleggen", "spoedeisende_bestuursdwang", "rapport_opmaken", "boete_opleggen",
    "strafbeschikking_uitvaardigen", "proces_verbaal_opmaken", "gedogen",
})  # fmt: skip
COMPLIANCE_EVENTS = frozenset({"nageleefd"})
# interventions given in the LHSO step itself (a conversation or a letter, no case): intervened on the decision day
DIRECT_INTERVENTIONS = frozenset({"inform", "address"})


def facts(today: date) -> list[uniformity.Fact]:
    """One fact per recorded LHSO decision, in two queries: the decisions with their finding, and the steps of the
    cases that hold those findings. The first intervention is the first intervening step of such a case (or the
    decision day for informing and addressing); compliance the first "nageleefd" or the closing of a herstel case."""
    decisions = list(
        LhsoDecision.objects.values_list(
            "finding_id", "cell", "chosen_interventions", "advised_interventions", "deviation_reason", "decided_at",
            "finding__provision_number", "finding__general_rule", "finding__inspection__performed_on",
            "finding__inspection__establishment_id", "finding__inspection__establishment__supervising_service_id",
        )
    )  # fmt: skip
    intervened: dict[int, date] = {}
    complied: dict[int, date] = {}
    for finding, route, event, on in CaseTransition.objects.filter(
        case__findings__lhso_decision__isnull=False
    ).values_list("case__findings", "case__route", "event", "on"):
        if event in INTERVENTION_EVENTS and (finding not in intervened or on < intervened[finding]):
            intervened[finding] = on
        if (event in COMPLIANCE_EVENTS or (event == enforcement_rules.CLOSE and route == "herstel")) and (
            finding not in complied or on < complied[finding]
        ):
            complied[finding] = on
    out = []
    for (finding, cell, chosen, advised, reason, decided_at, number, rule, found_on, establishment,
         service) in decisions:  # fmt: skip
        if found_on is None:
            continue
        first = chosen[0] if chosen else ""
        on = intervened.get(finding)
        if on is None and first in DIRECT_INTERVENTIONS:
            on = decided_at.date()
        out.append(
            uniformity.Fact(
                service=service, cell=cell, first=first, deviates=set(chosen) != set(advised), reason=reason,
                establishment=establishment, provision=number or rule, found_on=found_on, intervened_on=on,
                complied_on=complied.get(finding),
            )
        )  # fmt: skip
    return out


def later_findings(today: date) -> dict[tuple[int, str], list[date]]:
    """Per establishment and provision the days of findings at first visits (a re-inspection that finds the same
    violation going on is not a new violation); one query."""
    from openvth.supervision.models import Finding

    found: dict[tuple[int, str], list[date]] = defaultdict(list)
    for establishment, number, rule, on in Finding.objects.filter(
        inspection__follows__isnull=True, inspection__performed_on__isnull=False, inspection__performed_on__lte=today
    ).values_list("inspection__establishment_id", "provision_number", "general_rule", "inspection__performed_on"):
        found[establishment, number or rule].append(on)
    return found


@dataclass
class Figures:
    """The uniformity figures of one service (or the country, `service` None)."""

    service: Organisation | None
    decisions: int
    shares: dict[str, uniformity.CellShare]
    overall: float | None
    agreement: float | None  # with the national modal intervention of each cell
    deviations: int
    reasons: list[tuple[str, int]]
    timings: dict[str, uniformity.Timing]
    recidivism: dict[str, dict[int, uniformity.Rate]]
    to_intervention: uniformity.Spread  # over all decisions (a median of the cells' medians is no median)
    to_compliance: uniformity.Spread

    @property
    def label(self) -> str:
        return self.service.name if self.service else "Nederland"

    @property
    def deviation_share(self) -> float | None:
        return self.deviations / self.decisions if self.decisions else None

    @property
    def recidivism_total(self) -> dict[int, uniformity.Rate]:
        """Per window the recidivism after any first intervention."""
        return {
            window: uniformity.Rate(
                sum(rates[window].eligible for rates in self.recidivism.values()),
                sum(rates[window].recidive for rates in self.recidivism.values()),
            )
            for window in uniformity.WINDOWS
        }


def _figures(service, rows, national_shares, later, today) -> Figures:
    shares = uniformity.modal_shares(rows)
    to_intervention = uniformity.spread([(f.intervened_on - f.found_on).days for f in rows if f.intervened_on])
    to_compliance = uniformity.spread([(f.complied_on - f.found_on).days for f in rows if f.complied_on])
    return Figures(
        service=service,
        decisions=len(rows),
        shares=shares,
        overall=uniformity.overall_share(shares),
        agreement=uniformity.agreement(rows, national_shares or shares),
        deviations=sum(f.deviates for f in rows),
        reasons=uniformity.deviation_reasons(rows),
        timings=uniformity.timings(rows),
        recidivism=uniformity.recidivism(rows, later, today),
        to_intervention=to_intervention,
        to_compliance=to_compliance,
    )


@dataclass
class Uniformity:
    national: Figures
    per_service: list[Figures]  # every service with decisions, by name

    def of(self, service: Organisation) -> Figures | None:
        return next((f for f in self.per_service if f.service.pk == service.pk), None)


def uniformity_figures(today: date) -> Uniformity:
    """The figures as `_uniformity_figures` computes them, cached until a decision, a case step or a finding is
    added or removed."""
    from openvth.supervision.models import Finding

    return _cached("uniformity", today, (LhsoDecision, CaseTransition, Finding), lambda: _uniformity_figures(today))


def _uniformity_figures(today: date) -> Uniformity:
    """The country's figures and each service's, from one read of every decision (aggregates, no person)."""
    rows = facts(today)
    later = later_findings(today)
    national = _figures(None, rows, None, later, today)
    by_service: dict[int, list[uniformity.Fact]] = defaultdict(list)
    for fact in rows:
        by_service[fact.service].append(fact)
    names = {s.pk: s for s in Organisation.objects.filter(pk__in=list(by_service))}
    per_service = [_figures(names[pk], found, national.shares, later, today) for pk, found in by_service.items()]
    per_service.sort(key=lambda f: f.service.name)
    return Uniformity(national, per_service)
