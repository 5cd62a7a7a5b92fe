"""Markup that assistive technology relies on and axe cannot judge: the language of listed items
shown in the source language, and heading levels that follow the page's outline."""

import pytest

from tests.helpers import soup


@pytest.mark.django_db
def test_untranslated_cards_say_they_are_in_english(client):
    document = soup(client.get("/de/campaigns/"))
    cards = document.select(".card")
    untranslated = [card for card in cards if card.select_one(".badge--language")]
    assert untranslated, "the German listing shows English campaigns"
    for card in untranslated:
        link = card.select_one(".card__title a")
        assert (link["lang"], link["dir"]) == ("en", "ltr"), link
    assert document.find("html")["lang"] == "de"


@pytest.mark.django_db
def test_translated_cards_carry_no_language_of_their_own(client):
    document = soup(client.get("/ar/campaigns/"))
    links = document.select(".card__title a")
    assert links
    assert not [link for link in links if link.has_attr("lang")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "level"), [("/en/campaigns/", "h2"), ("/en/stories/", "h2"), ("/en/", "h3")]
)
def test_card_titles_follow_the_page_outline(client, path, level):
    """Listings put cards straight under the h1; the home page groups them under h2 sections."""
    titles = soup(client.get(path)).select(".card__title")
    assert titles and {title.name for title in titles} == {level}


@pytest.mark.django_db
def test_aside_headings_are_second_level(client):
    document = soup(client.get("/en/partners/open-shelf-alliance/"))
    labels = document.select(".detail__aside .terms__label")
    assert labels and {label.name for label in labels} == {"h2"}
