"""Every query in every language of its script, with an explicit order of the results.

A query is stemmed in each content language written in its script, so an English word finds
its inflections for a French or an Arabic reader too; the order of results is the explicit rule
of ``search.results.hit_key``: exact matches first, then the reader's language, then the score.
The same expectations on every engine (see ``conftest.search_engine``).
"""

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from search import selectors
from search.backends import EngineQuery, Hit, get_backend
from search.results import group_hits

pytestmark = pytest.mark.django_db


def keys(data):
    return [result["translation_key"] for result in data["results"]]


@pytest.fixture
def make_page(search_engine, django_capture_on_commit_callbacks):
    """A published campaign in one language, indexed on the engine under test."""

    def make(language, slug, title, summary):
        index = CampaignIndexPage.objects.get(locale__language_code=language)
        with django_capture_on_commit_callbacks(execute=True):
            page = CampaignPageFactory(parent=index, title=title, slug=slug, summary=summary)
        search_engine.refresh()
        return str(page.translation_key)

    return make


def test_a_latin_query_is_stemmed_in_every_latin_language():
    assert set(selectors.stem_languages("blackout", "ar")) == {
        "ar",
        "en",
        "fr",
        "de",
        "es",
        "pt-br",
    }
    assert selectors.stem_languages("петиция", "en") == ("en", "ru")
    assert "zh-hans" in selectors.stem_languages("自由 freedom", "fr")


def test_the_order_is_exact_then_reader_language_then_score():
    def hit(key, language, score, exact):
        return Hit(
            page_id=len(key), translation_key=key, language=language, score=score, exact=exact
        )

    hits = [
        hit("stemmed-best-score", "ru", 99.0, False),
        hit("exact-english", "en", 5.0, True),
        hit("exact-russian", "ru", 1.0, True),
    ]
    order = [group.translation_key for group in group_hits(hits, reader_language="ru")]
    assert order == ["exact-russian", "exact-english", "stemmed-best-score"]


@pytest.mark.parametrize("reader", ["fr", "ar", "en"])
def test_an_english_inflection_is_found_for_every_reader(make_page, api, reader):
    page = make_page(
        "en",
        "rolling-grid-blackouts",
        "Rolling grid blackouts",
        "The regional summits agreed on nothing while the blackouts went on.",
    )
    for query in ("blackout", "summit"):
        assert page in keys(api(query, reader)), (query, reader)


def test_the_readers_language_comes_first(make_page, api):
    pages = {
        language: make_page(
            language,
            f"quorbalate-{language}",
            f"Quorbalate {language}",
            "Quorbalate is the word all four pages share.",
        )
        for language in ("en", "fr", "es", "ru")
    }
    for reader in ("ru", "fr", "es", "en"):
        data = api("quorbalate", reader)
        assert set(keys(data)) == set(pages.values())
        assert keys(data)[0] == pages[reader], reader
        assert data["results"][0]["language"] == reader


def test_exact_words_rank_above_another_languages_stems(search_engine):
    # French Snowball turns "petition" and "petites" into one stem: the Open Shelf Alliance's
    # French page ("petites bibliothèques") may be found, but below every page that says
    # "petition" (the English story about one among them).
    from partners.models import PartnerPage  # the demo's pages, only for this test
    from stories.models import StoryPage  # the demo's pages, only for this test

    shelf, story = (
        str(model.objects.get(slug=slug, locale__language_code="en").translation_key)
        for model, slug in (
            (PartnerPage, "open-shelf-alliance"),
            (StoryPage, "upload-filter-petition"),
        )
    )
    for reader in ("en", "es"):
        groups = selectors.search(
            query="petition",
            reader_language=reader,
            filters={},
            filter_labels={},
            on_engine_failure=lambda *args, **kwargs: None,
            page_size=500,
        ).groups
        order = [group.translation_key for group in groups]
        assert story in order, reader
        if shelf in order:
            exact = [i for i, group in enumerate(groups) if any(h.exact for h in group.hits)]
            assert order.index(story) in exact and order.index(shelf) > max(exact), reader


def test_engine_query_lists_every_latin_language():
    query = EngineQuery(text="x", stem_languages=selectors.stem_languages("summits", "ar"))
    assert {"en", "fr", "de", "es", "pt-br"} <= set(query.stem_languages)


def test_a_query_in_another_script_finds_the_readers_pages_first():
    def hit(key, language, exact):
        return Hit(page_id=len(key), translation_key=key, language=language, score=1.0, exact=exact)

    hits = [hit("exact-english", "en", True), hit("hindi-passage-stem", "hi", False)]
    # "licence" cannot be Hindi: the Hindi page, found by its English passage, comes first.
    order = group_hits(hits, reader_language="hi", query_scripts=("latin",))
    assert [group.translation_key for group in order] == ["hindi-passage-stem", "exact-english"]
    # A Latin query may be French for a French reader: exact words still come first.
    hits = [hit("exact-english", "en", True), hit("french-stem", "fr", False)]
    order = group_hits(hits, reader_language="fr", query_scripts=("latin",))
    assert [group.translation_key for group in order] == ["exact-english", "french-stem"]


def test_a_hindi_word_is_exact_only_where_it_is_written_whole(make_page):
    # Hindi vowel signs are combining marks: a word must not be cut apart at them, or
    # "पुस्तकालय" would be an exact match of "पुस्तकालयों" (and of any page with its pieces).
    inflected = make_page("hi", "pustakalayon", "पुस्तकालयों में ई-पुस्तकें", "गाँव के पुस्तकालयों ने माँगा।")
    whole = make_page("hi", "pustakalay", "पाठकों की निजता", "डिजिटल पुस्तकालय ट्रैकर न लगाएँ।")
    query = EngineQuery(text="पुस्तकालय", stem_languages=("hi",))
    exact = {hit.translation_key: hit.exact for hit in get_backend().search(query)}
    assert exact[whole] and not exact[inflected]
