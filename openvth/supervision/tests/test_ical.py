"""The iCalendar writer (supervision/ical.py, RFC 5545): escaping, folding, the calendar around the events."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from openvth.supervision import ical

EVENT = ical.Event(
    uid="planned-visit-7@openvth",
    start=datetime.date(2026, 3, 4),
    end=datetime.date(2026, 3, 5),
    summary="Routine: Jansen, Metaal",
    location="Industrieweg 1; Testdorp",
    description="Regulier bezoek\nvolgens programma",
)


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("a;b,c", "a\\;b\\,c"),
        ("regel 1\nregel 2", "regel 1\\nregel 2"),
        ("regel 1\r\nregel 2", "regel 1\\nregel 2"),
        ("C:\\map", "C:\\\\map"),
    ],
)
def test_text_escaping(value, escaped):
    assert ical.text(value) == escaped


def test_folding_keeps_characters_whole():
    line = "DESCRIPTION:" + "é" * 100
    folded = ical.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert ical.fold("SUMMARY:kort") == "SUMMARY:kort"


def test_a_calendar_of_one_event():
    stamp = datetime.datetime(2026, 1, 1, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))  # 09:00 UTC
    text = ical.calendar([EVENT], name="Toezichtbezoeken van A, B", stamp=stamp)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//openvth//Toezicht//NL\r\n")
    assert text.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "X-WR-CALNAME:Toezichtbezoeken van A\\, B\r\n" in text
    assert (
        "BEGIN:VEVENT\r\nUID:planned-visit-7@openvth\r\nDTSTAMP:20260101T090000Z\r\n"
        "DTSTART;VALUE=DATE:20260304\r\nDTEND;VALUE=DATE:20260305\r\nSUMMARY:Routine: Jansen\\, Metaal\r\n"
        "LOCATION:Industrieweg 1\\; Testdorp\r\nDESCRIPTION:Regulier bezoek\\nvolgens programma\r\n"
        "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
    ) in text


def test_a_calendar_without_events_is_still_a_calendar_and_long_lines_are_folded():
    long = ical.Event(**{**EVENT.__dict__, "description": "x" * 200})
    empty = ical.calendar([], name="Leeg", stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    assert "BEGIN:VEVENT" not in empty and empty.endswith("X-WR-CALNAME:Leeg\r\nEND:VCALENDAR\r\n")
    text = ical.calendar([long], name="Lang", stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DESCRIPTION:" + "x" * 200 + "\r\n" in text.replace("\r\n ", "")
