"""The one clock of openvth: every "today" and "now" in the code comes from here, so tests set the day, and so do
the seconds a duration is measured in (`seconds`).

Tests move it with time-machine (the suite's autouse fixture sets a fixed day for every test); production reads the
system clock in the time zone of the settings (Europe/Amsterdam), so a day is a Dutch calendar day.
"""

import time
from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    """The current moment, aware (UTC)."""
    return timezone.now()


def today() -> date:
    """The current calendar day in the Netherlands."""
    return timezone.localdate(now())


def seconds() -> float:
    """Seconds on a clock that never goes back, to measure how long something took (never a date)."""
    return time.monotonic()
