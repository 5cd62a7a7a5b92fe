"""The consultation comment form and page under hostile input: the form comes back with its
errors (200), takes the comment (302), refuses a closed consultation (410) or an unknown one
(404) — never a 500 or a trace."""

import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from safeguards.started import started_value
from tests.conftest import ALL_LANGUAGES

from .actions_input import starts, submissions
from .conftest import path_segment
from .strategies import hostile_text, raw_query
from .support import fuzz_settings

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
SLUGS = st.one_of(
    st.sampled_from(["net-neutrality-enforcement", "upload-filters-review"]), hostile_text(40)
)
FRESH_START = st.integers(30, 3000).map(lambda age: started_value(time.time() - age))
COMMENT_FIELDS = {
    # name: (a valid value, a hostile one)
    "section": (
        st.sampled_from(["our-position", "enforcement-and-affordability", "open-measurement"]),
        st.one_of(st.just("traffic-management"), hostile_text(70)),
    ),
    "body": (st.sampled_from(["Yes.", "Pour la liberté.", "نعم.", "同意。"]), hostile_text()),
    "display_name": (st.sampled_from(["", "Ana", "李", "أحمد"]), hostile_text()),
    "started": (FRESH_START, starts),
    "website": (st.just(""), hostile_text()),
}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 10**9


@fuzz_settings(200)
@given(language=LANGUAGES, slug=SLUGS, data=submissions(COMMENT_FIELDS))
@example(
    language="ar",
    slug="net-neutrality-enforcement",
    data={"section": "\x00", "body": "\x00" * 3000, "display_name": "x" * 500, "started": "1.2.3"},
)
def test_comment_form(fuzz, language, slug, data):
    response = fuzz.post(f"/{language}/consultations/{path_segment(slug)}/", data)
    assert response.status_code in (200, 302, 400, 404, 410), response.status_code


@fuzz_settings(100)
@given(language=LANGUAGES, slug=SLUGS, query=raw_query())
def test_consultation_page(fuzz, language, slug, query):
    response = fuzz.get(f"/{language}/consultations/{path_segment(slug)}/", raw_query=query)
    assert response.status_code in (200, 400, 404), response.status_code


@fuzz_settings(50)
@given(language=LANGUAGES, kind=st.sampled_from(["rss", "atom"]), query=raw_query())
def test_consultation_feeds(fuzz, language, kind, query):
    response = fuzz.get(f"/{language}/feeds/consultations/{kind}/", raw_query=query)
    assert response.status_code in (200, 400, 404), response.status_code
