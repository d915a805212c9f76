"""Every write of supervision planning: risk tables, risk appraisals and the yearly programme with its edits.

Appraising a whole service reads its establishments in batches, each with one query per input (activities, last
visits, findings), appraises in Python with the rules of openvth.rules.risk and appends the rows with one bulk
insert per batch: the number of queries grows with the batches, never with the establishments, and memory stays
that of one batch.
"""

import csv
import datetime
import functools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Count, F, Func, Max, Q, QuerySet

from openvth.accounts.models import Role
from openvth.core import clock
from openvth.core.db import insert_rows
from openvth.core.history import record_change, snapshot, update_recorded
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.scoping import SYSTEM_JOB
from openvth.core.versioning import store_version
from openvth.register.models import Activity, Establishment, Organisation
from openvth.rules import risk
from openvth.rules.terms import add_months

from .. import scheduling
from ..models import Inspection, PlannedVisit, Programme, RiskAppraisal, RiskTableVersion
from ..selectors import planning as selectors

ACTIVITY_RISK = Path(__file__).resolve().parent.parent / "data" / "activity_risk.csv"
BATCH_SIZE = 5_000
UNKNOWN_ACTIVITY = (1,) * len(risk.ACTIVITY_CRITERIA)
NO_ACTIVITY = (0,) * len(risk.ACTIVITY_CRITERIA)
NO_RECORD = (None, 0, 0, None)  # never visited: no last visit, no findings
DEFAULT_SURROUNDINGS = 1  # OperatorProfile's default: an establishment without a profile
CLOSED = Inspection.Status.CLOSED
# what the appraisal reads of an establishment, in this order
ESTABLISHMENT_FIELDS = (
    "pk",
    "supervising_service_id",
    "ied",
    "brzo_tier",
    "operator_profile__surroundings",
    "operator_profile__certified_management_system",
)
APPRAISAL_COLUMNS = (
    "establishment_id",
    "appraised_on",
    "table_version_id",
    "scores",
    "score",
    "category",
    "interval_months",
    "reasons",
    "last_visit",
    "next_due",
    "due_kind",
    "due_reason",
)
VISIT_COLUMNS = (
    "programme_id", "establishment_id", "month", "planned_on", "kind", "hours", "inspector_id", "source", "postponed",
    "reason", "inspection_id",
)  # fmt: skip


@functools.cache
def activity_impacts() -> dict[str, tuple[int, ...]]:
    """Activity type code -> impact scores in the order of risk.ACTIVITY_CRITERIA (data/activity_risk.csv)."""
    with ACTIVITY_RISK.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: tuple(int(row[c]) for c in risk.ACTIVITY_CRITERIA) for row in rows}


# --- risk tables ----------------------------------------------------------------------------------------------


def _checked_risk_table(values) -> dict:
    """The rule module refuses weights, bounds or intervals that make no sense (openvth.rules.risk)."""
    try:
        return {"table": risk.table_to_dict(risk.table_from_dict(values["table"]))}
    except ValueError as exc:
        raise ValidationError({"table": [str(exc)]}) from None


@transaction.atomic
def store_risk_table(
    *, user, organisation: Organisation, valid_from: datetime.date, table: dict, note: str = ""
) -> RiskTableVersion:
    """A new version of the organisation's risk table from `valid_from` (core.versioning.store_version)."""
    check(user, Action.PLAN, organisation.pk, "U mag de risicotabel van deze organisatie niet wijzigen.")
    return store_version(
        RiskTableVersion, user=user, owner=organisation, valid_from=valid_from, values={"table": table}, note=note,
        check=_checked_risk_table,
    )  # fmt: skip


# --- risk appraisal -------------------------------------------------------------------------------------------


class _Among(Func):
    """`column = ANY(%s)`: the keys as one array parameter on PostgreSQL (an IN list of thousands of parameters
    costs more to build and parse than the look-up itself), `IN (...)` elsewhere.

    Measured at national scale, where a service's establishments lie spread among the country's: a batch given
    as a subquery of its key range (pk > last, pk <= its last, of the service) is planned as a scan of the whole
    activity or appraisal table per batch, and reads the other services' establishments of that range; the keys
    are looked up in the index."""

    output_field = BooleanField()

    def __init__(self, column: str, keys: list[int]) -> None:
        super().__init__(F(column))
        self.keys = keys

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} IN ({', '.join(['%s'] * len(self.keys))})", (*params, *self.keys)

    def as_postgresql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s)", (*params, self.keys)


class _Tables:
    """The risk table per supervising service on the appraisal date, read once per service."""

    def __init__(self, on: datetime.date) -> None:
        self.on = on
        self._found: dict[int, selectors.ActiveTable] = {}

    def of(self, service_id: int) -> selectors.ActiveTable:
        if service_id not in self._found:
            self._found[service_id] = selectors.active_table(service_id, self.on)
        return self._found[service_id]


def supervised(service: Organisation) -> QuerySet[Establishment]:
    """The active establishments the service supervises."""
    return Establishment.objects.filter(supervising_service=service, merged_into__isnull=True)


def _batches(establishments: QuerySet[Establishment], fields=ESTABLISHMENT_FIELDS) -> Iterator[tuple[list, list[int]]]:
    """The establishments' fields in primary-key order, BATCH_SIZE rows at a time (keyset: no OFFSET), each with
    its primary keys, which the other reads of the batch look up in their establishment index (_Among)."""
    last = 0
    while batch := list(establishments.filter(pk__gt=last).order_by("pk").values_list(*fields)[:BATCH_SIZE]):
        ids = [row[0] for row in batch]
        yield batch, ids
        last = ids[-1]


def _impacts(ids: list[int]) -> dict[int, tuple[int, ...]]:
    """The highest score per criterion over each establishment's activities."""
    known = activity_impacts()
    found: dict[int, tuple[int, ...]] = {}
    codes = Activity.objects.filter(_Among("establishment_id", ids)).values_list(
        "establishment_id", "activity_type__code"
    )
    for establishment_id, code in codes:
        scores = known.get(code, UNKNOWN_ACTIVITY)
        found[establishment_id] = tuple(map(max, found.get(establishment_id, NO_ACTIVITY), scores))
    return found


def _records(ids: list[int], today: datetime.date) -> dict[int, tuple]:
    """Per establishment, in one query over its closed inspections up to `today` (an appraisal as of a past day does
    not see later visits): the last visit, the minor and serious findings of the compliance window and the date of
    the last inspection with a serious finding. The keys go in as a subquery:
    with them directly PostgreSQL scans all findings per batch; joined from the establishments it looks them up."""
    members = Establishment.objects.filter(_Among("pk", ids)).values("pk")
    window = add_months(today, -12 * risk.COMPLIANCE_YEARS)
    serious = Q(findings__consequences__gte=risk.SERIOUS_CONSEQUENCES)
    recent = Q(performed_on__gt=window)
    rows = (
        Inspection.objects.filter(establishment__in=members, status=CLOSED, performed_on__lte=today)
        .values("establishment_id")
        .annotate(
            last_visit=Max("performed_on"),
            minor=Count("findings", filter=recent & Q(findings__consequences__lt=risk.SERIOUS_CONSEQUENCES)),
            serious=Count("findings", filter=recent & serious),
            last_serious=Max("performed_on", filter=serious),
        )
        .values_list("establishment_id", "last_visit", "minor", "serious", "last_serious")
    )
    return {row[0]: row[1:] for row in rows}


def _appraised(pk: int, key: tuple, active: selectors.ActiveTable, as_text: bool) -> tuple:
    """What an appraisal row holds apart from its establishment, date and visits: the table version, scores, score,
    category, interval and reasons, with the rule's Appraisal for the due date; the JSON columns as text if asked."""
    _service_id, impact, surroundings, certified, ied, brzo_tier, minor, serious, last_serious = key
    compliance = risk.compliance_score(minor=minor, serious=serious)
    situation = risk.EstablishmentRisk(
        dict(zip(risk.ACTIVITY_CRITERIA, impact, strict=True)) | {"surroundings": surroundings},
        compliance,
        certified,
        ied=ied,
        brzo_tier=brzo_tier,
    )
    try:
        appraisal = risk.appraise(situation, active.table)
    except ValueError as exc:
        raise ValidationError(f"Vestiging {pk}: {exc}") from None
    scores = dict(zip(risk.ACTIVITY_CRITERIA, impact, strict=True)) | {
        "surroundings": surroundings,
        "compliance": compliance,
        "management_system": certified,
        "findings_minor": minor,
        "findings_serious": serious,
        "last_serious_violation": last_serious.isoformat() if last_serious else None,
        "ied": ied,
        "brzo_tier": brzo_tier,
    }
    reasons = list(appraisal.reasons)
    if minor or serious:
        reasons.append(f"{minor} lichte en {serious} ernstige bevindingen in {risk.COMPLIANCE_YEARS} jaar")
    version_id = active.version.pk if active.version else None
    if as_text:
        scores, reasons = json.dumps(scores), json.dumps(reasons)
    score = Decimal(str(appraisal.score))
    return version_id, scores, score, appraisal.category.value, appraisal.interval_months, reasons, appraisal


def _appraisal_rows(
    batch: list[tuple], ids: list[int], today: datetime.date, tables: _Tables, cache: dict, as_text: bool = False
) -> list[tuple]:
    """One row of APPRAISAL_COLUMNS per establishment of the batch (fields as ESTABLISHMENT_FIELDS); with `as_text`
    the JSON columns as text, as the bulk insert writes them.

    Establishments with the same inputs share one appraisal (the rule is pure) and one due date per interval, last
    visit and last serious violation: `cache` keeps both over the batches (keyed by those nine and those three
    inputs), so the work per establishment is a few dictionary look-ups; the appraisal's JSON is encoded once."""
    impacts = _impacts(ids)
    records = _records(ids, today)
    rows = []
    for pk, service_id, ied, brzo_tier, surroundings, certified in batch:
        last_visit, minor, serious, last_serious = records.get(pk, NO_RECORD)
        surroundings = DEFAULT_SURROUNDINGS if surroundings is None else surroundings
        key = (service_id, impacts.get(pk, NO_ACTIVITY), surroundings, bool(certified), ied, brzo_tier, minor,
               serious, last_serious)  # fmt: skip
        if (appraised := cache.get(key)) is None:
            appraised = cache[key] = _appraised(pk, key, tables.of(service_id), as_text)
        version_id, scores, score, category, interval, reasons, appraisal = appraised
        when = (interval, last_visit, last_serious)
        if (due := cache.get(when)) is None:
            due = cache[when] = risk.next_due(
                appraisal, last_visit=last_visit, last_serious_violation=last_serious, today=today
            )
        rows.append((pk, today, version_id, scores, score, category, interval, reasons, last_visit, due.day,
                     due.kind.value, due.reason))  # fmt: skip
    return rows


@transaction.atomic
def appraise_service(
    *, user, service: Organisation, today: datetime.date | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Appraise every establishment the service supervises; returns how many. `progress` hears each batch size."""
    check(user, Action.PLAN, service.pk, "U mag de vestigingen van deze omgevingsdienst niet beoordelen.")
    today = today or clock.today()
    tables, cache, count = _Tables(today), {}, 0
    for batch, ids in _batches(supervised(service)):
        rows = _appraisal_rows(batch, ids, today, tables, cache, as_text=True)
        insert_rows(RiskAppraisal._meta.db_table, APPRAISAL_COLUMNS, rows)
        count += len(rows)
        if progress is not None:
            progress(len(rows))
    return count


@transaction.atomic
def appraise_establishment(*, user, establishment: Establishment, today: datetime.date | None = None) -> RiskAppraisal:
    check(user, Action.APPRAISE, establishment)
    today = today or clock.today()
    ((batch, ids),) = _batches(Establishment.objects.filter(pk=establishment.pk))
    (row,) = _appraisal_rows(batch, ids, today, _Tables(today), {})
    return RiskAppraisal.objects.create(**dict(zip(APPRAISAL_COLUMNS, row, strict=True)))


# --- the yearly programme -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    establishment_id: int
    score: Decimal
    postcode: str
    bound: str  # why the law requires the visit this year, "" when it does not
    due: datetime.date
    due_month: int | None  # None: due at once (overdue at the start of the year, or never visited)
    kind: str
    source: str
    hours: Decimal
    reason: str

    def schedulable(self) -> scheduling.Visit:
        # the longest overdue first, then the highest risk
        order = (self.due, -self.score, self.establishment_id)
        return scheduling.Visit(self.establishment_id, self.hours, self.due_month, bool(self.bound), order)


@dataclass(frozen=True)
class GeneratedProgramme:
    programme: Programme
    planned: int
    postponed: int
    legally_bound: int
    summary: selectors.ProgrammeSummary


def _legal_ground(ied: bool, brzo_tier: str, due_kind: str) -> str:
    if due_kind == risk.DueKind.REVISIT:
        return "hercontrole na ernstige overtreding"
    if brzo_tier:
        return f"Brzo-{'hogedrempel' if brzo_tier == 'upper' else 'lagedrempel'}inrichting"
    return "IED-installatie" if ied else ""


def _visit(version_id: int | None, category: int, due: datetime.date, due_kind: str, due_reason: str, ied: bool,
           brzo_tier: str, year: int, tables: dict[int | None, risk.RiskTable]) -> tuple:  # fmt: skip
    """What a visit holds apart from its establishment, score and postcode: its legal ground, due date and month, kind,
    source, hours and reason (the fields of _Candidate after `postcode`)."""
    if version_id not in tables:
        tables[version_id] = risk.table_from_dict(RiskTableVersion.objects.get(pk=version_id).table)
    bound = _legal_ground(ied, brzo_tier, due_kind)
    reinspection = due_kind == risk.DueKind.REVISIT
    kind = (
        Inspection.Kind.REINSPECTION if reinspection else Inspection.Kind.BRZO_SYSTEM if brzo_tier
        else Inspection.Kind.ROUTINE
    )  # fmt: skip
    reason = f"{due_reason}; uiterlijk {due:%d-%m-%Y}" + (f"; wettelijk verplicht: {bound}" if bound else "")
    at_once = due.year < year or due_kind == risk.DueKind.NEVER_VISITED
    return (
        bound,
        due,
        None if at_once else due.month,
        kind,
        PlannedVisit.Source.REINSPECTION if reinspection else PlannedVisit.Source.RISK,
        Decimal(str(tables[version_id].visit_hours[risk.Category(category)])),
        reason[:300],
    )


def _candidates(service: Organisation, year: int, planned_already: set[int]) -> Iterator[_Candidate]:
    """A visit for every supervised establishment whose current appraisal is due by the end of the year; visits
    with the same table, category, due date and legal ground share everything but their establishment and score."""
    last_day = datetime.date(year, 12, 31)
    tables: dict[int | None, risk.RiskTable] = {None: risk.DEFAULT_TABLE}
    visits: dict[tuple, tuple] = {}
    fields = ("pk", "ied", "brzo_tier", "postcode")
    for batch, ids in _batches(supervised(service), fields):
        current: dict[int, tuple] = {}
        appraisals = (
            RiskAppraisal.objects.filter(_Among("establishment_id", ids))
            .order_by("establishment_id", "-appraised_on", "-id")
            .values_list(
                "establishment_id", "table_version_id", "score", "category", "next_due", "due_kind", "due_reason"
            )
        )
        for row in appraisals:
            current.setdefault(row[0], row[1:])
        for pk, ied, brzo_tier, postcode in batch:
            if pk not in current or pk in planned_already:
                continue
            version_id, score, category, due, due_kind, due_reason = current[pk]
            if due > last_day:
                continue
            key = (version_id, category, due, due_kind, due_reason, ied, brzo_tier)
            if (visit := visits.get(key)) is None:
                visit = visits[key] = _visit(*key, year, tables)
            yield _Candidate(pk, score, postcode, *visit)


def _check_year(year: int, capacity_hours: int | None) -> None:
    errors = {}
    if not 2000 <= year <= 2100:
        errors["year"] = [f"Kies een jaar tussen 2000 en 2100, niet {year}."]
    if capacity_hours is not None and capacity_hours < 0:
        errors["capacity_hours"] = ["De capaciteit is een aantal uren, 0 of meer."]
    if errors:
        raise ValidationError(errors)


def _months_ahead(year: int, today: datetime.date) -> list[int]:
    """The months of the year from this one on: only they get inspectors (a past month's work is done or not)."""
    if year < today.year:
        return []
    return list(range(today.month if year == today.year else 1, 13))


def _months_on_days(year: int, today: datetime.date) -> list[int]:
    """This month and the next, as far as they fall in the year: planned on days when the programme is made."""
    following = (today.year + today.month // 12, today.month % 12 + 1)
    return [month for y, month in ((today.year, today.month), following) if y == year]


def _since(year: int, month: int, today: datetime.date) -> datetime.date | None:
    """Planning this month starts today; a later month at its first day."""
    return today if (year, month) == (today.year, today.month) else None


def _staff(
    service: Organisation, year: int, visits: list[_Candidate], months: dict, kept: list[tuple], today: datetime.date
) -> tuple[dict[int, int], dict[int, datetime.date]]:
    """The inspector (by capacity, scheduling.assign_inspectors) of each visit in the months ahead, and the day of
    those of this month and the next (scheduling.plan_days); `kept` are the (month, hours, inspector, day) of the
    visits that stay, whose hours and days are taken already."""
    staff = list(selectors.inspectors_of(service.pk).values_list("pk", flat=True))
    taken: dict[tuple[int, int], Decimal] = {}
    loads: dict[int, dict[datetime.date, Decimal]] = {}
    for month, hours, inspector_id, day in kept:
        if inspector_id is not None:
            taken[inspector_id, month] = taken.get((inspector_id, month), Decimal(0)) + hours
            if day is not None:
                loads.setdefault(inspector_id, {})[day] = loads.get(inspector_id, {}).get(day, Decimal(0)) + hours
    by_month: dict[int, list[_Candidate]] = {}
    for candidate in visits:
        by_month.setdefault(months[candidate.establishment_id], []).append(candidate)
    assigned: dict[int, int] = {}
    days: dict[int, datetime.date] = {}
    on_days = _months_on_days(year, today)
    for month in _months_ahead(year, today) if staff else []:
        since = _since(year, month, today)
        hours = scheduling.inspector_hours(year, month, since=since)
        room = {inspector: hours - taken.get((inspector, month), Decimal(0)) for inspector in staff}
        queue = sorted(by_month.get(month, []), key=lambda c: (not c.bound, -c.score, c.establishment_id))
        chosen = scheduling.assign_inspectors(((c.establishment_id, c.hours) for c in queue), room)
        assigned |= chosen
        if month in on_days:
            working = scheduling.working_days(year, month, since=since)
            for inspector in staff:
                route = sorted(
                    (c for c in queue if chosen.get(c.establishment_id) == inspector),
                    key=lambda c: (c.postcode, c.establishment_id),
                )
                load = loads.setdefault(inspector, {})
                days |= scheduling.plan_days([(c.establishment_id, c.hours) for c in route], working, load)
    return assigned, days


@transaction.atomic
def generate_programme(
    *, user, service: Organisation, year: int, capacity_hours: int | None = None
) -> GeneratedProgramme:
    """(Re)generate the service's programme for the year from the current appraisals.

    Visits added by hand and visits with an inspection stay; the other generated visits are made anew. Over
    capacity, the visits the law requires (IED, Brzo, re-inspection after a serious violation) all stay and the
    shortfall is reported; of the others the lowest risk scores are postponed, with the reason. Capacity left out:
    the programme's own, or for a new programme the hours of every visit due.

    The visits are spread over the months by capacity (scheduling.py): one due in month m no later than
    m, the overdue and never visited ones over the first months; the months ahead go to the service's inspectors as
    far as their hours per month reach, and this month and the next are planned on working days at once (a later
    month with plan_month_on_days, when it comes near).
    """
    check(user, Action.PLAN, service.pk, "U mag het uitvoeringsprogramma van deze omgevingsdienst niet wijzigen.")
    _check_year(year, capacity_hours)
    programme, created = Programme.objects.select_for_update().get_or_create(
        service=service, year=year, defaults={"capacity_hours": capacity_hours or 0}
    )
    before = snapshot(programme)
    programme.visits.filter(inspection__isnull=True).exclude(source=PlannedVisit.Source.MANUAL).delete()
    kept = list(programme.visits.filter(postponed=False).values_list("month", "hours", "inspector_id", "planned_on"))
    kept_hours = sum((row[1] for row in kept), Decimal(0))
    candidates = list(_candidates(service, year, set(programme.visits.values_list("establishment_id", flat=True))))
    needed = kept_hours + sum((c.hours for c in candidates), Decimal(0))
    if capacity_hours is None and created:
        capacity_hours = math.ceil(needed)
    if capacity_hours is not None:
        programme.capacity_hours = capacity_hours
    postponed: set[int] = set()
    over = needed - programme.capacity_hours
    for candidate in sorted((c for c in candidates if not c.bound), key=lambda c: (c.score, c.establishment_id)):
        if over <= 0:
            break
        postponed.add(candidate.establishment_id)
        over -= candidate.hours
    planned = [c for c in candidates if c.establishment_id not in postponed]
    kept_months: dict[int, Decimal] = {}
    for month, hours, _inspector, _day in kept:
        kept_months[month] = kept_months.get(month, Decimal(0)) + hours
    capacity = Decimal(programme.capacity_hours)
    months = scheduling.spread_over_months(
        [c.schedulable() for c in planned], year=year, capacity_hours=capacity, kept=kept_months
    )
    # the postponed ones spread too: taken back into the programme they do not all land in one month
    later = [c.schedulable() for c in candidates if c.establishment_id in postponed]
    months |= scheduling.spread_over_months(later, year=year, capacity_hours=Decimal(0))
    inspectors, days = _staff(service, year, planned, months, kept, clock.today())
    rows = []
    for c in candidates:
        pk = c.establishment_id
        put_off = pk in postponed
        reason = f"uitgesteld: onvoldoende capaciteit, lager risico (score {c.score})" if put_off else c.reason
        rows.append((programme.pk, pk, months[pk], days.get(pk), c.kind, c.hours, inspectors.get(pk), c.source,
                     put_off, reason, None))  # fmt: skip
    insert_rows(PlannedVisit._meta.db_table, VISIT_COLUMNS, rows)
    programme.generated_at = clock.now()
    programme.save()
    n_planned = len(planned)
    note = f"gegenereerd: {n_planned} bezoeken gepland, {len(postponed)} uitgesteld"
    action = ChangeRecord.Action.CREATE if created else ChangeRecord.Action.UPDATE
    record_change(programme, user=user, action=action, before=None if created else before, note=note)
    return GeneratedProgramme(
        programme=programme,
        planned=n_planned,
        postponed=len(postponed),
        legally_bound=sum(1 for c in candidates if c.bound),
        summary=selectors.programme_summary(programme, user),
    )


@transaction.atomic
def plan_month_on_days(*, user, programme: Programme, month: int) -> int:
    """Give every visit of the month that has an inspector, no inspection and no day yet a working day, from today
    on, around the days already planned (scheduling.plan_days); returns how many got one."""
    check(user, Action.PLAN, programme.service_id, "U mag dit uitvoeringsprogramma niet wijzigen.")
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ValidationError({"month": ["Kies een maand van 1 tot en met 12."]})
    today = clock.today()
    if (programme.year, month) < (today.year, today.month):
        raise ValidationError({"month": ["Deze maand is voorbij; plan een maand van nu of later op dagen."]})
    working = scheduling.working_days(programme.year, month, since=_since(programme.year, month, today))
    if not working:
        raise ValidationError({"month": ["Deze maand heeft vanaf vandaag geen werkdagen meer."]})
    visits = programme.visits.filter(month=month, postponed=False, inspector__isnull=False, inspection__isnull=True)
    loads: dict[int, dict[datetime.date, Decimal]] = {}
    for inspector_id, day, hours in visits.filter(planned_on__isnull=False).values_list(
        "inspector_id", "planned_on", "hours"
    ):
        loads.setdefault(inspector_id, {})[day] = loads.get(inspector_id, {}).get(day, Decimal(0)) + hours
    routes: dict[int, list[PlannedVisit]] = {}
    for visit in visits.filter(planned_on__isnull=True).order_by("establishment__postcode", "establishment_id"):
        routes.setdefault(visit.inspector_id, []).append(visit)
    changed = []
    for inspector_id, route in routes.items():
        found = scheduling.plan_days([(v.pk, v.hours) for v in route], working, loads.setdefault(inspector_id, {}))
        for visit in route:
            visit.planned_on = found[visit.pk]
            changed.append(visit)
    PlannedVisit.objects.bulk_update(changed, ["planned_on"], batch_size=1_000)
    note = f"maand {month} op dagen gepland: {len(changed)} bezoeken"
    record_change(programme, user=user, action=ChangeRecord.Action.UPDATE, before=snapshot(programme), note=note)
    return len(changed)


def _check_visit(programme: Programme, month, inspector, errors: dict[str, list[str]]) -> None:
    if not isinstance(month, int) or not 1 <= month <= 12:
        errors["month"] = ["Kies een maand van 1 tot en met 12."]
    if inspector is not None and inspector.organisation_id != programme.service_id:
        errors["inspector"] = [f"{inspector} werkt niet bij {programme.service}."]
    elif inspector is not None and (inspector.role != Role.INSPECTOR or not inspector.is_active):
        errors["inspector"] = [f"{inspector} is geen toezichthouder; alleen een toezichthouder voert een bezoek uit."]


def _check_day(programme: Programme, month, day, errors: dict[str, list[str]]) -> None:
    """A planned day is a working day (Algemene termijnenwet) of the visit's month."""
    if day is None or "month" in errors:
        return
    if (day.year, day.month) != (programme.year, month):
        errors["planned_on"] = [f"Kies een dag in maand {month} van {programme.year}."]
    elif day not in scheduling.working_days(day.year, day.month):
        errors["planned_on"] = [f"{day:%d-%m-%Y} is geen werkdag (weekend of feestdag); kies een werkdag."]


def _visit_hours(establishment: Establishment) -> Decimal:
    """The hours of the establishment's risk category in its current table; the lowest category when unappraised."""
    current = establishment.risk_appraisals.order_by("-appraised_on", "-id").first()
    if current is None:
        table, category = risk.DEFAULT_TABLE, risk.Category.LOW
    else:
        table = risk.table_from_dict(current.table_version.table) if current.table_version else risk.DEFAULT_TABLE
        category = risk.Category(current.category)
    return Decimal(str(table.visit_hours[category]))


@transaction.atomic
def add_visit(
    *,
    user,
    programme: Programme,
    establishment: Establishment,
    month: int,
    kind: str = Inspection.Kind.ROUTINE,
    inspector=None,
    reason: str = "",
    planned_on: datetime.date | None = None,
) -> PlannedVisit:
    check(user, Action.PLAN, programme.service_id, "U mag dit uitvoeringsprogramma niet wijzigen.")
    errors: dict[str, list[str]] = {}
    _check_visit(programme, month, inspector, errors)
    _check_day(programme, month, planned_on, errors)
    if establishment.supervising_service_id != programme.service_id:
        errors["establishment"] = [f"{programme.service} houdt geen toezicht op {establishment.name}."]
    if kind not in Inspection.Kind.values:
        errors["kind"] = [f"Onbekende soort inspectie '{kind}'."]
    if errors:
        raise ValidationError(errors)
    visit = PlannedVisit.objects.create(
        programme=programme,
        establishment=establishment,
        month=month,
        planned_on=planned_on,
        kind=kind,
        hours=_visit_hours(establishment),
        inspector=inspector,
        source=PlannedVisit.Source.MANUAL,
        reason=reason.strip()[:300] or "handmatig toegevoegd",
    )
    record_change(visit, user=user, action=ChangeRecord.Action.CREATE)
    return visit


def _editable(user, visit: PlannedVisit) -> None:
    check(user, Action.PLAN, visit.programme.service_id, "U mag dit uitvoeringsprogramma niet wijzigen.")
    if visit.inspection_id is not None and visit.inspection.status == CLOSED:
        raise ValidationError("Dit bezoek is uitgevoerd; het staat vast.")


@transaction.atomic
def change_visit(
    *, user, visit: PlannedVisit, month: int, inspector, postponed: bool, planned_on: datetime.date | None = None
) -> PlannedVisit:
    """Move the visit to another month or day, assign an inspector, postpone it or take it back into the programme.
    A postponed visit has no day."""
    _editable(user, visit)
    errors: dict[str, list[str]] = {}
    _check_visit(visit.programme, month, inspector, errors)
    _check_day(visit.programme, month, planned_on, errors)
    if errors:
        raise ValidationError(errors)
    changes = {"month": month, "inspector": inspector, "postponed": postponed}
    return update_recorded(visit, changes | {"planned_on": None if postponed else planned_on}, user=user)


@transaction.atomic
def remove_visit(*, user, visit: PlannedVisit) -> None:
    _editable(user, visit)
    if visit.inspection_id is not None:
        raise ValidationError("Aan dit bezoek hangt een inspectie; verwijder het niet, maar stel het uit.")
    record_change(visit, user=user, action=ChangeRecord.Action.DELETE, before=snapshot(visit))
    visit.delete()


# --- after a serious violation ----------------------------------------------------------------------------------


REVISIT_GROUND = "hercontrole na ernstige overtreding"


@transaction.atomic
def plan_revisit(*, establishment: Establishment, inspector=None) -> PlannedVisit | None:
    """After an inspection with a serious finding (LHSO 3-4) is closed: appraise the establishment again at once,
    which makes the next visit due within 6 months (RIE art. 23(4), openvth.rules.risk.next_due), and put that
    visit in the supervising service's programme of the year it is due in, no later than its month: an open visit
    of the establishment there is moved forward, else one is added. Without that programme the visit is planned
    when the programme is generated. A system step of closing (no planner needed); returns the visit, if any."""
    appraisal = appraise_establishment(user=SYSTEM_JOB, establishment=establishment)
    due = appraisal.next_due
    programme = Programme.objects.filter(service_id=establishment.supervising_service_id, year=due.year).first()
    if programme is None:
        return None
    reason = f"{appraisal.due_reason}; uiterlijk {due:%d-%m-%Y}; wettelijk verplicht: {REVISIT_GROUND}"[:300]
    open_visits = programme.visits.filter(establishment=establishment).exclude(inspection__status=CLOSED)
    if (early := open_visits.filter(postponed=False, month__lte=due.month).first()) is not None:
        return early  # already in time
    if inspector is not None and inspector.role != Role.INSPECTOR:
        inspector = None
    visit = open_visits.filter(inspection__isnull=True).order_by("month", "pk").first()
    if visit is None:
        visit = PlannedVisit.objects.create(
            programme=programme,
            establishment=establishment,
            month=due.month,
            kind=Inspection.Kind.REINSPECTION,
            hours=_visit_hours(establishment),
            inspector=inspector,
            source=PlannedVisit.Source.REINSPECTION,
            reason=reason,
        )
        record_change(visit, user=None, action=ChangeRecord.Action.CREATE, note="na ernstige overtreding")
        return visit
    changes = {
        "month": due.month,
        "planned_on": None,
        "postponed": False,
        "kind": Inspection.Kind.REINSPECTION,
        "source": PlannedVisit.Source.REINSPECTION,
        "reason": reason,
        "inspector": visit.inspector or inspector,
    }
    return update_recorded(visit, changes, user=None, note="na ernstige overtreding")
