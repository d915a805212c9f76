"""The one clock of openvth: every "today" and "now" in the code comes from here, so tests set the day, and so do
the seconds a duration is measured in (`seconds`).

Tests move it with time-machine (the suite's autouse fixture sets a fixed day for every test); production reads the
system clock in the time zone of the settings (Europe/Amsterdam), so a day is a Dutch calendar day.
"""

import time
from datetime import date, datetime

from django.utils import timezone
from django.utils.deconstruct import deconstructible


def now() -> datetime:
    """The current moment, aware (UTC)."""
    return timezone.now()


def today() -> date:
    """The current calendar day in the Netherlands."""
    return timezone.localdate(now())


def seconds() -> float:
    """Seconds on a clock that never goes back, to measure how long something took (never a date)."""
    return time.monotonic()


@deconstructible
class DatedFolder:
    """`upload_to` of a file field: `<folder>/<year>/<month>/<name>` by the day of the upload on this clock (Django's
    own `%Y/%m` in `upload_to` would read the system clock)."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{today():%Y/%m}/{filename}"

    def __eq__(self, other) -> bool:
        return isinstance(other, DatedFolder) and other.folder == self.folder
