"""The events' public endpoints under hostile input: the index's filters answer 200, the
registration form comes back with its errors (200), registers (302), refuses an event that
takes no registration (404) or is over (410), and the confirmation links and calendars never
answer 500 or show a trace."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from django.core import signing

from agenda import tokens
from agenda.models import EventIndexPage, EventKind, EventPage
from tests.conftest import ALL_LANGUAGES

from .actions_input import FRESH_START, emails, payloads, signed, started_at, starts
from .conftest import path_segment
from .strategies import (
    any_value,
    choices,
    hostile_text,
    language_codes,
    query_pairs,
    value_of,
    vocabulary_term,
)
from .support import fuzz_settings
from .test_listings import PAGES, index_urls

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
FILTERS = {
    "when": value_of(choices("past", "upcoming")),
    "language": value_of(language_codes()),
    "kind": value_of(choices(*EventKind.values)),
    "region": value_of(vocabulary_term("region")),
    "topic": value_of(vocabulary_term("topic")),
    "page": PAGES,
}
# The demo's events: the primary keys of every translation, and made-up ones.
EVENT_IDS = st.one_of(
    st.deferred(
        lambda: st.sampled_from(
            sorted(str(pk) for pk in EventPage.objects.values_list("pk", flat=True))
        )
    ),
    st.integers(-5, 2**70).map(str),
    hostile_text(12),
)
REGISTRATION = st.fixed_dictionaries(
    {},
    optional={
        "email": st.one_of(emails, st.just("ana@example.org")),
        "started": st.one_of(FRESH_START, starts),
        "website": st.one_of(st.just(""), any_value()),
        "unknown": any_value(),
    },
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Every example reaches the form: the limit has tests of its own (tests/events)."""
    settings.PORTAL_ACTIONS_RATE_LIMIT = 10**9


@fuzz_settings(200)
@given(url=index_urls(EventIndexPage), pairs=query_pairs(FILTERS))
@example(url="/ar/events/", pairs=[("when", "\x00"), ("language", "\x00"), ("page", "9" * 5000)])
def test_event_index_filters(fuzz, url, pairs):
    assert fuzz.get(url, pairs).status_code == 200, (url, pairs)


@fuzz_settings(250)
@given(language=LANGUAGES, pk=EVENT_IDS, data=REGISTRATION)
@example(
    language="en",
    pk="1",
    data={"email": "a@" + "é" * 63 + ".org", "started": started_at(60), "website": ""},
)
@example(language="ar", pk="1", data={"email": "a\x00@example.org", "started": signed("1" * 400)})
def test_registration_form(fuzz, language, pk, data):
    response = fuzz.post(f"/{language}/event-registration/{path_segment(pk)}/", data)
    # 400: a field name that breaks the multipart encoding; 404: no such event (or one that
    # registers elsewhere); 410: over
    assert response.status_code in (200, 302, 400, 404, 410), response.status_code


TOKEN_SALTS = [tokens.CONFIRM_SALT, "actions.confirm", "another.purpose"]


@fuzz_settings(200)
@given(
    language=LANGUAGES,
    token=st.one_of(
        hostile_text(),
        st.builds(
            lambda payload, salt: signing.dumps(payload, salt=salt),
            payloads,
            st.sampled_from(TOKEN_SALTS),
        ),
        st.builds(
            lambda pk, digest: signing.dumps({"r": pk, "d": digest}, salt=tokens.CONFIRM_SALT),
            st.one_of(st.integers(), any_value()),
            st.one_of(any_value(), st.just("0" * 20)),
        ),
    ),
    method=st.sampled_from(["get", "post"]),
)
def test_confirmation_links(fuzz, language, token, method):
    path = f"/{language}/event-registration/confirm/{path_segment(token)}/"
    response = getattr(fuzz, method)(path)
    assert response.status_code in (200, 400, 404, 410), response.status_code


@fuzz_settings(150)
@given(language=st.one_of(LANGUAGES, language_codes()), pk=EVENT_IDS)
def test_calendars(fuzz, language, pk):
    response = fuzz.get(f"/{path_segment(language)}/feeds/events/{path_segment(pk)}.ics")
    assert response.status_code in (200, 301, 302, 404), response.status_code
    feed = fuzz.get(f"/{path_segment(language)}/feeds/events.ics")
    assert feed.status_code in (200, 301, 302, 404), feed.status_code
