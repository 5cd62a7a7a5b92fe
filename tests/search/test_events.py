"""Events are searchable on every engine, and shown with their date, time zone and place."""

import datetime

import pytest

from agenda.models import EventPage
from tests.helpers import soup

pytestmark = pytest.mark.django_db

TITLE = "Conversation hour: reading rooms without walls"


def test_an_event_is_found_and_shown_with_its_date_and_place(
    client, api, search_engine, django_assert_max_num_queries
):
    event = EventPage.objects.get(title=TITLE, locale__language_code="en")
    answer = api("reading rooms without walls", type="event")
    assert [result["title"] for result in answer["results"]][:1] == [TITLE]
    assert {result["type"] for result in answer["results"]} == {"event"}

    with django_assert_max_num_queries(30):
        document = soup(client.get("/en/search/", {"q": "reading rooms without walls"}))
    result = next(
        item
        for item in document.select(".search-result")
        if item.select_one("h2").get_text(strip=True) == TITLE
    )
    when = result.select_one(".search-result__event time")
    assert datetime.datetime.fromisoformat(when["datetime"]) == event.start.replace(microsecond=0)
    local = event.local_start
    assert f"UTC{local:%z}" in when.get_text()  # given in the time zone where it happens
    assert str(local.day) in when.get_text()
    assert event.location in result.get_text()
    # Every event found carries its date line (an affiliate's "Reading rooms open evening" is
    # found too on some engines), and pages of other kinds carry none.
    assert all(
        item.select_one(".search-result__event") for item in document.select(".search-result")
    )
    pages = soup(client.get("/en/search/", {"q": "panorama"})).select(".search-result")
    assert pages
    assert all(item.select_one(".search-result__event") is None for item in pages)
