"""Pages with a form in the page cache: each reader gets a CSRF token and a start time of their
own, and a token rendered outside a hole keeps the page out of the cache."""

import re

import pytest

from django.test import Client

from actions.models import CampaignAction, Signature
from actions.tokens import started_age
from caching import holes

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
