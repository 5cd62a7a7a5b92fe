"""The search page and its JSON APIs under hostile queries and filters: every answer below
500, without a trace. Filters take valid values a third of the time, so the engine runs with
real filters as well as refusing junk ones."""

from hypothesis import example, given
from hypothesis import strategies as st

from campaigns.models import CampaignStatus
from search.models import ContentKind
from stories.models import StoryOutcome
from tests.conftest import ALL_LANGUAGES

from .strategies import (
    NASTY,
    REAL_WORDS,
    choices,
    language_codes,
    query_pairs,
    raw_query,
    value_of,
    vocabulary_term,
)
from .support import fuzz_settings

queries = value_of(
    st.sampled_from(REAL_WORDS),
    st.lists(st.sampled_from(REAL_WORDS + NASTY), min_size=1, max_size=6).map(" ".join),
)
FILTERS = {
    "page": value_of(st.integers(1, 4).map(str)),
    "type": value_of(choices(*ContentKind.values)),
    "topic": value_of(vocabulary_term("topic")),
    "region": value_of(vocabulary_term("region")),
    "status": value_of(choices(*CampaignStatus.values)),
    "outcome": value_of(choices(*StoryOutcome.values)),
    "language": value_of(language_codes()),
}
ENDPOINTS = ["/en/search/", "/ar/search/", "/api/search/", "/api/search/autocomplete/"]


@fuzz_settings(250)
@given(
    language=st.sampled_from(ALL_LANGUAGES),
    pairs=query_pairs({"q": queries, **FILTERS}),
)
@example(language="en", pairs=[("q", "water\x00"), ("topic", "\x00"), ("page", "9" * 5000)])
def test_search_page(fuzz, language, pairs):
    response = fuzz.get(f"/{language}/search/", pairs)
    assert response.status_code == 200


@fuzz_settings(250)
@given(pairs=query_pairs({"q": queries, "lang": language_codes(), **FILTERS}))
@example(pairs=[("q", '"a" AND NOT (b'), ("lang", "\x00"), ("page", "1e400")])
def test_search_api(fuzz, pairs):
    response = fuzz.get("/api/search/", pairs)
    assert response.status_code == 200
    assert response.json()["language"] in ALL_LANGUAGES


@fuzz_settings(200)
@given(pairs=query_pairs({"q": queries, "lang": language_codes()}))
def test_autocomplete_api(fuzz, pairs):
    response = fuzz.get("/api/search/autocomplete/", pairs)
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


@fuzz_settings(120)
@given(path=st.sampled_from(ENDPOINTS), query=raw_query())
@example(path="/en/search/", query="q=%ED%A0%80&topic=%FF&page=%C0%AF")
def test_search_takes_any_bytes(fuzz, path, query):
    fuzz.get(path, raw_query=query)
