"""Pages with a form in the page cache: each reader gets a CSRF token and a start time of their
own, and a token rendered outside a hole keeps the page out of the cache."""

import re

import pytest

from django.test import Client

from actions.models import CampaignAction, Signature
from core import holes
from safeguards.started import started_age

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED = re.compile(rb'name="started" value="([^"]+)"')


@pytest.fixture
def action(db):
    found = (
        CampaignAction.objects.filter(campaign__live=True, campaign__locale__language_code="en")
        .select_related("campaign")
        .first()
    )
    if found is None:
        pytest.skip("the demo has no campaign action")
    return found


def test_a_page_with_a_form_is_cached_with_values_per_reader(page_cache, action):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = action.campaign.specific.url
    miss = first.get(url)
    assert miss["X-Page-Cache"] == "miss"
    hit = second.get(url)
    assert hit["X-Page-Cache"] == "hit"
    for response, client in ((miss, first), (hit, second)):
        assert "private" in response["Cache-Control"]
        assert b"hole-" not in response.content
        assert TOKEN.search(response.content)
        assert started_age(STARTED.search(response.content).group(1).decode()) < 60
        assert client.cookies["csrftoken"].value
    assert TOKEN.search(miss.content).group(1) != TOKEN.search(hit.content).group(1)


def test_no_reader_is_told_that_another_readers_copy_is_fresh(page_cache, action):
    url = action.campaign.specific.url
    first = Client().get(url)
    hit = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert hit["X-Page-Cache"] == "hit"
    assert hit.status_code == 200 and TOKEN.search(hit.content)  # not 304: the token is new
    again = Client().get(url)
    assert len({first["ETag"], hit["ETag"], again["ETag"]}) == 3


def test_a_reader_served_from_the_cache_can_sign(page_cache, action, settings):
    settings.PORTAL_ACTIONS_MIN_FILL_SECONDS = 0
    reader = Client(enforce_csrf_checks=True)
    url = action.campaign.specific.url
    Client().get(url)  # someone else fills the cache
    page = reader.get(url)
    assert page["X-Page-Cache"] == "hit"
    form = re.search(rb'<form class="action-form" method="post" action="([^"]+)"', page.content)
    data = {
        "csrfmiddlewaretoken": TOKEN.search(page.content).group(1).decode(),
        "started": STARTED.search(page.content).group(1).decode(),
        "email": "reader@example.org",
        "name": "Ana",
        "country": "PT",
        "consent": "on",
    }
    before = Signature.objects.count()
    response = reader.post(form.group(1).decode(), data)
    assert response.status_code in (200, 302), response.content[:500]
    assert Signature.objects.count() == before + 1


def test_a_token_outside_the_holes_keeps_the_page_out(rf):
    request = rf.get("/")
    holes.record(request, "csrf", "abc")
    page = b'<input name="csrfmiddlewaretoken" value="abc"><input name="csrfmiddlewaretoken">'
    assert holes.punch(request, page) is None
    assert holes.punch(request, page[: page.index(b"><") + 1]) == (
        b'<input name="csrfmiddlewaretoken" value="' + holes.markers.marker("csrf") + b'">'
    )


def test_a_page_without_holes_is_not_punched(rf):
    assert holes.punch(rf.get("/"), b"<p>text</p>") is None


def test_the_token_filled_in_is_one_django_accepts(rf):
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token

    new_reader = rf.get("/")
    first, second = holes._csrf(new_reader), holes._csrf(new_reader)
    secret = new_reader.META["CSRF_COOKIE"]
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert new_reader.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert first != second  # a fresh mask each time, for the same secret
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret

    returning = rf.get("/")
    returning.META["CSRF_COOKIE"] = "a" * 32  # as CsrfViewMiddleware reads it from the cookie
    assert _unmask_cipher_token(holes._csrf(returning)) == "a" * 32
    assert returning.META["CSRF_COOKIE"] == "a" * 32


def test_new_secrets_use_the_whole_alphabet_evenly():
    from collections import Counter

    from django.middleware.csrf import CSRF_ALLOWED_CHARS

    counts = Counter("".join(holes._random_chars(32) for _ in range(2000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 2000 * 32 / len(CSRF_ALLOWED_CHARS)  # about 1,032 each
    assert all(0.8 * expected < count < 1.2 * expected for count in counts.values())
