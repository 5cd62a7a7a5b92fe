"""The events index: upcoming by default, past on request, filtered by language spoken,
kind, region and topic, paginated, within its query budget."""

import datetime

import pytest

from django.utils import timezone

from tests.helpers import soup

from .helpers import demo_event, new_event

pytestmark = pytest.mark.django_db


def card_titles(response):
    assert response.status_code == 200
    return [link.get_text(strip=True) for link in soup(response).select(".card__title a")]


def test_upcoming_events_by_default_soonest_first(client):
    titles = card_titles(client.get("/en/events/"))
    assert titles[:3] == [
        "Conversation hour: reading rooms without walls",
        "Open budget data meetup",
        "Workshop: translating open textbooks",
    ]
    assert "Evening debate: exceptions for libraries" not in titles


def test_past_events_latest_first(client):
    titles = card_titles(client.get("/en/events/", {"when": "past"}))
    assert titles == ["Evening debate: exceptions for libraries"]


def test_an_event_moves_to_the_past_when_it_ends_without_a_publish(client, monkeypatch):
    client.get("/en/events/")  # the listing's rows are kept
    event = demo_event("open-data-meetup-mexico-city")
    later = event.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Open budget data meetup" not in card_titles(client.get("/en/events/"))
    assert "Open budget data meetup" in card_titles(client.get("/en/events/?when=past"))


def test_filters_by_language_spoken_kind_region_and_topic(client):
    assert card_titles(client.get("/en/events/", {"language": "bn"})) == [
        "Workshop: translating open textbooks"
    ]
    assert card_titles(client.get("/en/events/", {"kind": "conversation_hour"})) == [
        "Conversation hour: reading rooms without walls"
    ]
    assert card_titles(client.get("/es/events/", {"region": "latin-america"})) == [
        "Encuentro sobre datos abiertos de presupuesto"
    ]
    assert card_titles(
        client.get("/fr/events/", {"when": "past", "topic": "copyright", "language": "fr"})
    ) == ["Soirée débat : les exceptions pour les bibliothèques"]


def test_the_language_filter_offers_languages_in_use(client):
    options = [o["value"] for o in soup(client.get("/en/events/")).select("#id_language option")]
    assert options[0] == ""
    assert {"ar", "bn", "en", "es", "fr", "hi"} == set(options[1:])


def test_unknown_filter_values_are_ignored_with_a_notice(client):
    response = client.get("/en/events/", {"when": "tomorrow", "region": "atlantis"})
    assert response.status_code == 200
    assert soup(response).select_one(".notice[role=status]")
    assert "Conversation hour: reading rooms without walls" in card_titles(response)


def test_listings_in_other_languages_show_translations_and_untranslated_events(client):
    titles = card_titles(client.get("/ar/events/"))
    assert "ساعة حوار: قاعات مطالعة بلا جدران" in titles
    assert "Open budget data meetup" in titles  # not translated into Arabic


def test_pagination(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for day in range(3):
        new_event(days=30 + day, title=f"Later event {day}")
    first = card_titles(client.get("/en/events/"))
    second = card_titles(client.get("/en/events/", {"page": 2}))
    third = card_titles(client.get("/en/events/", {"page": 3}))
    assert len(first) == len(second) == 2
    assert third == ["Later event 1", "Later event 2"]
    assert not set(first) & set(second)


def test_cards_show_the_time_in_the_events_zone(client):
    event = demo_event("library-access-conversation-hour", "fr")
    document = soup(client.get("/fr/events/"))
    card = next(
        card
        for card in document.select(".card")
        if "salles de lecture" in card.select_one(".card__title").get_text()
    )
    when = card.select_one("[data-event-when]")
    assert when["data-zone"] == "Africa/Cairo"
    start = when.select_one("time[data-event-start]")
    assert datetime.datetime.fromisoformat(start["datetime"]) == event.start
    assert start.get_text().endswith("18:00")  # on the clock in Cairo
    assert "Africa/Cairo" in when.get_text()


@pytest.mark.parametrize(
    "url", ["/en/events/?topic=access-to-knowledge", "/ar/events/?when=past", "/de/events/"]
)
def test_the_index_query_budget(client, django_assert_max_num_queries, url):
    client.get(url)  # warm-up: the lookups (site, locales, terms, the listing's rows)
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_the_index_query_budget_when_cold(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        assert client.get("/ar/events/?when=past").status_code == 200


def test_the_event_page_shows_notes_and_recording_only_once_over(client):
    past = soup(client.get(demo_event("copyright-reform-evening-paris", "fr").url))
    after = past.select_one(".event-after")
    assert "consultation du printemps" in after.get_text()
    assert after.select_one("a[href='https://example.org/recordings/copyright-evening']")
    assert not past.select_one(".event-form")
    upcoming = soup(client.get(demo_event("library-access-conversation-hour", "ar").url))
    assert not upcoming.select_one(".event-after")
    assert upcoming.select_one("form.event-form input[name=email]")


def test_the_event_page_links_a_registration_site_and_the_calendar(client):
    event = demo_event("open-data-meetup-mexico-city", "es")
    document = soup(client.get(event.url))
    link = document.select_one("a.event-register__link")
    assert link["href"] == "https://example.org/open-data-meetup/register"
    assert document.select_one(f"a[href='/es/feeds/events/{event.pk}.ics']")
    assert [li.get_text() for li in document.select(".detail__aside .terms li")][0] == "español"


def test_the_event_page_says_the_zone_and_carries_utc_times_for_the_script(client):
    event = demo_event("library-access-conversation-hour")
    document = soup(client.get(event.url))
    start = document.select_one("time[data-event-start]")
    assert datetime.datetime.fromisoformat(start["datetime"]) == event.start
    assert document.select_one("[data-event-local]").has_attr("hidden")
    scripts = [script["src"] for script in document.select("script[src]")]
    assert any(src.startswith("/static/events/local-time") for src in scripts)
    assert not document.select("script:not([src])")
