"""The test clock: every test runs on a set day, never on the day the suite happens to run.

The suite's autouse fixture (time-machine) sets the one clock, `openvth.core.clock`, and every other reading of the
system time in the process, to `DEFAULT_DAY` at ten in the morning, Dutch time, and lets it tick from there. Tests
marked `date_sensitive` run once more on each day of `TRIAL_DAYS` with `pytest --every-clock-day`: a week from
Monday to Sunday, the turn of a year and the days around Easter and 5 May (Algemene termijnenwet holidays), so a
rule that only holds on a weekday fails in `make test`, not on the first Sunday in production.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

DEFAULT_DAY = date(2026, 11, 18)  # a Wednesday with no holiday near

_MONDAY = date(2026, 11, 16)
TRIAL_DAYS: tuple[date, ...] = (
    *(_MONDAY + timedelta(days=n) for n in range(7)),  # Monday to Sunday
    date(2026, 12, 25),  # Christmas Day, a Friday
    date(2026, 12, 31),
    date(2027, 1, 1),  # New Year's Day
    date(2027, 3, 26),  # Good Friday (not an Atw holiday)
    date(2027, 3, 29),  # Easter Monday
    date(2027, 5, 5),  # Liberation Day (an Atw holiday every year)
    date(2027, 5, 6),  # Ascension Day 2027
)


def moment(day: date) -> datetime:
    """Ten in the morning of `day` in the Netherlands."""
    return datetime.combine(day, time(10, 0), tzinfo=AMSTERDAM)
