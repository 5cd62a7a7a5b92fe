"""Open Graph and Twitter card metadata on every page type, and what it costs in queries."""

import io

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.template import Context
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page

from core.languages import page_languages
from core.models import PortalSettings
from home.models import HomePage
from syndication.templatetags.social_tags import sharing_metadata
from tests.helpers import soup

from .support import HOST, demo_campaign

PAGES = {
    "/{lang}/": "website",
    "/{lang}/campaigns/": "website",
    "/{lang}/campaigns/freedom-of-panorama/": "article",
    "/{lang}/stories/": "website",
    "/{lang}/stories/panorama-photo-marathon/": "article",
    "/{lang}/partners/": "website",
    "/{lang}/partners/open-shelf-alliance/": "article",
    "/{lang}/policy/": "website",
    "/{lang}/policy/copyright-reform/": "article",
    "/{lang}/privacy/": "article",
}
OG_LOCALES = {
    "en": "en_GB",
    "ar": "ar_AR",
    "de": "de_DE",
    "es": "es_ES",
    "fr": "fr_FR",
    "hi": "hi_IN",
    "pt-br": "pt_BR",
    "ru": "ru_RU",
    "zh-hans": "zh_CN",
}


def metadata(response):
    document = soup(response)
    found = {}
    for tag in document.select("head meta[property], head meta[name]"):
        key = tag.get("property") or tag.get("name")
        found.setdefault(key, []).append(tag["content"])
    return found


def one(meta, key):
    assert len(meta.get(key, [])) == 1, f"{key}: {meta.get(key)}"
    return meta[key][0]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "og_type"), PAGES.items())
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_type_has_link_preview_metadata(client, path, og_type, language):
    url = path.format(lang=language)
    response = client.get(url)
    assert response.status_code == 200
    meta = metadata(response)
    page = response.context["page"]
    assert page.locale.language_code == language
    assert one(meta, "og:title") == (page.seo_title or page.title)
    assert one(meta, "og:description") == page.meta_description
    assert one(meta, "og:url") == HOST + url
    assert one(meta, "og:type") == og_type
    assert one(meta, "og:site_name") == PortalSettings.objects.get().name_in(language)
    assert one(meta, "og:locale") == OG_LOCALES[language]
    translations = page.get_translations().live().values_list("locale__language_code", flat=True)
    alternates = meta.get("og:locale:alternate", [])
    assert sorted(alternates) == sorted(OG_LOCALES[code] for code in translations)
    assert OG_LOCALES[language] not in alternates
    assert one(meta, "twitter:card") == "summary_large_image"
    assert_image_is_served(client, meta)


def assert_image_is_served(client, meta):
    image_url = one(meta, "og:image")
    assert image_url.startswith(f"{HOST}/media/images/")
    # The rendition file itself (the tests run without DEBUG, so Django serves no media).
    name = image_url.removeprefix(HOST + settings.MEDIA_URL)
    with default_storage.open(name) as file:
        picture = PILImage.open(io.BytesIO(file.read()))
    assert picture.format == "JPEG"
    assert (str(picture.width), str(picture.height)) == (
        one(meta, "og:image:width"),
        one(meta, "og:image:height"),
    )
    assert one(meta, "og:image:type") == "image/jpeg"
    assert one(meta, "og:image:alt")


@pytest.mark.django_db
def test_page_image_is_used_when_the_page_has_one(client):
    campaign = demo_campaign("fr")
    meta = metadata(client.get("/fr/campaigns/freedom-of-panorama/"))
    rendition = campaign.listing_image.get_rendition("fill-1200x630|format-jpeg|jpegquality-85")
    assert one(meta, "og:image") == HOST + rendition.url
    assert one(meta, "og:image:alt") == campaign.listing_image.description


@pytest.mark.django_db
def test_page_without_image_shares_the_home_page_image(client):
    home = HomePage.objects.get(locale__language_code="es")
    meta = metadata(client.get("/es/policy/"))
    rendition = home.hero_image.get_rendition("fill-1200x630|format-jpeg|jpegquality-85")
    assert one(meta, "og:image") == HOST + rendition.url


@pytest.mark.django_db
def test_no_image_anywhere_means_a_small_card(client):
    HomePage.objects.update(hero_image=None, listing_image=None)
    meta = metadata(client.get("/en/campaigns/"))
    assert "og:image" not in meta and "og:image:width" not in meta
    assert one(meta, "twitter:card") == "summary"


@pytest.mark.django_db
def test_untranslated_page_describes_itself_in_its_own_language(client):
    meta = metadata(client.get("/de/campaigns/freedom-of-panorama/"))
    assert one(meta, "og:locale") == "en_GB"
    assert one(meta, "og:url") == f"{HOST}/en/campaigns/freedom-of-panorama/"
    assert "en_GB" not in meta.get("og:locale:alternate", [])
    assert one(meta, "og:title") == demo_campaign("en").title


@pytest.mark.django_db
def test_metadata_names_no_person(client):
    from users.models import User

    editor = User.objects.create_user(
        username="edna.editor", email="edna@example.org", first_name="Edna", password="x" * 16
    )
    campaign = demo_campaign("en")
    campaign.owner = editor
    campaign.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    head = client.get("/en/campaigns/freedom-of-panorama/").content.decode().split("</head>")[0]
    assert "edna" not in head.lower()
    assert "article:author" not in head


@pytest.mark.django_db
def test_views_that_are_not_pages_have_no_page_metadata(client):
    meta = metadata(client.get("/en/search/?q=copyright"))
    assert "og:title" not in meta
    assert not soup(client.get("/en/no-such-page/")).select('link[rel="canonical"]')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/en/campaigns/freedom-of-panorama/", 1),  # its own image (the body shows it anyway)
        ("/ar/partners/", 1),  # no image of its own: the home page's, in one query
        ("/fr/", 0),  # the home page's own image (its hero, shown anyway)
    ],
)
def test_metadata_costs_at_most_one_query(client, url, ceiling):
    response = client.get(url)  # renditions are created and cached, as on a running site
    language = url.split("/")[1]
    page = Page.objects.get(pk=response.context["page"].pk).specific
    if ceiling == 0:
        page.hero_image  # noqa: B018 - the page template loads it before the metadata
    request = RequestFactory().get(url)
    with translation.override(language):
        # What the page's <head> has already loaded before the metadata.
        PortalSettings.for_request(request)
        page_languages(request, page)
        with CaptureQueriesContext(connection) as queries:
            meta = sharing_metadata(Context({"request": request}), page)
    assert meta["image"] is not None
    assert len(queries.captured_queries) <= ceiling, [q["sql"] for q in queries.captured_queries]
