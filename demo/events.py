"""The demo's events: dated from today, in the time zones where they happen."""

import datetime
import zoneinfo

from django.utils import timezone

from agenda.factories import EventPageFactory

from . import content


def event_times(item, today=None):
    """The start and end of a demo event: ``days_from_today`` at ``local_start`` on the clock
    of its zone."""
    today = today or timezone.localdate()
    day = today + datetime.timedelta(days=item["days_from_today"])
    clock = datetime.time.fromisoformat(item["local_start"])
    start = datetime.datetime.combine(day, clock, tzinfo=zoneinfo.ZoneInfo(item["time_zone"]))
    return start, start + datetime.timedelta(minutes=item["minutes"])


def event_fields(text):
    return {
        "title": text["title"],
        "summary": text["summary"],
        "location": text.get("location", ""),
        "description": text.get("description", ""),
        "notes": text.get("notes", ""),
    }


def load_events(loader):
    for item in content.load("events.json"):
        start, end = event_times(item)
        loader.load_page(
            "event",
            item,
            index="events",
            factory=EventPageFactory,
            build=event_fields,
            shared={
                "kind": item["kind"],
                "attendance": item["attendance"],
                "time_zone": item["time_zone"],
                "start": start,
                "end": end,
                "registration": item["registration"],
                "registration_url": item.get("registration_url", ""),
                "recording_url": item.get("recording_url", ""),
                "language_codes": item["languages"],
                **loader.relations(item, "topics", "regions"),
            },
        )
