"""The iCalendar files: each language's upcoming events, and one event (RFC 5545)."""

import datetime

import icalendar
import pytest

from agenda import ics

from .helpers import demo_event, new_event

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    # Every line ends in CRLF, none is longer than 75 octets, folded lines start with a space.
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    return icalendar.Calendar.from_ical(body.decode())


def events_in(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_english_feed_lists_upcoming_events_only(client):
    calendar = parse(client.get("/en/feeds/events.ics"))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    found = events_in(calendar)
    assert "Conversation hour: reading rooms without walls" in found
    assert "Open budget data meetup" in found
    assert "Evening debate: exceptions for libraries" not in found  # over


def test_each_language_has_its_own_feed(client):
    found = events_in(parse(client.get("/ar/feeds/events.ics")))
    assert "ساعة حوار: قاعات مطالعة بلا جدران" in found
    # Not translated into Arabic: listed in English, as the listing does.
    assert "Open budget data meetup" in found
    assert "Conversation hour: reading rooms without walls" not in found
    spanish = events_in(parse(client.get("/es/feeds/events.ics")))
    assert "Encuentro sobre datos abiertos de presupuesto" in spanish


def test_an_events_calendar_has_utc_times_a_stable_uid_and_a_stamp(client):
    event = demo_event("library-access-conversation-hour", "ar")
    response = client.get(f"/ar/feeds/events/{event.pk}.ics")
    text = response.content.decode()
    assert f"DTSTART:{event.start.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}\r\n" in text
    assert f"DTEND:{event.end.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}\r\n" in text
    (vevent,) = parse(response).walk("VEVENT")
    assert vevent["DTSTART"].dt == event.start
    assert vevent["DTEND"].dt == event.end
    assert vevent["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["URL"]).endswith(event.url)
    english = demo_event("library-access-conversation-hour", "en")
    (same,) = parse(client.get(f"/en/feeds/events/{english.pk}.ics")).walk("VEVENT")
    assert str(same["UID"]) == str(vevent["UID"]) == f"event-{event.translation_key}@testserver"


def test_text_is_escaped_and_long_lines_folded(client):
    event = new_event(
        title="Budgets; data, and \\ slashes",
        summary="Line one\nline two " + "é" * 120,
        location="Hall 3, floor 2; door B",
    )
    response = client.get(f"/en/feeds/events/{event.pk}.ics")
    text = response.content.decode()
    assert "SUMMARY:Budgets\\; data\\, and \\\\ slashes\r\n" in text
    (vevent,) = parse(response).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Budgets; data, and \\ slashes"
    assert str(vevent["LOCATION"]) == "Hall 3, floor 2; door B"
    assert str(vevent["DESCRIPTION"]).startswith("Line one\nline two " + "é" * 120)


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "中" * 60
    folded = ics.fold(line).encode()
    for part in folded.split(b"\r\n"):
        assert len(part) <= 75
        part.decode()  # whole UTF-8 characters only
    assert ics.fold(line).replace("\r\n ", "") == line


def test_unknown_or_unpublished_events_are_404(client):
    assert client.get("/en/feeds/events/999999999.ics").status_code == 404
    event = new_event()
    event.unpublish()
    assert client.get(f"/en/feeds/events/{event.pk}.ics").status_code == 404


def test_the_index_links_the_feed(client):
    response = client.get("/en/events/")
    assert b'<link rel="alternate" type="text/calendar"' in response.content
    assert b'href="/en/feeds/events.ics"' in response.content
