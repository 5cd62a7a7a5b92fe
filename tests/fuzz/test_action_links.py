"""The links in the actions' mails (confirm a signature; see or delete one's data) and the
action pages, under forged, tampered and malformed tokens and ids: an "invalid link" page
(400), a redirect or a 404 — never a 500 or a trace."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from actions import services, tokens
from tests.actions.helpers import demo_action
from tests.conftest import ALL_LANGUAGES

from .actions_input import ACTION_IDS, make_token, token_recipes
from .conftest import path_segment
from .strategies import any_value, query_pairs
from .support import fuzz_settings

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
METHODS = st.sampled_from(["GET", "POST"])
ACTION_PAGES = ["", "check-your-email/", "thanks/", "count/"]


@pytest.fixture
def pending_signature(db):
    """A real, unconfirmed signature: its links are the ones the recipes tamper with."""
    outcome = services.sign(
        action=demo_action("freedom-of-panorama", "en"), email="fuzz@example.org", language="en"
    )
    return outcome.signature


def send(fuzz, method, path):
    return fuzz.get(path) if method == "GET" else fuzz.post(path)


@fuzz_settings(250)
@given(language=LANGUAGES, method=METHODS, recipe=token_recipes)
@example(
    language="en",
    method="GET",
    recipe=("signed", {"s": float("inf"), "d": "x"}, tokens.CONFIRM_SALT),
)
@example(
    language="en", method="POST", recipe=("signed", {"s": 10**30, "d": "x"}, tokens.CONFIRM_SALT)
)
def test_confirmation_links(fuzz, pending_signature, language, method, recipe):
    token = make_token(recipe, tokens.confirmation_token(pending_signature))
    response = send(fuzz, method, f"/{language}/actions/confirm/{path_segment(token)}/")
    assert response.status_code in (200, 302, 400, 404, 410), response.status_code


@fuzz_settings(250)
@given(language=LANGUAGES, method=METHODS, recipe=token_recipes)
@example(
    language="en", method="POST", recipe=("signed", {"s": [10**30, -1], "d": "x"}, tokens.DATA_SALT)
)
@example(
    language="en",
    method="GET",
    recipe=("signed", {"s": [float("inf")], "d": "x"}, tokens.DATA_SALT),
)
def test_data_links(fuzz, pending_signature, language, method, recipe):
    token = make_token(recipe, tokens.data_token([pending_signature]))
    response = send(fuzz, method, f"/{language}/actions/my-data/{path_segment(token)}/")
    assert response.status_code in (200, 302, 400, 404), response.status_code


@fuzz_settings(200)
@given(
    language=LANGUAGES,
    page=st.sampled_from(ACTION_PAGES),
    pk=ACTION_IDS,
    pairs=query_pairs({"already": st.one_of(st.just("1"), any_value())}),
)
@example(language="en", page="count/", pk=str(10**30), pairs=[])
def test_action_pages(fuzz, language, page, pk, pairs):
    response = fuzz.get(f"/{language}/actions/{path_segment(pk)}/{page}", pairs)
    assert response.status_code in (200, 404), response.status_code


@fuzz_settings(60)
@given(language=LANGUAGES, pk=ACTION_IDS, pairs=query_pairs({}, unknown=True))
def test_embedded_action(fuzz, language, pk, pairs):
    response = fuzz.get(f"/{language}/embed/actions/{path_segment(pk)}/", pairs)
    assert response.status_code in (200, 404), response.status_code
