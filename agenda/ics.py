"""iCalendar (RFC 5545) for events: a calendar of several events, or of one.

A small serializer of our own rather than a library: the portal writes only what readers'
calendars need (one calendar of ``VEVENT`` components with UTC times, text and a URL) and
parses nothing, which RFC 5545 makes a page of rules: CRLF line endings, lines folded at 75
octets (never inside a UTF-8 character), text escaped (backslash, semicolon, comma,
newlines). The tests parse the output back with the ``icalendar`` library (a development
requirement only).
"""

import datetime
from dataclasses import dataclass

CRLF = "\r\n"
LINE_OCTETS = 75


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime.datetime
    end: datetime.datetime
    stamp: datetime.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11)."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters are not allowed in TEXT.
    return "".join(char for char in value if char >= " " or char == "\t")


def utc(moment):
    """A DATE-TIME in UTC, with the ``Z`` suffix (form 2 of RFC 5545 3.3.5)."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """``line`` folded into lines of at most 75 octets, each after the first starting with a
    space (RFC 5545 3.1), split only between UTF-8 characters."""
    parts = []
    current = b""
    limit = LINE_OCTETS
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            parts.append(current.decode())
            current = b""
            limit = LINE_OCTETS - 1  # the leading space counts
        current += encoded
    parts.append(current.decode())
    return (CRLF + " ").join(parts)


def _event_lines(event):
    yield "BEGIN:VEVENT"
    yield f"UID:{escape_text(event.uid)}"
    yield f"DTSTAMP:{utc(event.stamp)}"
    yield f"DTSTART:{utc(event.start)}"
    yield f"DTEND:{utc(event.end)}"
    yield f"SUMMARY:{escape_text(event.summary)}"
    if event.description:
        yield f"DESCRIPTION:{escape_text(event.description)}"
    if event.location:
        yield f"LOCATION:{escape_text(event.location)}"
    if event.url:
        yield f"URL:{event.url}"
    yield "END:VEVENT"


def calendar(events, *, name, product, language):
    """The text of a ``VCALENDAR`` holding ``events`` (``CalendarEvent``)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(product)}//Events//{language.upper()}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
