"""Checks of input values that every domain's services share; errors are Dutch ValidationErrors per field."""

from datetime import date, datetime

from django.core.exceptions import ValidationError

from openvth.core import clock


def parse_date(value, field: str, label: str, *, required: bool = True) -> date | None:
    """A date from a date, a datetime or ISO text (JJJJ-MM-DD); empty is refused unless not required."""
    if value in (None, ""):
        if required:
            raise ValidationError({field: [f"{label} is verplicht."]})
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: [f"{label} moet een datum JJJJ-MM-DD zijn, niet '{value}'."]}) from None


def not_in_future(day: date, field: str, label: str) -> None:
    if day > clock.today():
        raise ValidationError({field: [f"{label} ligt in de toekomst ({day.isoformat()})."]})
