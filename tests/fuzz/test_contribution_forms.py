"""The story and proposal forms, the status links and the confirmation links under hostile
input: the form comes back with its errors (200), takes the contribution (302 to its status
link), or refuses a forged link (400) — never a 500 or a trace."""

import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile

from actions.countries import CODES
from contributions import tokens
from contributions.models import StorySubmission
from safeguards.started import started_value
from tests.conftest import ALL_LANGUAGES
from tests.contributions.helpers import jpeg_with_gps

from .actions_input import emails, make_token, starts, submissions, token_recipes
from .conftest import path_segment
from .strategies import hostile_text
from .support import fuzz_settings

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
# A real JPEG cut short: its header reads, its pixels do not.
TRUNCATED_JPEG = jpeg_with_gps(size=(300, 200)).read()[:700]
FRESH = st.integers(30, 3000).map(lambda age: started_value(time.time() - age))
STARTS = st.one_of(FRESH, starts)

STORY_FIELDS = {
    # name: (a valid value, a hostile one)
    "title": (st.sampled_from(["A story", "Una historia", "قصة"]), hostile_text()),
    "outcome": (st.sampled_from(["success", "failure", "mixed"]), hostile_text(10)),
    "date": (st.sampled_from(["2024-01-31", "2025-06-01"]), hostile_text(12)),
    "context": (st.just("Context."), hostile_text()),
    "what_happened": (st.just("It happened."), hostile_text()),
    "evidence": (st.sampled_from(["", "https://example.org/a"]), hostile_text()),
    "lessons": (st.sampled_from(["", "One.\nTwo."]), hostile_text()),
    "region": (st.just(""), hostile_text(8)),
    "topics": (st.just([]), hostile_text(8)),
    "author_mode": (st.sampled_from(["anonymous", "pseudonymous"]), hostile_text(10)),
    "author_name": (st.sampled_from(["Pen", "قلم"]), hostile_text()),
    "email": (st.just(""), emails),
    "started": (FRESH, STARTS),
    "website": (st.just(""), hostile_text()),
}
PROPOSAL_FIELDS = {
    "kind": (st.sampled_from(["campaign", "threat"]), hostile_text(10)),
    "title": (st.just("A proposal"), hostile_text()),
    "country": (st.sampled_from(CODES), hostile_text(10)),
    "why_now": (st.just("Because."), hostile_text()),
    "links": (st.sampled_from(["", "https://example.org/b"]), hostile_text()),
    "name_mode": (st.sampled_from(["named", "pseudonymous"]), hostile_text(10)),
    "name": (st.just("Sam"), hostile_text()),
    "email": (st.just(""), emails),
    "started": (FRESH, STARTS),
    "website": (st.just(""), hostile_text()),
}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 10**9


@fuzz_settings(150)
@given(language=LANGUAGES, data=submissions(STORY_FIELDS))
def test_story_form(fuzz, language, data):
    response = fuzz.post(f"/{language}/contribute/story/", data)
    assert response.status_code in (200, 302, 400), response.status_code


@fuzz_settings(30)
@given(content=st.one_of(st.binary(max_size=300), st.just(b"\xff\xd8\xff\xe0" + b"\x00" * 40)))
@example(content=b"GIF89a\x01\x00\x01\x00")
@example(content=TRUNCATED_JPEG)
def test_story_form_takes_any_file(fuzz, content):
    data = {
        "title": "A story",
        "outcome": "success",
        "date": "2024-01-31",
        "context": "Context.",
        "what_happened": "It happened.",
        "author_mode": "anonymous",
        "started": started_value(time.time() - 60),
        "image": SimpleUploadedFile("x.jpg", content, "image/jpeg"),
    }
    response = fuzz.post("/en/contribute/story/", data)
    assert response.status_code == 200  # the picture is refused with a message


@fuzz_settings(150)
@given(language=LANGUAGES, data=submissions(PROPOSAL_FIELDS))
def test_proposal_form(fuzz, language, data):
    response = fuzz.post(f"/{language}/contribute/propose/", data)
    assert response.status_code in (200, 302, 400), response.status_code


@fuzz_settings(150)
@given(
    language=LANGUAGES,
    recipe=token_recipes,
    kind=st.sampled_from(["status", "confirm"]),
    method=st.sampled_from(["get", "post"]),
)
def test_links(fuzz, language, recipe, kind, method):
    submission = StorySubmission.objects.first()
    real = tokens.status_token(submission) if submission else "x"
    token = path_segment(make_token(recipe, real))
    path = f"/{language}/contribute/{kind}/{token}/"
    response = fuzz.get(path) if method == "get" else fuzz.post(path, {})
    assert response.status_code in (200, 400, 404, 405), response.status_code
