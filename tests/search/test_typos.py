"""Typo tolerance on the database engine: pg_trgm on PostgreSQL, corrected words on SQLite (see
``search.backends.typos``); the clusters' own fuzzy matching is tested in test_relevance."""

import pytest

from django.db import connection

from campaigns.models import CampaignPage
from explainers.models import PolicyExplainerPage
from search.backends import EngineQuery, Hit, database_backend, typos
from stories.models import StoryPage

pytestmark = pytest.mark.django_db


def key_of(model, slug):
    return str(model.objects.get(slug=slug, locale__language_code="en").translation_key)


def keys(data):
    return [result["translation_key"] for result in data["results"]]


@pytest.mark.parametrize(
    ("query", "model", "slug"),
    [
        ("neutrallity", PolicyExplainerPage, "net-neutrality"),
        ("petiton", StoryPage, "upload-filter-petition"),
        ("censorhip", CampaignPage, "facts-in-every-language"),
        ("net neutrallity", PolicyExplainerPage, "net-neutrality"),
        # One letter changed in the middle of a ten-letter word: three of its eleven trigrams
        # differ, a word similarity of 8/14 = 0.57, under pg_trgm's 0.6.
        ("neutralaty", PolicyExplainerPage, "net-neutrality"),
    ],
)
def test_a_misspelt_query_finds_the_page(api, query, model, slug):
    data = api(query, "en")
    assert key_of(model, slug) in keys(data)


def test_a_french_reader_finds_the_page_too(api):
    assert key_of(StoryPage, "upload-filter-petition") in keys(api("petiton", "fr"))


def test_filters_apply_to_near_matches(api):
    # The corrected "petition" is also stemmed in the other Latin-script languages, so an
    # explainer that says "petits" in French may come back; never a story.
    explainers = api("petiton", "en", type="explainer")["results"]
    assert {result["type"] for result in explainers} <= {"explainer"}
    assert key_of(StoryPage, "upload-filter-petition") not in keys({"results": explainers})
    assert key_of(StoryPage, "upload-filter-petition") in keys(api("petiton", "en", type="story"))


def test_a_word_nothing_resembles_still_finds_nothing(api):
    assert api("qwxzvbnm", "en")["count"] == 0


def test_enough_real_matches_look_for_no_near_ones(monkeypatch):
    asked = []
    monkeypatch.setattr(typos, "near_matches", lambda search, query: asked.append(query) or [])
    hits = database_backend().search(EngineQuery(text="copyright", stem_languages=("en",)))
    assert len({hit.translation_key for hit in hits}) >= typos.FEW
    assert asked == []


def test_near_matches_rank_below_every_real_match(monkeypatch):
    real = [Hit(page_id=1, translation_key="a", language="en", score=0.2)]
    near = [
        Hit(page_id=1, translation_key="a", language="en", score=0.9),
        Hit(page_id=2, translation_key="b", language="en", score=0.9),
        Hit(page_id=3, translation_key="c", language="en", score=0.8),
    ]
    monkeypatch.setattr(typos, "near_matches", lambda search, query: near)
    hits = typos.tolerant(lambda query: real)(EngineQuery(text="x"))
    assert [hit.page_id for hit in hits] == [1, 2, 3]
    assert hits[0].score > hits[1].score > hits[2].score
    assert typos.tolerant(lambda query: real)(EngineQuery(text="x", fuzzy=False)) == real


def test_a_search_costs_a_bounded_number_of_queries(api, django_assert_max_num_queries):
    api("petiton", "en")
    with django_assert_max_num_queries(12):
        api("petiton", "en")


@pytest.mark.parametrize(
    ("word", "term", "distance"),
    [
        ("petiton", "petition", 1),
        ("censorhip", "censorship", 1),
        ("neutrlaity", "neutrality", 1),  # a swap of neighbours is one edit
        ("neutrality", "neutrality", 0),
        ("petition", "position", 2),
        ("abc", "abcdef", 3),
    ],
)
def test_edit_distance(word, term, distance):
    assert typos.edit_distance(word, term, limit=2) == min(distance, 3)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_without_pg_trgm_search_works_without_typo_tolerance(api, monkeypatch):
    monkeypatch.setattr(typos, "trigrams_available", lambda: False)
    assert api("petiton", "en")["count"] == 0
    assert key_of(StoryPage, "upload-filter-petition") in keys(api("petition", "en"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_the_extension_is_looked_up_once(django_assert_num_queries):
    assert typos.trigrams_available()
    with django_assert_num_queries(0):
        assert typos.trigrams_available()


def test_letters_are_counted_without_their_marks():
    # Hindi vowel signs are combining marks: "पुस्तकालयों" is 11 characters but 6 letters.
    assert typos.letters("निजता") == "नजत"
    assert typos.allowed_edits("पुस्तकालयों") == 1
    assert typos.allowed_edits("privacy") == 1


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("निजत", "निजता"),  # a vowel sign left out: found although the word has 3 letters
        ("सरकर", "सरकार"),
        ("निजतो", "निजता"),  # a vowel sign mistyped
        ("पुस्तकलयों", "पुस्तकालयों"),
        ("petiton", "petition"),
        ("निज", None),  # an indexed word is left alone
        ("नगर", None),  # a letter wrong in a short word: too far
    ],
)
def test_a_word_is_corrected_to_the_nearest_indexed_word(word, expected):
    vocabulary = [("निजता", 3), ("निज", 5), ("सरकार", 9), ("पुस्तकालयों", 2), ("petition", 4)]
    vocabulary += [("position", 9), ("नजर", 4)]
    candidates = [(term, documents) for term, documents in vocabulary if term[0] == word[0]]
    assert typos._closest(word, candidates) == expected
