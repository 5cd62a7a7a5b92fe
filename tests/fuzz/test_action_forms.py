"""The signing form and the data-request form under hostile submissions: the form comes back
with its errors (200), signs (302 to "check your email"), refuses a closed action or a
forged request (4xx) — never a 500 or a trace.

The test client skips the CSRF check, as browsers pass it; ``test_forms_refuse_bad_csrf``
posts with the check on.
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from django.core import mail
from django.test import Client

from tests.actions.helpers import demo_action
from tests.conftest import ALL_LANGUAGES

from .actions_input import (
    ACTION_IDS,
    DATA_REQUEST_FIELDS,
    SIGNING_FIELDS,
    signed,
    started_at,
    submissions,
)
from .conftest import FuzzClient, path_segment
from .strategies import hostile_text, raw_query
from .support import fuzz_settings

LANGUAGES = st.sampled_from(ALL_LANGUAGES)
CONTENT_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/json",
    ]
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    """Every example reaches the form: the limit has tests of its own (tests/actions)."""
    settings.PORTAL_ACTIONS_RATE_LIMIT = 10**9


@fuzz_settings(300)
@given(language=LANGUAGES, pk=ACTION_IDS, data=submissions(SIGNING_FIELDS))
@example(
    language="en",
    pk="1",
    data={
        "email": "a@" + "é" * 63 + ".org",
        "consent": "on",
        "started": started_at(60),
        "website": "",
    },
)
@example(
    language="en",
    pk="1",
    data={"email": "a\x00@example.org", "name": "\x00", "started": signed("1" + "0" * 400)},
)
def test_signing_form(fuzz, language, pk, data):
    response = fuzz.post(f"/{language}/actions/{path_segment(pk)}/", data)
    # 400: a field name that breaks the multipart encoding (Django refuses the body)
    assert response.status_code in (200, 302, 400, 404), response.status_code


def test_address_whose_domain_has_no_ascii_form_is_refused(fuzz):
    """A label of 63 accented letters passes Django's address check but has no IDNA form, so
    no mail could be sent to it: the form says the address is not valid."""
    data = {"email": "a@" + "é" * 63 + ".org", "consent": "on", "started": started_at(60)}
    action = demo_action("freedom-of-panorama", "en")
    response = fuzz.post(f"/en/actions/{action.public_id}/", data)
    assert response.status_code == 200
    assert response.context["panel"]["form"].errors["email"]
    assert not mail.outbox


@fuzz_settings(100)
@given(language=LANGUAGES, pk=ACTION_IDS, body=raw_query(), content_type=CONTENT_TYPES)
def test_signing_form_takes_any_body(fuzz, language, pk, body, content_type):
    fuzz.post(
        f"/{language}/actions/{path_segment(pk)}/", body=body.encode(), content_type=content_type
    )


@fuzz_settings(200)
@given(language=LANGUAGES, data=submissions(DATA_REQUEST_FIELDS))
@example(language="ar", data={"email": "ß@straße.de", "started": started_at(60), "website": ""})
@example(language="en", data={"email": "a@" + "é" * 63 + ".org", "started": started_at(60)})
def test_data_request_form(fuzz, language, data):
    response = fuzz.post(f"/{language}/actions/my-data/", data)
    assert response.status_code in (200, 302, 400), response.status_code


@fuzz_settings(50)
@given(
    path=st.sampled_from(["/en/actions/x/", "/fr/actions/my-data/", "/en/actions/confirm/x/"]),
    token=st.one_of(st.none(), hostile_text()),
    cookie=st.one_of(st.none(), hostile_text(70)),
)
def test_forms_refuse_bad_csrf(request, db, path, token, cookie):
    """With the check on, a forged or missing CSRF token is a 403, whatever it holds."""
    client = Client(enforce_csrf_checks=True)
    if cookie is not None:  # as a server hands it over: the UTF-8 bytes, read as Latin-1
        client.cookies["csrftoken"] = cookie.encode().decode("latin-1")
    fuzz = FuzzClient(request.node.nodeid, client)
    data = {"email": "ana@example.org", "consent": "on", "started": started_at(60)}
    if token is not None:
        data["csrfmiddlewaretoken"] = token
    assert fuzz.post(path, data).status_code == 403
