"""An iCalendar writer (RFC 5545) of all-day events, without the database: escaping, line folding, the calendar."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """An all-day event from `start` up to, not including, `end`."""

    uid: str
    start: datetime.date
    end: datetime.date
    summary: str
    location: str
    description: str


def text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines of at most 75 octets (RFC 5545 3.1), continued after CRLF and one space, never inside a character."""
    encoded, parts, limit = line.encode(), [], 75
    while len(encoded) > limit:
        cut = limit
        while encoded[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded, limit = encoded[cut:], 74  # the leading space counts
    parts.append(encoded.decode())
    return "\r\n ".join(parts)


def calendar(events: Iterable[Event], *, name: str, stamp: datetime.datetime) -> str:
    """A VCALENDAR named `name` of the events, each stamped with `stamp` (in UTC), transparent (not busy)."""
    utc = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//openvth//Toezicht//NL",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc}",
            f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.end:%Y%m%d}",
            f"SUMMARY:{text(event.summary)}",
            f"LOCATION:{text(event.location)}",
            f"DESCRIPTION:{text(event.description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
