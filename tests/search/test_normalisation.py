"""Apostrophes, elisions, possessives, quotes and dashes: the same at index and query time,
on every engine (see ``conftest.search_engine``)."""

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search.analysis import analyse, normalise, simple_words

pytestmark = pytest.mark.django_db


def keys(data):
    return [result["translation_key"] for result in data["results"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l’accès", "accès"),
        ("L'Europe d’abord", "Europe abord"),
        ("dell’arte", "arte"),
        ("Wikimedia's model", "Wikimedia model"),
        ("Wikimedia’s model", "Wikimedia model"),
        ("Wikimediaʼs", "Wikimedia"),
        ("the users' votes", "the users votes"),
        ("«citation» — “quote” – „Zitat“", " citation    quote     Zitat "),
        ("don't", "don't"),
    ],
)
def test_normalise(text, expected):
    assert normalise(text).split() == expected.split()


def test_query_and_text_give_the_same_terms():
    assert simple_words("community-led model (Wikimedia's)") == [
        "community",
        "led",
        "model",
        "wikimedia",
    ]
    assert analyse("l’accès", "fr") == analyse("l'accès", "fr") == analyse("accès", "fr")


@pytest.fixture
def pages(search_engine, django_capture_on_commit_callbacks):
    """A Russian page quoting an English sentence, and a French page with elisions."""
    made = {}
    for language, slug, summary in (
        (
            "ru",
            "model-soobshchestva",
            "Мы следуем за англоязычным образцом: a community-led model (Wikimedia’s), "
            "которую поддерживают участники.",
        ),
        ("fr", "droit-acces-savoir", "Nous défendons l’accès à l’information publique."),
    ):
        index = CampaignIndexPage.objects.get(locale__language_code=language)
        with django_capture_on_commit_callbacks(execute=True):
            made[language] = str(
                CampaignPageFactory(
                    parent=index, title=f"Page {slug}", slug=slug, summary=summary
                ).translation_key
            )
    search_engine.refresh()
    return made


@pytest.mark.parametrize("reader", ["en", "ru"])
@pytest.mark.parametrize(
    "query", ["community-led model (Wikimedia's)", "Wikimedia’s", "community–led model"]
)
def test_a_possessive_finds_a_page_in_another_language(pages, api, reader, query):
    assert pages["ru"] in keys(api(query, reader))


@pytest.mark.parametrize("query", ["l’accès", "l'accès", "accès", "L’ACCÈS", "d'information"])
@pytest.mark.parametrize("reader", ["fr", "en"])
def test_elisions_are_found_however_they_are_typed(pages, api, query, reader):
    assert pages["fr"] in keys(api(query, reader))
