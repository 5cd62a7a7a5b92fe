"""The event page types: where they go in the tree, and the rules an event keeps."""

import datetime
import zoneinfo

import pytest

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from affiliates.models import AffiliatePage
from agenda.admin_forms import EventPageForm
from agenda.models import EventIndexPage, EventPage
from home.models import HomePage

from .helpers import demo_event, index, new_event

pytestmark = pytest.mark.django_db


def test_tree_rules():
    assert EventIndexPage.parent_page_types == ["home.HomePage"]
    assert EventIndexPage.max_count_per_parent == 1
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage, AffiliatePage]
    assert EventPage.allowed_subpage_models() == []
    assert EventIndexPage in HomePage.allowed_subpage_models()


def test_demo_has_an_events_index_per_language():
    languages = set(EventIndexPage.objects.live().values_list("locale__language_code", flat=True))
    assert {"en", "es", "ar", "fr"} <= languages


def test_the_end_must_come_after_the_start():
    event = new_event()
    event.end = event.start
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "end" in raised.value.message_dict
    event.end = event.start - datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError):
        event.save()


def test_the_zone_must_be_an_iana_name():
    event = new_event()
    event.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "time_zone" in raised.value.message_dict
    event.time_zone = "Asia/Kolkata"
    event.full_clean()


def test_a_registration_link_needs_its_address():
    event = new_event(registration="link", registration_url="https://example.org/r")
    event.registration_url = ""
    with pytest.raises(ValidationError) as raised:
        event.full_clean()
    assert "registration_url" in raised.value.message_dict


def test_times_are_shown_in_the_events_zone():
    event = demo_event("library-access-conversation-hour")
    assert event.time_zone == "Africa/Cairo"
    assert (
        event.local_start.utcoffset()
        == event.start.astimezone(zoneinfo.ZoneInfo("Africa/Cairo")).utcoffset()
    )
    assert event.local_start.strftime("%H:%M") == "18:00"


def _editor_form(event, **changes):
    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": "",
        "kind": event.kind,
        "attendance": event.attendance,
        "time_zone": event.time_zone,
        "start": "2031-03-10 09:00",
        "end": "2031-03-10 10:30",
        "location": "",
        "description": rich_text(""),
        "registration": "none",
        "registration_url": "",
        "notes": rich_text(""),
        "recording_url": "",
        "languages": inline_formset([]),
        **changes,
    }
    form_class = EventPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, EventPageForm)
    return form_class(nested_form_data(data), instance=event, parent_page=index(), for_user=None)


def test_editors_type_times_on_the_clock_of_the_events_zone():
    event = new_event(time_zone="America/Mexico_City")
    form = _editor_form(event)
    assert form.is_valid(), form.errors
    start = form.cleaned_data["start"]
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2031, 3, 10, 15, 0, tzinfo=datetime.UTC
    )
    saved = form.save(commit=False)
    assert saved.local_start.strftime("%Y-%m-%d %H:%M") == "2031-03-10 09:00"
    # Shown again in the event's zone.
    reopened = _editor_form(saved)
    assert reopened.initial["start"].strftime("%H:%M") == "09:00"


def test_the_editor_refuses_an_end_before_the_start():
    form = _editor_form(new_event(), end="2031-03-10 08:00")
    assert not form.is_valid()
    assert "end" in form.errors
