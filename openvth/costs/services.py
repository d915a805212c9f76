"""Every write of the costs app: hours per task or sheet line, their CSV import, the hourly rates, the norm hours
(a versioned table per service) and the budgets agreed with the commissioning authorities.

Each write runs in one transaction and records its history (core.history.record_change); an error raises a Dutch
ValidationError (or PermissionDenied) and leaves nothing behind. The staff of a service write hours
(Action.RECORD_HOURS), each their own, a manager also for a colleague; its managers set the rates, norms and
budgets (Action.MANAGE_COSTS).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum

from openvth.accounts.models import User
from openvth.capacity.models import StaffMember
from openvth.capacity.services import error_messages, read_csv_rows
from openvth.core import clock
from openvth.core.history import record_change, update_recorded
from openvth.core.inputs import check_lengths_into, not_in_future, parse_date, whole_number_into
from openvth.core.models import ChangeRecord
from openvth.core.permissions import Action, check, may
from openvth.core.scoping import author
from openvth.core.versioning import store_version
from openvth.enforcement.models import EnforcementCase
from openvth.permits.models import Application
from openvth.register.models import Organisation
from openvth.rules import norm_costs, quality
from openvth.supervision.models import Inspection

from . import selectors
from .models import Budget, HourEntry, HourlyRate, NormHoursVersion

MAX_RATE = Decimal(1_000)  # an hourly rate above this is a typing error
MAX_BUDGET = Decimal(1_000_000_000)
HOURS_A_DAY = Decimal(24)


def _check(user, action: Action, service: Organisation) -> None:
    if service.kind != Organisation.Kind.OMGEVINGSDIENST:
        raise ValidationError({"service": [f"{service.name} is geen omgevingsdienst."]})
    check(user, action, service)


def _decimal(value, field: str, label: str, errors: dict, *, low: Decimal, high: Decimal, places: str):
    raw = str(value if value is not None else "").strip().replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not low <= number <= high:
        errors[field] = [f"{label}: geef een getal van {low} tot en met {high}, niet '{raw}'."]
        return None
    if number != number.quantize(Decimal(places)):
        errors[field] = [f"{label}: ten hoogste {len(places) - 2} decimalen, niet '{raw}'."]
        return None
    return number


def _year(value, errors: dict) -> int | None:
    return whole_number_into(value, "year", 2000, 2100, "Geef een jaar van 2000 tot 2100", errors)


def _package(value, errors: dict) -> str:
    if value not in set(norm_costs.Package):
        errors["package"] = [f"Kies een pakket: {', '.join(norm_costs.PACKAGE_LABELS.values())}."]
    return value


def _authority(service: Organisation, authority, errors: dict) -> Organisation | None:
    if authority is None or authority == "":
        errors["authority"] = ["Kies de opdrachtgever."]
        return None
    if not isinstance(authority, Organisation) or authority.pk not in selectors.commissioner_ids(service):
        errors["authority"] = [f"{authority} geeft {service.name} geen opdrachten (geen deelnemer of provincie)."]
        return None
    return authority


# --- hours ----------------------------------------------------------------------------------------------------------


def _person(user, service: Organisation, staff, worker, errors: dict) -> tuple[StaffMember | None, User | None]:
    """Whose hours: a staff member or user of the service; without either, the user himself. Only a manager
    writes hours for somebody else."""
    if staff is None and worker is None:
        worker = user if getattr(user, "pk", None) is not None else None
        if worker is None:
            errors["staff"] = ["Geef de medewerker van wie de uren zijn."]
            return None, None
    if staff is not None and staff.service_id != service.pk:
        errors["staff"] = ["Schrijf alleen uren van medewerkers van de eigen omgevingsdienst."]
    if worker is not None and worker.organisation_id != service.pk:
        errors["staff"] = ["Schrijf alleen uren van gebruikers van de eigen omgevingsdienst."]
    own = worker == user if worker is not None else staff is not None and staff.user_id == getattr(user, "pk", -1)
    if not own and not may(user, Action.MANAGE_COSTS, service):
        raise PermissionDenied("U schrijft alleen uw eigen uren; een manager schrijft ook die van collega's.")
    return staff, worker


def _task(service: Organisation, inspection, application, case, errors: dict) -> dict:
    """The task's own authority, product and task area; the task must be the service's."""
    given = [task for task in (inspection, application, case) if task is not None]
    if len(given) > 1:
        errors["task"] = ["Schrijf uren op één taak: een inspectie, een aanvraag of een handhavingszaak."]
        return {}
    if not given:
        return {}
    task = given[0]
    establishment = task.establishment
    if service.pk not in {task.owner_id, establishment.supervising_service_id}:
        errors["task"] = [f"{task} is geen taak van {service.name}."]
        return {}
    complex_establishment = establishment.ied or bool(establishment.brzo_tier)
    if isinstance(task, Inspection):
        product = norm_costs.inspection_product(
            complex_establishment=complex_establishment, brzo_system=task.kind == Inspection.Kind.BRZO_SYSTEM
        )
        authority = establishment.competent_authority
    elif isinstance(task, Application):
        product = norm_costs.application_product(extended=task.procedure == Application.Procedure.EXTENDED)
        authority = task.competent_authority
    else:
        product = norm_costs.Product.ENFORCEMENT_CASE
        authority = task.competent_authority
    return {
        "product": product.value,
        "task_area": norm_costs.PRODUCT_AREA[product].value,
        "authority": authority,
        "inspection": task if isinstance(task, Inspection) else None,
        "application": task if isinstance(task, Application) else None,
        "case": task if isinstance(task, EnforcementCase) else None,
    }


@transaction.atomic
def record_hours(
    *, user, service: Organisation, day, hours, authority=None, package=norm_costs.Package.BASIS, task_area="",
    inspection=None, application=None, case=None, staff=None, worker=None, note="",
) -> HourEntry:  # fmt: skip
    """Hours of one person on one day on a task (its authority, product and task area follow from it) or, as a
    sheet line, on a task area for a commissioning authority. At most 24 hours a person a day."""
    _check(user, Action.RECORD_HOURS, service)
    errors: dict[str, list[str]] = {}
    staff, worker = _person(user, service, staff, worker, errors)
    try:
        day = parse_date(day, "day", "Datum")
        not_in_future(day, "day", "Datum")
    except ValidationError as error:
        errors.update(error.message_dict)
        day = None
    amount = _decimal(hours, "hours", "Uren", errors, low=Decimal("0.25"), high=HOURS_A_DAY, places="0.01")
    package = _package(package, errors)
    values = _task(service, inspection, application, case, errors)
    if not values and "task" not in errors:
        if task_area not in set(quality.TaskArea):
            errors["task_area"] = ["Kies het taakveld (of schrijf op een taak)."]
        values = {"task_area": task_area, "product": "", "authority": _authority(service, authority, errors)}
    note = (note or "").strip()
    check_lengths_into(HourEntry, {"note": note}, errors)
    if day is not None and amount is not None and (staff is not None or worker is not None):
        person = {"staff": staff} if staff is not None else {"worker": worker}
        booked = HourEntry.objects.filter(day=day, **person).aggregate(total=Sum("hours"))["total"] or Decimal(0)
        if booked + amount > HOURS_A_DAY:
            errors["hours"] = [f"Op {day:%d-%m-%Y} staan al {booked} uur: samen meer dan 24 uur op één dag."]
    if errors:
        raise ValidationError(errors)
    entry = HourEntry.objects.create(
        service=service, staff=staff, worker=worker, day=day, hours=amount, package=package, note=note,
        recorded_by=author(user), recorded_at=clock.now(), **values,
    )  # fmt: skip
    record_change(entry, user=user, action=ChangeRecord.Action.CREATE)
    return entry


# the columns of a CSV of hours: one line per person, day and task (or task area)
CSV_COLUMNS = ("datum", "uren", "medewerker", "taak", "taakveld", "opdrachtgever", "pakket", "omschrijving")
REQUIRED_COLUMNS = CSV_COLUMNS[:3]
TASK_PREFIXES = {"inspectie": "inspection", "aanvraag": "application", "zaak": "case"}


def _csv_task(service: Organisation, text: str) -> dict:
    """`inspectie:<id>`, `aanvraag:<kenmerk>` or `zaak:<zaaknummer>` of the service; empty: a sheet line."""
    if not text:
        return {}
    prefix, _sep, key = text.partition(":")
    field = TASK_PREFIXES.get(prefix.strip().lower())
    key = key.strip()
    if field is None or not key:
        raise ValidationError(
            {"task": [f"Taak '{text}': schrijf inspectie:<nummer>, aanvraag:<kenmerk> of zaak:<zaaknummer>."]}
        )
    if field == "inspection":
        found = Inspection.objects.filter(pk=int(key)).first() if key.isdigit() and len(key) < 19 else None
    elif field == "application":
        found = Application.objects.filter(reference=key, owner=service).first()
    else:
        found = EnforcementCase.objects.filter(reference=key).first()
    if found is None:
        raise ValidationError({"task": [f"Taak '{text}' bestaat niet."]})
    return {field: found}


def _csv_person(service: Organisation, text: str) -> dict:
    staff = StaffMember.objects.filter(service=service, name__iexact=text).first()
    if staff is not None:
        return {"staff": staff}
    worker = User.objects.filter(organisation=service, username__iexact=text).first()
    if worker is not None:
        return {"worker": worker}
    raise ValidationError({"staff": [f"Medewerker '{text}' is geen medewerker of gebruiker van {service.name}."]})


@transaction.atomic
def import_hours(*, user, service: Organisation, content: bytes) -> int:
    """Hours from CSV (comma or semicolon, UTF-8; capacity's reader): all lines or none. Every bad line is named
    with its number and each of its faults in one ValidationError ("Regel N: ..."). Returns the lines stored."""
    _check(user, Action.RECORD_HOURS, service)
    authorities = {o.code.upper(): o for o in Organisation.objects.filter(pk__in=selectors.commissioner_ids(service))}
    errors: list[str] = []
    stored = 0
    for number, row in read_csv_rows(content, REQUIRED_COLUMNS):
        try:
            with transaction.atomic():  # a savepoint: a refused line leaves nothing, the next is still checked
                code = row.get("opdrachtgever", "").upper()
                record_hours(
                    user=user, service=service, day=row["datum"], hours=row["uren"],
                    authority=authorities.get(code, code or None),
                    package=row.get("pakket") or norm_costs.Package.BASIS,
                    task_area=row.get("taakveld", "").upper(), note=row.get("omschrijving", ""),
                    **_csv_person(service, row["medewerker"]), **_csv_task(service, row.get("taak", "")),
                )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            messages = error_messages(error) if isinstance(error, ValidationError) else [str(error)]
            errors.extend(f"Regel {number}: {message}" for message in messages)
        else:
            stored += 1
    if errors:
        raise ValidationError(errors)
    if not stored:
        raise ValidationError(["Het bestand bevat geen regels met uren."])
    return stored


# --- rates, norms and budgets ---------------------------------------------------------------------------------------


@transaction.atomic
def set_rate(*, user, service: Organisation, year, rate, note="") -> HourlyRate:
    """The service's hourly rate of a year; setting it again changes it (the history keeps the earlier rate)."""
    _check(user, Action.MANAGE_COSTS, service)
    errors: dict[str, list[str]] = {}
    year = _year(year, errors)
    rate = _decimal(rate, "rate", "Uurtarief", errors, low=Decimal("0.01"), high=MAX_RATE, places="0.01")
    note = (note or "").strip()
    check_lengths_into(HourlyRate, {"note": note}, errors)
    if errors:
        raise ValidationError(errors)
    existing = HourlyRate.objects.select_for_update().filter(service=service, year=year).first()
    if existing is None:
        found = HourlyRate.objects.create(service=service, year=year, rate=rate, note=note)
        record_change(found, user=user, action=ChangeRecord.Action.CREATE)
        return found
    return update_recorded(existing, {"rate": rate, "note": note}, user=user)


@transaction.atomic
def set_budget(*, user, service: Organisation, authority, year, package, hours, amount, reference="") -> Budget:
    """What an authority agreed with the service for a year and package; agreeing again changes it."""
    _check(user, Action.MANAGE_COSTS, service)
    errors: dict[str, list[str]] = {}
    authority = _authority(service, authority, errors)
    year = _year(year, errors)
    package = _package(package, errors)
    hours = _decimal(hours, "hours", "Uren", errors, low=Decimal(0), high=Decimal(10_000_000), places="0.1")
    amount = _decimal(amount, "amount", "Bedrag", errors, low=Decimal(0), high=MAX_BUDGET, places="0.01")
    reference = (reference or "").strip()
    check_lengths_into(Budget, {"reference": reference}, errors)
    if errors:
        raise ValidationError(errors)
    key = {"service": service, "authority": authority, "year": year, "package": package}
    existing = Budget.objects.select_for_update().filter(**key).first()
    if existing is None:
        found = Budget.objects.create(**key, hours=hours, amount=amount, reference=reference)
        record_change(found, user=user, action=ChangeRecord.Action.CREATE)
        return found
    return update_recorded(existing, {"hours": hours, "amount": amount, "reference": reference}, user=user)


def store_norm_hours(*, user, service: Organisation, valid_from, hours: dict, note: str = "") -> NormHoursVersion:
    """A new version of the service's standard hours per product, from a day after its newest version."""
    _check(user, Action.MANAGE_COSTS, service)

    def parse(values):
        try:
            return {"hours": norm_costs.parse_norm_hours(values["hours"])}
        except norm_costs.NormHoursError as error:
            raise ValidationError({"hours": [f"{key}: {message}" for key, message in error.errors.items()]}) from None

    return store_version(
        NormHoursVersion, user=user, owner=service, valid_from=valid_from, values={"hours": hours}, note=note,
        check=parse,
    )  # fmt: skip
