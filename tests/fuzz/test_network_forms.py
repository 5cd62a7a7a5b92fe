"""The endorsement request form and its links under hostile input: the form comes back with its
errors (200), asks for confirmation (302), or refuses (404 for a page that takes no
endorsements, 400 for a forged link) — never a 500 or a trace."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainers.models import PolicyExplainerPage
from tests.conftest import ALL_LANGUAGES

from .actions_input import SIGNING_FIELDS, submissions
from .conftest import path_segment
from .strategies import hostile_text
from .support import fuzz_settings

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
REQUEST_FIELDS = {
    "organisation": (st.text(min_size=1, max_size=200).filter(str.strip), hostile_text()),
    "organisation_website": (st.just("https://example.org"), hostile_text()),
    "contact_email": SIGNING_FIELDS["email"],
    "statement": (st.text(max_size=1000), hostile_text()),
    "started": SIGNING_FIELDS["started"],
    "website": SIGNING_FIELDS["website"],
}
PAGE_IDS = st.one_of(
    st.deferred(
        lambda: st.sampled_from(
            sorted(PolicyExplainerPage.objects.live().values_list("pk", flat=True))
        )
    ),
    st.integers(0, 10**12),
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.PORTAL_ACTIONS_RATE_LIMIT = 10**9


@fuzz_settings(150)
@given(language=LANGUAGES, page_id=PAGE_IDS, data=submissions(REQUEST_FIELDS))
def test_endorsement_request_form(fuzz, language, page_id, data):
    response = fuzz.post(f"/{language}/network/endorse/{page_id}/", data)
    assert response.status_code in (200, 302, 400, 404, 429), response.status_code


@fuzz_settings(100)
@given(
    language=LANGUAGES,
    kind=st.sampled_from(["confirm", "renew"]),
    token=st.text(min_size=1, max_size=300),
)
def test_network_links(fuzz, language, kind, token):
    response = fuzz.get(f"/{language}/network/{kind}/{path_segment(token)}/")
    assert response.status_code in (400, 404), response.status_code
