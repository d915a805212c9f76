"""Checks of input values that every domain's services share; errors are Dutch ValidationErrors per field."""

from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from openvth.core import clock
from openvth.rules.terms import add_months

# outside these a date is a default or a typing error (year 1, 1900), never a real record: always refused
EARLIEST, LATEST = date(1901, 1, 1), date(2100, 12, 31)
# no inspection or decision of the VTH-stelsel before this, nor more than two years ahead, unless a reason says so
RECORDS_FROM = date(1990, 1, 1)
MONTHS_AHEAD = 24
# ids are 64-bit signed integers on every database: a larger one is an error of the client, not of the server
MAX_ID = 2**63 - 1


def check_date(day: date, field: str, label: str, *, reason: str = "", historic: bool = False) -> date:
    """A date within sane bounds: always 1901-2100; without a `reason` also from 1990-01-01 (unless `historic`:
    a register fact such as the start of an activity may be older) up to two years after today."""
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            {field: [f"{label} ({day.isoformat()}) kan niet kloppen: kies een datum tussen 1901 en 2100."]}
        )
    if (reason or "").strip():
        return day
    if not historic and day < RECORDS_FROM:
        raise ValidationError(
            {field: [f"{label} ({day.isoformat()}) ligt vóór 1 januari 1990; geef een reden als de datum klopt."]}
        )
    latest = add_months(clock.today(), MONTHS_AHEAD)
    if day > latest:
        raise ValidationError(
            {field: [f"{label} ({day.isoformat()}) ligt meer dan twee jaar vooruit (na {latest.isoformat()})."]}
        )
    return day


def parse_date(
    value, field: str, label: str, *, required: bool = True, reason: str = "", historic: bool = False
) -> date | None:
    """A date from a date, a datetime or ISO text (JJJJ-MM-DD) within the bounds of `check_date`; empty is refused
    unless not required."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: [f"{label} is verplicht."]})
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError({field: [f"{label} moet een datum JJJJ-MM-DD zijn, niet '{value}'."]}) from None
    return check_date(day, field, label, reason=reason, historic=historic)


def parse_date_into(value, field: str, label: str, errors: dict, **kwargs) -> date | None:
    """`parse_date` (with its keyword arguments) for an input checked whole: a refusal is added to `errors` and the
    answer is None."""
    try:
        return parse_date(value, field, label, **kwargs)
    except ValidationError as error:
        errors.update(error.message_dict)
        return None


def whole_number_into(value, field: str, low: int, high: int, message: str, errors: dict) -> int | None:
    """A whole number from `low` to `high`, given as a number or as text, for an input checked whole: anything else
    puts "`message`, niet '<what was given>'." on `field` in `errors` and answers None."""
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or not low <= int(text) <= high:
        errors[field] = [f"{message}, niet '{text}'."]
        return None
    return int(text)


def not_in_future(day: date, field: str, label: str) -> None:
    if day > clock.today():
        raise ValidationError({field: [f"{label} ligt in de toekomst ({day.isoformat()})."]})


def parse_id(value, field: str) -> int:
    """An id given as text (a query parameter): a whole number from 1 to the 64-bit bound."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        raise ValidationError({field: [f"Geef het nummer (id) op, een geheel getal van 1 tot {MAX_ID}."]})
    return int(text)


def check_lengths(model: type[models.Model], values: dict) -> None:
    """The text lengths of the model, checked before a write: SQLite does not enforce `max_length`, PostgreSQL
    does, and neither should store or choke on a 100,000-character name. One error naming each field too long."""
    errors = {}
    for name, value in values.items():
        try:
            limit = model._meta.get_field(name).max_length
        except FieldDoesNotExist:  # not a field of the model: nothing to check
            continue
        if limit is not None and isinstance(value, str) and len(value) > limit:
            errors[name] = [f"Ten hoogste {limit} tekens, niet {len(value)}."]
    if errors:
        raise ValidationError(errors)


def check_lengths_into(model: type[models.Model], values: dict, errors: dict) -> None:
    """`check_lengths` for an input checked whole: the fields too long are added to `errors` (name: messages), so
    one answer names them with the input's other faults (after a message `errors` already holds for the field)."""
    try:
        check_lengths(model, values)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
