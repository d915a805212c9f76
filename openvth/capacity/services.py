"""Every write of the capacity app: staff, competences, certificates, the CSV import of staff, the quality criteria
(national and regional) and the SPUK grants with their quarterly spending.

Each write runs in one transaction and records its history (core.history.record_change); an error raises a Dutch
ValidationError (or PermissionDenied) and leaves nothing behind. A service's staff, criteria and grants are kept by
its managers and administrators (Action.PLAN on the service); the national minimum by the programme office
(Action.EDIT_PROGRAMME), stored under a ministry organisation.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from openvth.accounts.models import Role, User
from openvth.core.history import record_change, snapshot, update_recorded
from openvth.core.inputs import check_lengths_into, parse_date, parse_date_into, whole_number_into
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check
from openvth.core.versioning import store_version
from openvth.register.models import Organisation
from openvth.rules import quality, spuk

from . import selectors
from .models import Certificate, Competence, Grant, GrantQuarter, QualityCriteriaVersion, StaffMember

MAX_HOURS = 2_000  # a full-time year is about 1,600 productive hours: more is a typing error
STAFF_FIELDS = ("name", "account", "roles", "hours_per_year", "active_from", "active_to")
COMPETENCE_FIELDS = (
    "task_area", "education", "training", "experience_years", "hours_per_year", "valid_from", "valid_to",
)  # fmt: skip


def _check_service(user, service: Organisation) -> None:
    if service.kind != Organisation.Kind.OMGEVINGSDIENST:
        raise ValidationError({"service": [f"{service.name} is geen omgevingsdienst."]})
    check(user, Action.PLAN, service, "Alleen een manager of beheerder van de omgevingsdienst legt dit vast.")


def _hours(value, field: str, label: str, errors: dict) -> int | None:
    return whole_number_into(
        value, field, 0, MAX_HOURS, f"{label}: geef een geheel aantal uren van 0 tot {MAX_HOURS}", errors
    )


def _date(value, field: str, label: str, errors: dict, *, required: bool = True) -> date | None:
    return parse_date_into(value, field, label, errors, required=required, historic=True)


def _period(start, end, field: str, errors: dict) -> None:
    if start is not None and end is not None and end < start:
        errors[field] = ["De einddatum ligt vóór de begindatum."]


def _roles(value, errors: dict) -> list[str]:
    roles = [r.strip() for r in value.split("|")] if isinstance(value, str) else list(value or [])
    roles = [r for r in roles if r]
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        errors["roles"] = [f"Onbekende rol: {', '.join(unknown)} (kies uit {', '.join(Role.values)})."]
    return roles


def _staff_values(service: Organisation, values: dict, *, partial: bool = False) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    if not partial or "name" in values:
        name = (values.get("name") or "").strip()
        if not name:
            errors["name"] = ["De naam is verplicht."]
        cleaned["name"] = name
    if "roles" in values:
        cleaned["roles"] = _roles(values["roles"], errors)
    if not partial or "hours_per_year" in values:
        cleaned["hours_per_year"] = _hours(values.get("hours_per_year"), "hours_per_year", "Uren per jaar", errors)
    if not partial or "active_from" in values:
        cleaned["active_from"] = _date(values.get("active_from"), "active_from", "In dienst vanaf", errors)
    if "active_to" in values:
        cleaned["active_to"] = _date(values["active_to"], "active_to", "In dienst tot en met", errors, required=False)
    if "account" in values:  # the linked user (`user` is who makes the change)
        account = values["account"] or None
        if account is not None and not isinstance(account, User):
            text = str(getattr(account, "pk", account)).strip()
            account = User.objects.filter(pk=int(text)).first() if text.isdigit() and len(text) < 19 else None
            if account is None:
                errors["account"] = ["Deze gebruiker bestaat niet."]
        if isinstance(account, User) and account.organisation_id != service.pk:
            errors["account"] = ["Koppel alleen een gebruiker van de eigen omgevingsdienst."]
        cleaned["user"] = account if isinstance(account, User) else None
    check_lengths_into(StaffMember, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save(record, *, user, period: tuple[str, str], changes: dict | None = None):
    """Save a new record (`changes` None) or the locked record with `changes`, its period (start and end field)
    not ending before it starts, and record that in its history."""
    before = None
    if changes is not None:
        record = type(record).objects.select_for_update().get(pk=record.pk)
        before = snapshot(record)
        for name, value in changes.items():
            setattr(record, name, value)
    errors: dict = {}
    _period(getattr(record, period[0]), getattr(record, period[1]), period[1], errors)
    if errors:
        raise ValidationError(errors)
    record.save()
    action = ChangeRecord.Action.CREATE if before is None else ChangeRecord.Action.UPDATE
    record_change(record, user=user, action=action, before=before)
    return record


STAFF_PERIOD = ("active_from", "active_to")
COMPETENCE_PERIOD = ("valid_from", "valid_to")


@transaction.atomic
def create_staff(*, user, service: Organisation, **values) -> StaffMember:
    _check_service(user, service)
    return _save(StaffMember(service=service, **_staff_values(service, values)), user=user, period=STAFF_PERIOD)


@transaction.atomic
def update_staff(*, user, staff: StaffMember, **values) -> StaffMember:
    _check_service(user, staff.service)
    changes = _staff_values(staff.service, values, partial=True)
    return _save(staff, user=user, period=STAFF_PERIOD, changes=changes)


def _competence_values(values: dict, *, partial: bool = False) -> dict:
    errors: dict[str, list[str]] = {}
    cleaned: dict = {}
    if not partial or "task_area" in values:
        area = str(values.get("task_area") or "").strip()
        if area not in set(quality.TaskArea):
            errors["task_area"] = [f"Onbekend taakveld '{area}' (kies uit {', '.join(quality.TaskArea)})."]
        cleaned["task_area"] = area
    if not partial or "education" in values:
        level = str(values.get("education") or "").strip().lower()
        if level not in set(quality.Education):
            errors["education"] = [f"Onbekend opleidingsniveau '{level}' (kies mbo, hbo of wo)."]
        cleaned["education"] = level
    if "training" in values:
        cleaned["training"] = (values["training"] or "").strip()
    if not partial or "experience_years" in values:
        raw = str(values.get("experience_years") if values.get("experience_years") is not None else "").strip()
        try:
            years = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            years = None
        if years is None or not years.is_finite() or not Decimal(0) <= years <= Decimal(60):
            errors["experience_years"] = [f"Werkervaring: geef een aantal jaren van 0 tot 60, niet '{raw}'."]
        else:
            cleaned["experience_years"] = years.quantize(Decimal("0.1"))
    if not partial or "hours_per_year" in values:
        cleaned["hours_per_year"] = _hours(
            values.get("hours_per_year"), "hours_per_year", "Uren per jaar in dit taakveld", errors
        )
    if not partial or "valid_from" in values:
        cleaned["valid_from"] = _date(values.get("valid_from"), "valid_from", "Geldig vanaf", errors)
    if "valid_to" in values:
        cleaned["valid_to"] = _date(values["valid_to"], "valid_to", "Geldig tot en met", errors, required=False)
    check_lengths_into(Competence, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def add_competence(*, user, staff: StaffMember, **values) -> Competence:
    _check_service(user, staff.service)
    return _save(Competence(staff=staff, **_competence_values(values)), user=user, period=COMPETENCE_PERIOD)


@transaction.atomic
def update_competence(*, user, competence: Competence, **values) -> Competence:
    """Change a competence (e.g. end it with `valid_to`); its history keeps what held before."""
    _check_service(user, competence.staff.service)
    changes = _competence_values(values, partial=True)
    return _save(competence, user=user, period=COMPETENCE_PERIOD, changes=changes)


def _certificate_values(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    name = (values.get("name") or "").strip()
    if not name:
        errors["name"] = ["De naam van het certificaat is verplicht."]
    issued = _date(values.get("issued_on"), "issued_on", "Behaald op", errors)
    expires = _date(values.get("expires_on"), "expires_on", "Geldig tot en met", errors, required=False)
    _period(issued, expires, "expires_on", errors)
    cleaned = {"name": name, "issued_on": issued, "expires_on": expires}
    check_lengths_into(Certificate, cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def add_certificate(*, user, competence: Competence, **values) -> Certificate:
    _check_service(user, competence.staff.service)
    certificate = Certificate.objects.create(competence=competence, **_certificate_values(values))
    record_change(certificate, user=user, action=ChangeRecord.Action.CREATE)
    return certificate


# --- CSV import -----------------------------------------------------------------------------------------------------

# the columns of `openvth capacity import-staff`: one line per competence; the lines of one person share the name
CSV_COLUMNS = (
    "naam", "rollen", "uren_per_jaar", "in_dienst_vanaf", "taakveld", "opleiding", "ervaring_jaren",
    "uren_taakveld", "geldig_vanaf", "opleiding_cursussen", "certificaat", "certificaat_behaald",
    "certificaat_geldig_tot",
)  # fmt: skip
REQUIRED_COLUMNS = CSV_COLUMNS[:9]
_STAFF_COLUMNS = {
    "naam": "name",
    "rollen": "roles",
    "uren_per_jaar": "hours_per_year",
    "in_dienst_vanaf": "active_from",
}
_COMPETENCE_COLUMNS = {
    "taakveld": "task_area", "opleiding": "education", "ervaring_jaren": "experience_years",
    "uren_taakveld": "hours_per_year", "geldig_vanaf": "valid_from", "opleiding_cursussen": "training",
}  # fmt: skip
_CERTIFICATE_COLUMNS = {
    "certificaat": "name",
    "certificaat_behaald": "issued_on",
    "certificaat_geldig_tot": "expires_on",
}
MAX_IMPORT_LINES = 10_000


@dataclass(frozen=True)
class Imported:
    staff: int  # people created
    competences: int
    certificates: int


def error_messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [message for messages in error.message_dict.values() for message in messages]


def read_csv_rows(content: bytes, required: tuple[str, ...] = REQUIRED_COLUMNS) -> list[tuple[int, dict]]:
    """The non-empty lines of a CSV upload (comma or semicolon, UTF-8) with their line numbers and lower-case
    columns; a file that is no text, lacks a `required` column or is too long is refused as a whole."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({NON_FIELD_ERRORS: ["Het bestand is geen tekst in UTF-8."]}) from None
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise ValidationError({NON_FIELD_ERRORS: [f"Regel 1: de kolommen {', '.join(missing)} ontbreken."]})
    reader.fieldnames = header
    rows = []
    for row in reader:
        if len(rows) >= MAX_IMPORT_LINES:
            raise ValidationError({NON_FIELD_ERRORS: [f"Meer dan {MAX_IMPORT_LINES} regels: splits het bestand."]})
        values = {key: (value or "").strip() for key, value in row.items() if key is not None}
        if any(values.values()):
            rows.append((reader.line_num, values))
    return rows


@transaction.atomic
def import_staff(*, user, service: Organisation, content: bytes) -> Imported:
    """Staff with their competences (and a certificate each) from CSV (comma or semicolon separated, UTF-8): all
    lines or none. Every bad line is named with its number and every fault of it, in one ValidationError
    ("Regel N: ..."); a person's later lines (same name) add competences to the person of the first."""
    _check_service(user, service)
    errors: list[str] = []
    people: dict[str, StaffMember] = {
        s.name.casefold(): s for s in StaffMember.objects.filter(service=service, active_to__isnull=True)
    }
    created = competences = certificates = 0
    for number, row in read_csv_rows(content):
        faults: list[str] = []
        key = row.get("naam", "").casefold()
        staff = people.get(key)
        steps = []
        if staff is None:
            steps.append(lambda r=row: _staff_values(service, {f: r.get(c, "") for c, f in _STAFF_COLUMNS.items()}))
        steps.append(lambda r=row: _competence_values({f: r.get(c, "") for c, f in _COMPETENCE_COLUMNS.items()}))
        has_certificate = any(row.get(c) for c in _CERTIFICATE_COLUMNS)
        if has_certificate:
            steps.append(lambda r=row: _certificate_values({f: r.get(c, "") for c, f in _CERTIFICATE_COLUMNS.items()}))
        for step in steps:
            try:
                step()
            except ValidationError as error:
                faults.extend(error_messages(error))
        if faults:
            errors.extend(f"Regel {number}: {message}" for message in faults)
            continue
        if errors:
            continue  # nothing is stored anyway: only the remaining lines are checked
        if staff is None:
            staff = create_staff(user=user, service=service, **{f: row.get(c, "") for c, f in _STAFF_COLUMNS.items()})
            people[key] = staff
            created += 1
        competence = add_competence(
            user=user, staff=staff, **{f: row.get(c, "") for c, f in _COMPETENCE_COLUMNS.items()}
        )
        competences += 1
        if has_certificate:
            add_certificate(
                user=user, competence=competence, **{f: row.get(c, "") for c, f in _CERTIFICATE_COLUMNS.items()}
            )
            certificates += 1
    if errors:
        raise ValidationError(errors)
    if not competences:
        raise ValidationError(["Het bestand bevat geen regels met medewerkers."])
    return Imported(created, competences, certificates)


# --- quality criteria -----------------------------------------------------------------------------------------------


def store_criteria(*, user, organisation: Organisation, valid_from, criteria: dict, note: str = ""):
    """A new version of the quality criteria: the national minimum under a ministry organisation (every area and
    criterion), or a service's own stricter values (never below the national minimum in force from `valid_from`,
    refused per value)."""
    if organisation.kind == Organisation.Kind.MINISTRY:
        check(user, Action.EDIT_PROGRAMME, None, "Alleen het programmabureau stelt de landelijke minimumcriteria vast.")

        def parse(values):
            return {"criteria": _criteria(lambda: quality.parse_national(values["criteria"]))}

    elif organisation.kind == Organisation.Kind.OMGEVINGSDIENST:
        check(
            user, Action.PLAN, organisation, "Alleen een manager of beheerder van de dienst stelt haar criteria vast."
        )
        try:
            day = parse_date(valid_from, "valid_from", "Geldig vanaf")
        except ValidationError:
            day = None  # store_version names the bad date

        def parse(values):
            national = selectors.national_criteria(day) if day else selectors.national_criteria_now()
            latest = selectors.national_criteria_now()
            floor = {area: max_criteria(national[area], latest[area]) for area in national}
            return {"criteria": _criteria(lambda: quality.parse_regional(values["criteria"], floor))}

    else:
        raise ValidationError({"organisation": ["Kwaliteitscriteria horen bij het ministerie of een omgevingsdienst."]})
    return store_version(
        QualityCriteriaVersion,
        user=user,
        owner=organisation,
        valid_from=valid_from,
        values={"criteria": criteria},
        note=note,
        check=parse,
    )


def max_criteria(first: quality.Criteria, second: quality.Criteria) -> quality.Criteria:
    """The stricter of two national minimums, value by value (a regional value must be above both the one in force
    on its day and the newest)."""
    values = {}
    for name in quality.FIELDS:
        a, b = getattr(first, name.value), getattr(second, name.value)
        values[name.value] = b if quality.below(name.value, a, b) else a
    return quality.Criteria(**values)


def _criteria(parse):
    try:
        return parse()
    except quality.CriteriaError as error:
        raise ValidationError({"criteria": [f"{key}: {message}" for key, message in error.errors.items()]}) from None


# --- SPUK grants ----------------------------------------------------------------------------------------------------


def _amount(value, field: str, label: str, errors: dict, *, positive: bool) -> Decimal | None:
    raw = str(value if value is not None else "").strip().replace(",", ".")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = None
    low = Decimal("0.01") if positive else Decimal(0)
    if amount is None or not amount.is_finite() or not low <= amount <= spuk.NATIONAL_TOTAL:
        errors[field] = [f"{label}: geef een bedrag in euro van {low} tot {spuk.NATIONAL_TOTAL}, niet '{raw}'."]
        return None
    return amount.quantize(Decimal("0.01"))


def _year(value, errors: dict) -> int | None:
    return whole_number_into(value, "year", 2020, 2100, "Geef een jaar van 2020 tot 2100", errors)


@transaction.atomic
def record_grant(*, user, service: Organisation, year, purpose, amount, reference="", description="") -> Grant:
    """A SPUK grant as the beschikking awarded it, one per purpose and year."""
    _check_service(user, service)
    errors: dict[str, list[str]] = {}
    year = _year(year, errors)
    if purpose not in set(spuk.Purpose):
        errors["purpose"] = [f"Kies een doel: {', '.join(spuk.PURPOSE_LABELS.values())}."]
    amount = _amount(amount, "amount", "Bedrag", errors, positive=True)
    values = {"reference": (reference or "").strip(), "description": (description or "").strip()}
    check_lengths_into(Grant, values, errors)
    if not errors and Grant.objects.filter(service=service, year=year, purpose=purpose).exists():
        errors["purpose"] = [f"Er is al een uitkering voor {spuk.PURPOSE_LABELS[purpose]} in {year}."]
    if errors:
        raise ValidationError(errors)
    grant = Grant.objects.create(service=service, year=year, purpose=purpose, amount=amount, **values)
    record_change(grant, user=user, action=ChangeRecord.Action.CREATE)
    return grant


@transaction.atomic
def report_quarter(*, user, grant: Grant, year, quarter, spent, results="") -> GrantQuarter:
    """A quarter's spending and results of a grant; reporting a quarter again replaces it (the history keeps the
    earlier report). The total spent never exceeds the amount granted."""
    _check_service(user, grant.service)
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    errors: dict[str, list[str]] = {}
    year = _year(year, errors)
    text = str(quarter if quarter is not None else "").strip()
    if text not in ("1", "2", "3", "4"):
        errors["quarter"] = [f"Kies kwartaal 1, 2, 3 of 4, niet '{text}'."]
    spent = _amount(spent, "spent", "Besteed", errors, positive=False)
    if errors:
        raise ValidationError(errors)
    existing = GrantQuarter.objects.filter(grant=grant, year=year, quarter=int(text)).first()
    others = grant.quarters.exclude(pk=getattr(existing, "pk", None))
    before_total = sum((q.spent for q in others), Decimal(0))
    if spuk.over_spent(grant.amount, before_total, spent):
        left = grant.amount - before_total
        raise ValidationError({"spent": [f"Meer dan toegekend: er resteert € {left:.2f} van € {grant.amount:.2f}."]})
    results = (results or "").strip()
    if existing is None:
        report = GrantQuarter.objects.create(grant=grant, year=year, quarter=int(text), spent=spent, results=results)
        record_change(report, user=user, action=ChangeRecord.Action.CREATE)
        return report
    return update_recorded(existing, {"spent": spent, "results": results}, user=user)
