"""The sitemap (hreflang alternates, live and public pages only), robots.txt, canonical links."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from core.languages import bcp47
from tests.helpers import soup

from .support import HOST, demo_campaign, make_private, parse_xml

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = parse_xml(response)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        entries[url.findtext(f"{SITEMAP}loc")] = alternates
    return entries


@pytest.mark.django_db
def test_demo_page_lists_every_translation_as_alternate(client):
    entries = sitemap_entries(client)
    source = demo_campaign("en")
    translations = source.get_translations(inclusive=True).live().select_related("locale")
    expected = {bcp47(page.locale.language_code): HOST + page.get_url() for page in translations}
    assert len(expected) == 6  # English and the five demo languages
    expected["x-default"] = HOST + source.get_url()
    for page in translations:
        # Each translation is listed under its own address, naming all the others.
        assert entries[HOST + page.get_url()] == expected


@pytest.mark.django_db
def test_sitemap_lists_every_live_public_page_of_every_language(client):
    entries = sitemap_entries(client)
    live = Page.objects.live().public().filter(depth__gte=2)
    assert set(entries) == {HOST + page.get_url() for page in live}
    languages = {loc.removeprefix(HOST).split("/")[1] for loc in entries}
    assert languages == {"en", "ar", "de", "es", "fr", "hi", "pt-br", "ru", "zh-hans"}


@pytest.mark.django_db
def test_sitemap_leaves_out_unpublished_private_and_untranslated_pages(client):
    demo_campaign("en", "privacy-for-readers").unpublish()
    make_private(demo_campaign("fr", "zero-rating-fair-access"))
    entries = sitemap_entries(client)
    assert f"{HOST}/en/campaigns/privacy-for-readers/" not in entries
    assert f"{HOST}/fr/campaigns/zero-rating-fair-access/" not in entries
    # The French translation of the unpublished page stays, without the English alternate.
    french = entries[f"{HOST}/fr/campaigns/privacy-for-readers/"]
    assert "en" not in french and "x-default" not in french
    # A page served under /de/ in English (not translated) is not a page of its own.
    assert f"{HOST}/de/campaigns/freedom-of-panorama/" not in entries
    alternates = entries[f"{HOST}/en/campaigns/zero-rating-fair-access/"]
    assert "fr" not in alternates


@pytest.mark.django_db
def test_sitemap_queries_do_not_grow_with_pages(client):
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as before:
        client.get("/sitemap.xml")
    index = CampaignIndexPage.objects.get(locale__language_code="en")
    for number in range(5):
        CampaignPageFactory(parent=index, title=f"Sitemap campaign {number}")
    with CaptureQueriesContext(connection) as after:
        entries = sitemap_entries(client)
    assert f"{HOST}/en/campaigns/sitemap-campaign-4/" in entries
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/api/", "/en/search/", "/zh-hans/search/"):
        assert f"Disallow: {path}" in lines
    assert "Allow: /" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
def test_robots_txt_does_not_disallow_public_pages_or_feeds(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow:")]
    for public in ("/en/", "/fr/campaigns/", "/en/feeds/campaigns/rss/", "/media/", "/static/"):
        assert not any(public.startswith(path) for path in disallowed)


def canonical_links(response):
    return [link["href"] for link in soup(response).select('link[rel="canonical"]')]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/",
        "/{lang}/campaigns/",
        "/{lang}/campaigns/freedom-of-panorama/",
        "/{lang}/stories/",
        "/{lang}/stories/panorama-photo-marathon/",
        "/{lang}/partners/",
        "/{lang}/partners/open-shelf-alliance/",
        "/{lang}/policy/",
        "/{lang}/policy/copyright-reform/",
        "/{lang}/privacy/",
    ],
)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_has_one_canonical_link_to_itself(client, path, language):
    url = path.format(lang=language)
    assert canonical_links(client.get(url)) == [HOST + url]


@pytest.mark.django_db
def test_canonical_drops_filters_and_keeps_the_listing_page(client, settings):
    settings.PORTAL_PAGE_SIZE = 2
    assert canonical_links(client.get("/en/campaigns/?page=2")) == [f"{HOST}/en/campaigns/?page=2"]
    assert canonical_links(client.get("/en/campaigns/?status=live")) == [f"{HOST}/en/campaigns/"]
    # A page number past the end shows the last page; the canonical link names that page.
    last = canonical_links(client.get("/en/campaigns/?page=999"))[0]
    assert last != f"{HOST}/en/campaigns/?page=999" and "?page=" in last


@pytest.mark.django_db
def test_untranslated_page_names_the_source_as_canonical(client):
    response = client.get("/de/campaigns/freedom-of-panorama/")
    assert canonical_links(response) == [f"{HOST}/en/campaigns/freedom-of-panorama/"]
    assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex"
