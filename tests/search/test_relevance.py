"""The relevance suite: the same expectations on every engine (see ``conftest.search_engine``).

It searches the demo site (every campaign, story, partner and explainer in English, French,
Spanish, Russian, Chinese and Arabic) through the JSON API, as a reader's browser would.
"""

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search.models import GlossaryTerm
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


def keys(data):
    return [result["translation_key"] for result in data["results"]]


def result_for(data, key):
    return next(result for result in data["results"] if result["translation_key"] == key)


@pytest.fixture
def petition():
    """The story "A petition that won an exemption but not the vote", in six languages."""
    return str(
        StoryPage.objects.get(
            slug="upload-filter-petition", locale__language_code="en"
        ).translation_key
    )


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("petitions", "en"),  # the pages only say "petition"
        ("pétitions", "fr"),  # only "pétition"
        ("peticiones", "es"),  # only "petición"
        ("петициями", "ru"),  # only "петиция", "петицию", "петиции"
        ("请愿", "zh-hans"),  # a two-character word inside longer runs of text
        ("عريضة", "ar"),
    ],
)
def test_each_language_finds_its_inflected_forms(search_engine, api, petition, query, language):
    data = api(query, language)
    assert petition in keys(data)
    shown = result_for(data, petition)
    assert shown["language"] == language and shown["in_reader_language"]


def test_arabic_is_normalised(search_engine, api, petition):
    if search_engine.osmem:
        pytest.skip("osmem has no Arabic analyzer; run with ELASTICSEARCH_URL for a real one")
    # With the article, and with the short vowels a reader may type: the pages have neither.
    for query in ("العريضة", "عَرِيضَة"):
        assert petition in keys(api(query, "ar")), query


def test_results_are_grouped_by_translation(search_engine, api, petition):
    data = api("petition", "en")
    assert len(keys(data)) == len(set(keys(data)))
    shown = result_for(data, petition)
    assert {version["language"] for version in shown["also_available"]} == {
        "fr",
        "es",
        "ru",
        "zh-hans",
        "ar",
    }
    assert all(
        version["url"].startswith(f"/{version['language']}/") for version in shown["also_available"]
    )


def test_the_readers_language_is_shown_when_it_exists(search_engine, api, petition):
    # An English word finds the story through its English version; a French reader sees French.
    shown = result_for(api("petition", "fr"), petition)
    assert shown["language"] == "fr" and shown["in_reader_language"]
    assert shown["url"] == "/fr/stories/upload-filter-petition/"
    assert "en" in {version["language"] for version in shown["also_available"]}


def test_without_the_readers_language_the_best_match_is_labelled(search_engine, api, petition):
    # Nothing exists in German: the version in the query's script is shown, with its label.
    shown = result_for(api("petition", "de"), petition)
    german_names = {"en": "Englisch", "fr": "Französisch", "es": "Spanisch"}
    assert shown["language"] in german_names and not shown["in_reader_language"]
    assert shown["language_label"] == german_names[shown["language"]]
    assert "de" not in {version["language"] for version in shown["also_available"]}


def test_a_word_from_another_languages_page_finds_it(search_engine, api):
    # "Lumen" is a name in the English, French and Spanish pages; the Russian reader gets the
    # Russian page, whose title spells it in Cyrillic.
    data = api("Lumen", "ru")
    titles = [result["title"] for result in data["results"]]
    assert "Сеть фактчекинга «Люмен»" in titles


def test_filters_narrow_the_results(search_engine, api):
    everything = api("campaign", "en")
    stories = api("campaign", "en", type="story")
    assert 0 < stories["count"] < everything["count"]
    assert {result["type"] for result in stories["results"]} == {"story"}
    won = api("campaign", "en", type="campaign", status="won")
    assert won["count"] > 0 and {result["status"] for result in won["results"]} == {"won"}
    failures = api("campaign", "en", outcome="failure")
    assert failures["count"] > 0 and {result["outcome"] for result in failures["results"]} == {
        "failure"
    }
    europe = api("campaign", "en", region="europe", topic="copyright")
    assert 0 < europe["count"] < everything["count"]


def test_facets_count_groups(search_engine, api):
    data = api("campaign", "en")
    types = {facet["value"]: facet["count"] for facet in data["facets"]["type"]}
    assert sum(types.values()) == data["count"]
    languages = {facet["value"]: facet["count"] for facet in data["facets"]["language"]}
    assert languages["en"] == data["count"]


def test_the_language_filter_shows_that_language(search_engine, api):
    data = api("petition", "en", language="zh-hans")
    assert data["count"] > 0
    assert {result["language"] for result in data["results"]} == {"zh-hans"}


def test_unknown_filter_values_are_ignored_and_reported(search_engine, api):
    plain = api("petition", "en")
    data = api("petition", "en", type="spaceship", topic="no-such-topic", colour="red")
    assert data["count"] == plain["count"]
    assert [message["code"] for message in data["messages"]] == ["ignored_filters"]


@pytest.fixture
def english_only_page(search_engine, django_capture_on_commit_callbacks):
    """A campaign about net neutrality that exists only in English."""
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        page = CampaignPageFactory(
            parent=index,
            title="Keep the lanes open",
            slug="keep-the-lanes-open",
            summary="No fast lanes for those who pay: we defend net neutrality in parliament.",
        )
    search_engine.refresh()
    return str(page.translation_key)


def test_glossary_expansion_finds_pages_in_other_languages(english_only_page, api):
    data = api("neutralité du net", "fr")
    assert english_only_page in keys(data)
    shown = result_for(data, english_only_page)
    assert shown["language"] == "en" and not shown["in_reader_language"]
    assert "<mark>net neutrality</mark>" in shown["snippet"].replace("</mark> <mark>", " ")
    assert "Neutralité du net" in data["expansions"]


def test_without_the_glossary_the_other_language_page_is_not_found(english_only_page, api):
    GlossaryTerm.objects.all().delete()
    data = api("neutralité du net", "fr")
    assert english_only_page not in keys(data)
    assert data["expansions"] == []


def test_a_german_query_finds_what_exists_only_in_other_languages(search_engine, api):
    # Nothing is written in German; the glossary knows "Netzneutralität" from the topic names.
    data = api("Netzneutralität", "de")
    assert "Net neutrality" in [result["title"] for result in data["results"]]


def test_typo_tolerance_on_every_engine(search_engine, api, petition):
    # Clusters: fuzzy matching; PostgreSQL: pg_trgm; SQLite: corrected words (typos.py).
    assert petition in keys(api("petiton", "en"))


def test_highlighted_snippets_are_in_the_shown_language(search_engine, api, petition):
    shown = result_for(api("petition", "ru"), petition)
    assert shown["language"] == "ru"
    assert "<mark>" in shown["snippet"]
    # The snippet is HTML-escaped text with nothing but <mark> tags.
    assert "<" not in shown["snippet"].replace("<mark>", "").replace("</mark>", "")


def test_a_word_is_stemmed_in_every_language_of_its_script(search_engine, api):
    # The reader's own language is stemmed: a French word finds French inflections. Other
    # Latin-script languages' stems rank below exact words: see test_query_languages.py.
    from partners.models import PartnerPage

    shelf = str(
        PartnerPage.objects.get(
            slug="open-shelf-alliance", locale__language_code="en"
        ).translation_key
    )
    assert shelf in keys(api("petite", "fr"))
