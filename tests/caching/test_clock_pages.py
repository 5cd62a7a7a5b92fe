"""Pages that change with the clock are kept in the page cache until they change, no longer:
an event moves from upcoming to past at its end, a consultation closes after its last day."""

import datetime

import pytest

from django.core.cache import cache
from django.utils import timezone

from consultations.models import Consultation
from tests.events.helpers import index, new_event

pytestmark = pytest.mark.django_db

DAY = 24 * 60 * 60


def kept_for(path):
    """Seconds the page cache keeps ``path`` (the local-memory cache of the tests)."""
    expiries = [expiry for key, expiry in cache._expire_info.items() if f":{path}:" in key]
    assert len(expiries) == 1, (path, list(cache._expire_info))
    return expiries[0] - timezone.now().timestamp()


def fetched(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["X-Page-Cache"] == "miss"
    return response


def test_an_event_page_and_the_listing_are_kept_until_the_event_ends(client, page_cache, settings):
    settings.PORTAL_PAGE_CACHE_TTL = DAY
    event = new_event(days=0, hours=1)
    event.start = timezone.now() - datetime.timedelta(hours=1)
    event.end = timezone.now() + datetime.timedelta(seconds=120)
    event.save_revision().publish()
    fetched(client, event.url)
    assert 0 < kept_for(event.url) <= 120
    listing = index().url
    fetched(client, listing)
    assert 0 < kept_for(listing) <= 120
    # Past the end, nothing is kept for a switch already made.
    event.end = timezone.now() - datetime.timedelta(seconds=1)
    event.save_revision().publish()
    cache.clear()
    fetched(client, event.url)
    assert kept_for(event.url) > 120


def test_an_open_consultation_is_kept_until_it_closes_and_a_closed_one_as_long_as_any(
    client, page_cache, settings
):
    settings.PORTAL_PAGE_CACHE_TTL = 10 * DAY
    consultation = Consultation.objects.filter(
        locale__language_code="en", opens_on__lte=timezone.localdate()
    ).first()
    Consultation.objects.filter(translation_key=consultation.translation_key).update(
        closes_on=timezone.localdate()
    )
    path = f"/en/consultations/{consultation.slug}/"
    fetched(client, path)
    midnight = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=1), datetime.time.min
        )
    )
    assert 0 < kept_for(path) <= (midnight - timezone.now()).total_seconds() + 1

    Consultation.objects.filter(translation_key=consultation.translation_key).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    cache.clear()
    fetched(client, path)
    assert kept_for(path) > 9 * DAY
