"""The full-page cache: what it serves, what it never stores, and what each change purges."""

import gzip
import hashlib

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from wagtail.models import Locale, Page

from core.models import PortalSettings, Topic


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache")


def warm(client, *urls):
    for url in urls:
        served(client, url)
        assert served(client, url) == "hit", url


def page(code, slug):
    return Page.objects.get(locale__language_code=code, slug=slug).specific


def campaign_without_form():
    """An English campaign with a French translation and no action form."""
    from actions.models import CampaignAction
    from campaigns.models import CampaignPage

    with_actions = CampaignAction.objects.values_list("campaign__translation_key", flat=True)
    french = CampaignPage.objects.filter(locale__language_code="fr", live=True)
    return (
        CampaignPage.objects.filter(locale__language_code="en", live=True)
        .exclude(translation_key__in=with_actions)
        .filter(translation_key__in=french.values("translation_key"))
        .first()
    )


@pytest.mark.django_db
def test_an_anonymous_page_is_served_from_the_cache_without_queries(
    client, page_cache, django_assert_num_queries
):
    assert served(client, "/en/campaigns/") == "miss"
    with django_assert_num_queries(0):
        assert served(client, "/en/campaigns/") == "hit"
    # Each query string is its own entry: filters and pages of a listing.
    assert served(client, "/en/campaigns/?status=live") == "miss"


@pytest.mark.django_db
def test_signed_in_readers_and_sessions_are_never_served_or_stored(client, page_cache):
    warm(client, "/en/stories/")
    editor = get_user_model().objects.create_user("cache-editor", password="x" * 16)
    signed_in = Client()
    signed_in.force_login(editor)
    assert served(signed_in, "/en/stories/") is None
    assert served(signed_in, "/en/partners/") is None
    assert served(client, "/en/partners/") == "miss", "the signed-in answer was not stored"


@pytest.mark.django_db
def test_publishing_purges_the_page_its_translations_listings_and_home_only(
    client, page_cache, django_capture_on_commit_callbacks
):
    campaign = campaign_without_form()
    french = page("fr", campaign.slug)
    affected = [campaign.url, french.url, "/en/campaigns/", "/fr/campaigns/", "/en/", "/fr/"]
    unrelated = ["/en/privacy/", "/fr/partners/"]
    warm(client, *affected, *unrelated, "/en/campaigns/?status=live")

    with django_capture_on_commit_callbacks(execute=True):
        campaign.summary = "A new summary, shown in listings at once."
        campaign.save_revision().publish()

    for url in affected:
        assert served(client, url) == "miss", url
    assert served(client, "/en/campaigns/?status=live") == "miss"
    for url in unrelated:
        assert served(client, url) == "hit", url
    assert b"A new summary, shown in listings at once." in client.get("/en/campaigns/").content


@pytest.mark.django_db
def test_unpublishing_and_deleting_purge(client, page_cache, django_capture_on_commit_callbacks):
    story = Page.objects.filter(locale__language_code="en", depth=4, url_path__contains="/stories/")
    story = story.first().specific
    warm(client, story.url, "/en/stories/")
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert client.get(story.url).status_code == 404
    assert served(client, "/en/stories/") == "miss"

    partner = Page.objects.filter(locale__language_code="en", url_path__contains="/partners/")
    partner = partner.filter(depth=4).first().specific
    warm(client, partner.url, "/en/partners/")
    with django_capture_on_commit_callbacks(execute=True):
        partner.delete()
    assert served(client, "/en/partners/") == "miss"


@pytest.mark.django_db
def test_moving_purges_the_old_and_the_new_place(
    client, page_cache, django_capture_on_commit_callbacks
):
    campaign = campaign_without_form()
    old_url = campaign.url
    privacy = page("en", "privacy")
    warm(client, old_url, "/en/campaigns/", "/en/privacy/")
    with django_capture_on_commit_callbacks(execute=True):
        campaign.move(privacy, pos="last-child")
    # Wagtail's redirects app sends the old address on: not the cached page.
    assert client.get(old_url).status_code == 301
    assert served(client, "/en/campaigns/") == "miss"
    assert served(client, "/en/privacy/") == "miss"


@pytest.mark.django_db
def test_a_term_or_the_settings_purge_every_page(
    client, page_cache, django_capture_on_commit_callbacks
):
    warm(client, "/en/", "/ar/campaigns/", "/es/privacy/")
    topic = Topic.objects.filter(locale__language_code="en").first()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Renamed topic"
        topic.save()
    assert served(client, "/en/") == "miss" and served(client, "/ar/campaigns/") == "miss"

    warm(client, "/es/privacy/")
    with django_capture_on_commit_callbacks(execute=True):
        PortalSettings.objects.first().save()
    assert served(client, "/es/privacy/") == "miss"


@pytest.mark.django_db
def test_conditional_get_and_compression(client):
    response = client.get("/en/campaigns/")
    assert response["ETag"]
    again = client.get("/en/campaigns/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and not again.content
    compressed = client.get("/en/campaigns/", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(compressed.content)


@pytest.mark.django_db
def test_a_cached_page_keeps_its_etag_and_answers_304(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    miss = client.get("/fr/campaigns/")
    assert miss["X-Page-Cache"] == "miss"
    hit = client.get("/fr/campaigns/")
    assert hit["X-Page-Cache"] == "hit"
    digest = hashlib.md5(hit.content, usedforsecurity=False).hexdigest()
    assert hit["ETag"] == miss["ETag"] == f'"{digest}"'
    fresh = client.get("/fr/campaigns/", HTTP_IF_NONE_MATCH=miss["ETag"])
    assert fresh.status_code == 304 and not fresh.content


@pytest.mark.django_db
def test_pages_render_when_redis_is_down(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
        },
    }
    settings.PORTAL_PAGE_CACHE_ALIAS = "down"
    for url in ("/en/", "/en/campaigns/", "/en/campaigns/freedom-of-panorama/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"


@pytest.mark.django_db
def test_a_page_is_cached_per_scheme(client, page_cache, settings):
    """A request made https by the proxy's header (SECURE_PROXY_SSL_HEADER) is answered with
    https addresses (``build_absolute_uri``): it is never served the plain-HTTP copy, and a
    plain-HTTP reader never the https one."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The Host header a proxy passes on: without it the test client's https requests name
    # port 80 in their host, which would give them a key of their own by accident.
    client.defaults["HTTP_HOST"] = "testserver"
    warm(client, "/en/campaigns/")
    claimed = client.get("/en/campaigns/", HTTP_X_FORWARDED_PROTO="https")
    assert claimed["X-Page-Cache"] == "miss", "the plain-HTTP copy was served over https"
    assert b"https://testserver/" in claimed.content
    again = client.get("/en/campaigns/", HTTP_X_FORWARDED_PROTO="https")
    assert again["X-Page-Cache"] == "hit" and again.content == claimed.content
    plain = client.get("/en/campaigns/")
    assert plain["X-Page-Cache"] == "hit"
    assert b"https://testserver/" not in plain.content


@pytest.mark.django_db
def test_a_page_the_settings_name_purges_every_page(
    client, page_cache, django_capture_on_commit_callbacks
):
    """The safety centre is linked from every form and the privacy notice from every footer:
    a new translation of either renews the whole site; other pages do not."""
    warm(client, "/de/partners/")
    guide = page("en", "legal-risks")
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert served(client, "/de/partners/") == "hit"

    safety = page("en", "safety")
    german = safety.copy_for_translation(Locale.objects.get(language_code="de"))
    with django_capture_on_commit_callbacks(execute=True):
        german.save_revision().publish()
    assert served(client, "/de/partners/") == "miss"
