"""The offer to speak, the relay form and the spokespeople's links under hostile input: the
form comes back with its errors (200), is taken (302), is over the limit (429), refuses a body
Django cannot parse (400), a person not listed (404) or a forged link (400) — never a 500
or a trace."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spokespeople.models import Spokesperson
from tests.conftest import ALL_LANGUAGES

from .actions_input import SIGNING_FIELDS, submissions
from .conftest import path_segment
from .strategies import hostile_text
from .support import fuzz_settings

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
OFFER_FIELDS = {
    "public_name": (st.sampled_from(["Amal", "Lucía", "李明"]), hostile_text()),
    "name_kind": (st.sampled_from(["real", "pseudonym"]), hostile_text(10)),
    "bio": (st.text(min_size=1, max_size=600).filter(str.strip), hostile_text()),
    "topics": (
        st.sampled_from([[], ["copyright"], ["open-data", "privacy-surveillance"]]),
        hostile_text(20),
    ),
    "regions": (st.sampled_from([[], ["global"]]), hostile_text(20)),
    "languages": (st.sampled_from([["ar"], ["en", "fr"]]), hostile_text(5)),
    "email": SIGNING_FIELDS["email"],
    "consent": SIGNING_FIELDS["consent"],
    "started": SIGNING_FIELDS["started"],
    "website": SIGNING_FIELDS["website"],
}
RELAY_FIELDS = {
    "name": SIGNING_FIELDS["name"],
    "outlet": (st.sampled_from(["The Daily", "صحيفة"]), hostile_text()),
    "email": SIGNING_FIELDS["email"],
    "message": (st.text(min_size=1, max_size=3000).filter(str.strip), hostile_text()),
    "started": SIGNING_FIELDS["started"],
    "website": SIGNING_FIELDS["website"],
}
PEOPLE = st.one_of(
    st.deferred(
        lambda: st.sampled_from(
            sorted(Spokesperson.objects.filter(status="listed").values_list("pk", flat=True))
        )
    ),
    st.integers(0, 10**12),
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 10**9


@fuzz_settings(100)
@given(language=LANGUAGES, data=submissions(OFFER_FIELDS))
def test_offer_form(fuzz, language, data):
    response = fuzz.post(f"/{language}/network/spokespeople/offer/", data)
    assert response.status_code in (200, 302, 400, 429), response.status_code


@fuzz_settings(100)
@given(language=LANGUAGES, person_id=PEOPLE, data=submissions(RELAY_FIELDS))
def test_relay_form(fuzz, language, person_id, data):
    response = fuzz.post(f"/{language}/network/spokespeople/{person_id}/write/", data)
    assert response.status_code in (200, 302, 400, 404, 429), response.status_code


@fuzz_settings(60)
@given(
    language=LANGUAGES,
    query=st.dictionaries(
        st.sampled_from(["topic", "region", "language", "page"]), hostile_text(40), max_size=3
    ),
)
def test_directory_filters(fuzz, language, query):
    response = fuzz.get(f"/{language}/network/spokespeople/", list(query.items()))
    assert response.status_code == 200, response.status_code


@fuzz_settings(60)
@given(
    language=LANGUAGES,
    kind=st.sampled_from(["confirm", "leave"]),
    token=st.text(min_size=1, max_size=300),
)
def test_spokespeople_links(fuzz, language, kind, token):
    response = fuzz.get(f"/{language}/network/spokespeople/{kind}/{path_segment(token)}/")
    assert response.status_code in (400, 404), response.status_code
