"""What a link preview (Open Graph, Twitter cards) shows of a page: its title, language,
alternates and image. Read by ``syndication.templatetags.social_tags``."""

from django.conf import settings
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page

from core import lookups
from core.identity import organisation
from core.images import rendition_facts
from core.languages import translated_languages
from core.models.index import ListingIndexPage
from home.models import HomePage
from syndication.seo import canonical_url

# A wide image, the size link previews show best; JPEG, which every preview service reads.
SHARING_RENDITION = "fill-1200x630|format-jpeg|jpegquality-85"
# The page's own image fields, in order of preference.
SHARING_IMAGE_FIELDS = ("listing_image", "hero_image", "logo")
# Open Graph names locales language_TERRITORY; the portal's languages are not tied to a country,
# so each gets the territory preview services expect for it.
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


def og_locale(language_code):
    language, _, region = language_code.partition("-")
    return OG_LOCALES.get(language_code) or (f"{language}_{region.upper()}" if region else language)


def page_language(request):
    """The language of the page being served: the URL's, or the source language when the page
    is shown because this language has no translation (see ``HomePage.route``)."""
    if getattr(request, "portal_untranslated_in", None):
        return settings.LANGUAGE_CODE
    return translation.get_language()


def own_image(page):
    for name in SHARING_IMAGE_FIELDS:
        if getattr(page, f"{name}_id", None):
            return getattr(page, name)
    return None


def default_image(page):
    """The site's default sharing image: the image of the home page the page lies under."""
    if page.depth <= 2:  # a home page: its own images were tried already
        return None
    home_image = (
        HomePage.objects.filter(path=page.path[: Page.steplen * 2])
        .annotate(image=Coalesce("listing_image", "hero_image"))
        .values("image")[:1]
    )
    return get_image_model().objects.filter(pk=Subquery(home_image)).first()


def _rendition(request, image):
    facts = rendition_facts(image, SHARING_RENDITION, request)
    # Without its original file the page is shared without image.
    return None if facts is None else {**facts, "alt": image.description}


def sharing_image(request, page):
    image = own_image(page)
    if image is not None:
        found = _rendition(request, image)
    else:
        # The same for every page under a home page: a cached lookup, renewed when a page is
        # published or an image changes (``core.lookups``).
        def compute():
            default = default_image(page)
            return _rendition(request, default) if default is not None else None

        found = lookups.cached(request, f"sharing-image:{page.path[: Page.steplen * 2]}", compute)
    if found is None:
        return None
    return {**found, "url": request.build_absolute_uri(found["path"])}


def sharing_metadata(request, page, *, listing_page=1):
    """What a link preview shows for ``page``."""
    language = page_language(request)
    identity = organisation(request, language)
    translated = translated_languages(request, page)
    alternates = [
        og_locale(code)
        for code, _name in settings.LANGUAGES
        if code in translated and code != language
    ]
    is_article = not isinstance(page, HomePage | ListingIndexPage)
    return {
        "title": page.seo_title or page.title,
        "description": getattr(page, "meta_description", page.search_description),
        "url": canonical_url(request, page, listing_page=listing_page),
        "site_name": identity.name,
        "logo": identity.logo_url(request, "wide"),
        "type": "article" if is_article else "website",
        "locale": og_locale(language),
        "alternate_locales": alternates,
        "published": page.first_published_at if is_article else None,
        "modified": page.last_published_at if is_article else None,
        "image": sharing_image(request, page),
    }
